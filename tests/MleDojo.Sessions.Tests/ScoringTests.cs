using MleDojo.Core.Grading;
using MleDojo.Core.Sessions;
using MleDojo.Sessions.Tests.Support;

namespace MleDojo.Sessions.Tests;

/// <summary>What execute, validate and submit say about submissions, scored by the real grader.</summary>
public sealed class ScoringTests(SandboxFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Execute_ValidSubmissionsHigherIsBetter_ScoresThemAndKeepsTheHighestAsBest()
    {
        await using var dojo = await Dojo.CreateAsync(fixture);
        var started = await dojo.StartAsync();
        Assert.True(started.HigherIsBetter);
        var id = started.SessionId;

        var constant = await dojo.ExecuteAsync(id, Scripts.Constant);
        Assert.Equal(RunStatus.Succeeded, constant.Status);
        Assert.Equal(0, constant.ExitCode);
        Assert.Contains("wrote 60 rows", constant.Stdout);
        Assert.Equal((true, true, true, 60, 0), Flags(constant.Submission!));
        Assert.InRange(constant.PublicScore!.Value, 0.2, 0.8);
        Assert.Equal(constant.PublicScore, constant.BestPublicScore);
        // Normalised between the baseline (0.5 = 0) and the reference (0.9 = 1).
        Assert.Equal((constant.PublicScore.Value - 0.5) / 0.4, constant.Reward, 9);

        var perfect = await dojo.ExecuteAsync(id, Scripts.Perfect);
        Assert.Equal(1.0, perfect.PublicScore);
        Assert.Equal(1.0, perfect.BestPublicScore);
        Assert.Equal(1.25, perfect.Reward, 9);

        var inverted = await dojo.ExecuteAsync(id, Scripts.Inverted);
        Assert.Equal(0.0, inverted.PublicScore);
        Assert.Equal(1.0, inverted.BestPublicScore);
        Assert.Equal(-1.25, inverted.Reward, 9);

        var history = await dojo.Sessions.GetHistoryAsync(id, Ct);
        Assert.Equal(1.0, history.BestPublicScore);
        Assert.Equal([constant.PublicScore, 1.0, 0.0], history.Steps.Where(s => s.Action == ActionName.ExecuteCode).Select(s => s.PublicScore));
        Assert.True((await dojo.RecordedSessionAsync(id))!.SawPublicScores);
    }

    [Fact]
    public async Task Execute_ValidSubmissionsLowerIsBetter_KeepsTheLowestAsBest()
    {
        await using var dojo = await Dojo.CreateAsync(fixture);
        var started = await dojo.StartAsync(Competitions.Regression);
        Assert.False(started.HigherIsBetter);
        var id = started.SessionId;

        var bad = await dojo.ExecuteAsync(id, Scripts.Values("1000"));
        var good = await dojo.ExecuteAsync(id, Scripts.Values("55"));
        var worse = await dojo.ExecuteAsync(id, Scripts.Values("5000"));

        Assert.True(good.PublicScore < bad.PublicScore);
        Assert.Equal(bad.PublicScore, bad.BestPublicScore);
        Assert.Equal(good.PublicScore, good.BestPublicScore);
        Assert.Equal(good.PublicScore, worse.BestPublicScore);
        Assert.Equal(0, good.Reward); // no leaderboard and no anchors: no reward

        var submitted = await dojo.Sessions.SubmitAsync(id, cancellationToken: Ct);
        Assert.Equal(2, submitted.Step);
        Assert.Equal(good.PublicScore, submitted.PublicScore);
    }

    [Fact]
    public async Task Validate_ValidOrInvalidSubmission_ChecksItButNeverScores()
    {
        await using var dojo = await Dojo.CreateAsync(fixture);
        var id = (await dojo.StartAsync()).SessionId;

        var valid = await dojo.ValidateAsync(id, Scripts.Perfect);
        Assert.Equal(ActionName.ValidateCode, valid.Action);
        Assert.True(valid.Submission!.Valid);
        Assert.True(valid.Submission.WrittenByThisRun);
        Assert.Null(valid.PublicScore);
        Assert.Null(valid.BestPublicScore);
        Assert.Equal(0, valid.Reward);

        var invalid = await dojo.ValidateAsync(id, Scripts.Labels("'c'"));
        Assert.False(invalid.Submission!.Valid);
        var error = Assert.Single(invalid.Submission.Errors);
        Assert.Equal(SubmissionErrorCodes.UnknownLabel, error.Code);
        Assert.False(string.IsNullOrWhiteSpace(error.Hint));
        Assert.Null(invalid.PublicScore);

        // Nothing validated can be submitted, and the agent has seen no test-derived signal.
        var refused = await Assert.ThrowsAsync<SessionException>(() => dojo.Sessions.SubmitAsync(id, cancellationToken: Ct));
        Assert.Equal(SessionErrorCode.NothingToSubmit, refused.Reason);
        Assert.Contains("execute_code", refused.Message);
        Assert.False((await dojo.RecordedSessionAsync(id))!.SawPublicScores);
        Assert.All(await dojo.RecordedStepsAsync(id), s => Assert.Null(s.PublicScore));

        // Only scored submissions are kept as server-side copies: the validated ones are gone.
        var copies = Path.Combine(dojo.DataRoot.Sessions, id, "submissions");
        Assert.Empty(Directory.GetFiles(copies));
        await dojo.ExecuteAsync(id, Scripts.Perfect);
        Assert.Single(Directory.GetFiles(copies));
    }

    [Fact]
    public async Task Execute_InvalidSubmission_GetsErrorsWithHintsAndNoScore()
    {
        await using var dojo = await Dojo.CreateAsync(fixture);
        var id = (await dojo.StartAsync()).SessionId;

        var wrongIds = await dojo.ExecuteAsync(id, Scripts.Labels("'a'", ids: "int(r['id']) + 100000"));
        Assert.True(wrongIds.Submission!.Found);
        Assert.False(wrongIds.Submission.Valid);
        Assert.Contains(wrongIds.Submission.Errors, e => e.Code is SubmissionErrorCodes.UnknownIds or SubmissionErrorCodes.MissingIds);
        Assert.All(wrongIds.Submission.Errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Hint)));
        Assert.Null(wrongIds.PublicScore);
        Assert.Null(wrongIds.BestPublicScore);
        Assert.Equal(0, wrongIds.Reward);

        var regression = (await dojo.StartAsync(Competitions.Regression)).SessionId;
        var nan = await dojo.ExecuteAsync(regression, Scripts.Values("float('nan')"));
        Assert.False(nan.Submission!.Valid);
        var notFinite = Assert.Single(nan.Submission.Errors);
        Assert.Equal(SubmissionErrorCodes.NotFinite, notFinite.Code);
        Assert.False(string.IsNullOrWhiteSpace(notFinite.Hint));
        Assert.Null(nan.PublicScore);

        var missing = await dojo.ExecuteAsync(regression, "print('no submission here')\n");
        Assert.True(missing.Submission!.Found); // the NaN file from the step before is still there
        Assert.False(missing.Submission.WrittenByThisRun);

        var fresh = (await dojo.StartAsync()).SessionId;
        var none = await dojo.ExecuteAsync(fresh, Scripts.Hello);
        Assert.Equal((false, false, false, 0, 0), Flags(none.Submission!));
    }

    [Fact]
    public async Task Execute_SubmissionLeftAlone_ReportsItWasNotWrittenByThisRun()
    {
        await using var dojo = await Dojo.CreateAsync(fixture);
        var id = (await dojo.StartAsync()).SessionId;
        var wrote = await dojo.ExecuteAsync(id, Scripts.Perfect);
        Assert.True(wrote.Submission!.WrittenByThisRun);

        var untouched = await dojo.ExecuteAsync(id, "print('thinking')\n");
        Assert.True(untouched.Submission!.Found);
        Assert.True(untouched.Submission.Valid);
        Assert.False(untouched.Submission.WrittenByThisRun);

        // Rewriting the same bytes is not a change either; different bytes are.
        var same = await dojo.ExecuteAsync(id, Scripts.Perfect);
        Assert.False(same.Submission!.WrittenByThisRun);
        var changed = await dojo.ExecuteAsync(id, Scripts.Constant);
        Assert.True(changed.Submission!.WrittenByThisRun);
    }

    [Fact]
    public async Task Submit_WithOrWithoutAStep_TakesTheStepAskedForOrTheBestPublic()
    {
        await using var dojo = await Dojo.CreateAsync(fixture);
        var id = (await dojo.StartAsync()).SessionId;
        await dojo.ExecuteAsync(id, Scripts.Constant);                 // step 1, valid
        await dojo.ExecuteAsync(id, Scripts.Perfect);                  // step 2, best
        await dojo.ExecuteAsync(id, Scripts.Labels("'c'"));            // step 3, invalid
        await dojo.ValidateAsync(id, Scripts.Perfect);                 // step 4, valid but never scored

        foreach (var step in new[] { 3, 4, 99 })
        {
            var error = await Assert.ThrowsAsync<SessionException>(() => dojo.Sessions.SubmitAsync(id, step, Ct));
            Assert.Equal(SessionErrorCode.InvalidArgument, error.Reason);
            Assert.Contains($"Step {step} has no valid scored submission", error.Message);
            Assert.Contains("Steps you can submit: 1, 2.", error.Message);
        }

        var best = await dojo.Sessions.SubmitAsync(id, cancellationToken: Ct);
        Assert.Equal(2, best.Step);
        Assert.Equal(1.0, best.PrivateScore);
        Assert.Equal(1.0, best.PublicScore);
        Assert.False(best.Automatic);
        Assert.True(best.SawPublicScores);
        Assert.NotNull(best.NormalizedScore);
        Assert.True(best.Report.ValidSubmission);

        var other = (await dojo.StartAsync()).SessionId;
        var constant = await dojo.ExecuteAsync(other, Scripts.Constant);
        await dojo.ExecuteAsync(other, Scripts.Perfect);
        var chosen = await dojo.Sessions.SubmitAsync(other, 1, Ct);
        Assert.Equal(1, chosen.Step);
        Assert.Equal(constant.PublicScore, chosen.PublicScore);
        Assert.True(chosen.PrivateScore < 1.0);
    }

    [Fact]
    public async Task Execute_ShippedCompetitionBaseline_PlaysThroughToItsRecordedScore()
    {
        await using var dojo = await Dojo.CreateAsync(fixture);
        var started = await dojo.StartAsync("penguins");
        Assert.Equal("/workspace", started.Workspace.Root);
        Assert.Contains("sample_submission.csv", started.Workspace.InputFiles);
        var baseline = await File.ReadAllTextAsync(Path.Combine(dojo.CompetitionsDirectory, "penguins", "solutions", "baseline.py"), Ct);

        var run = await dojo.ExecuteAsync(started.SessionId, baseline, waitSeconds: 60);

        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.True(run.Submission!.Valid, string.Join("; ", run.Submission.Errors.Select(e => e.Message)));
        Assert.InRange(run.Reward, -0.2, 0.2); // the baseline is the 0 of the normalised score
        var submitted = await dojo.Sessions.SubmitAsync(started.SessionId, cancellationToken: Ct);
        Assert.Equal(1.03024, submitted.PrivateScore!.Value, 4);
        Assert.Equal(0, submitted.NormalizedScore!.Value, 4);
    }

    private static (bool Found, bool Written, bool Valid, int Rows, int Errors) Flags(SubmissionStatus s) =>
        (s.Found, s.WrittenByThisRun, s.Valid, s.Rows, s.Errors.Count);
}
