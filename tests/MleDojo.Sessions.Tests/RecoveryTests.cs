using MleDojo.Core.Sessions;
using MleDojo.Sessions.Tests.Support;

namespace MleDojo.Sessions.Tests;

/// <summary>
/// Nothing recorded is lost when the server stops: a new manager on the same data root and SQLite file brings
/// active episodes back under their ids, after a clean shutdown or a crash.
/// </summary>
public sealed class RecoveryTests(SandboxFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Recover_ActiveSession_ComesBackUnderItsIdWithTheRunInFlightInterrupted(bool crash)
    {
        await using var dojo = await Dojo.CreateAsync(fixture);
        var id = (await dojo.StartAsync()).SessionId;
        var scored = await dojo.ExecuteAsync(id, Scripts.Perfect);
        Assert.Equal(1.0, scored.PublicScore);
        await dojo.Sessions.RequestInfoAsync(id, "metric", Ct);
        var going = await dojo.ExecuteAsync(id, Scripts.Forever, waitSeconds: 0);
        Assert.Equal(RunStatus.Running, going.Status);
        await dojo.WaitForOutputAsync(id, going.RunId, "started training");
        var before = await dojo.Sessions.GetHistoryAsync(id, Ct);

        var recovered = crash ? await dojo.CrashAndRestartAsync() : await dojo.RestartAsync();

        Assert.Equal(1, recovered);
        var after = await dojo.Sessions.GetHistoryAsync(id, Ct);
        Assert.Equal(EpisodeState.Active, after.State);
        Assert.Equal(2, after.Budget.StepsUsed);
        Assert.Equal(0, after.Budget.RunsInFlight);
        Assert.Equal(1.0, after.BestPublicScore);
        Assert.Equal(before.Steps.Select(s => (s.Seq, s.Action)), after.Steps.Take(before.Steps.Count).Select(s => (s.Seq, s.Action)));
        var interrupted = after.Steps.Single(s => s.RunId == going.RunId);
        Assert.Equal(StepStatus.Interrupted, interrupted.Status);
        Assert.Equal(ActionName.Resume, after.Steps[^1].Action);

        // get_run answers for the lost run from the record.
        var lost = await dojo.Sessions.GetRunAsync(id, going.RunId, TimeSpan.Zero, cancellationToken: Ct);
        Assert.Equal(RunStatus.Interrupted, lost.Status);
        Assert.Contains("server stopped", lost.Note);
        Assert.Contains("started training", lost.Stdout);
        Assert.Equal(going.Step, lost.Step);

        // The episode goes on: a new step, then the submission of the step scored before the restart.
        var next = await dojo.ExecuteAsync(id, Scripts.Constant);
        Assert.Equal(3, next.Step);
        Assert.Equal("run-0003", next.RunId);
        Assert.Equal(1.0, next.BestPublicScore);
        var submitted = await dojo.Sessions.SubmitAsync(id, cancellationToken: Ct);
        Assert.Equal(1, submitted.Step);
        Assert.Equal(1.0, submitted.PrivateScore);
        Assert.True(submitted.Terminated);
        Assert.True(submitted.SawPublicScores);
        await dojo.AssertRecordedAsync(id, expectedRunSteps: 3);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Recover_DeadlinePassedWhileDown_TruncatesWithTheBestSubmission(bool crash)
    {
        await using var dojo = await Dojo.CreateAsync(fixture);
        var id = (await dojo.StartAsync(budget: new BudgetRequest { EpisodeTimeoutSeconds = 4 })).SessionId;
        var scored = await dojo.ExecuteAsync(id, Scripts.Perfect);
        Assert.Equal(1.0, scored.PublicScore);
        var deadline = (await dojo.RecordedSessionAsync(id))!.CreatedAt.AddSeconds(4);

        async Task Down()
        {
            while (DateTimeOffset.UtcNow < deadline.AddSeconds(0.2))
            {
                await Task.Delay(100, Ct);
            }
        }

        if (crash)
        {
            await dojo.CrashAndRestartAsync(Down);
        }
        else
        {
            await dojo.Sessions.DisposeAsync();
            await Down();
            Assert.Equal(1, await dojo.RestartAsync());
        }

        var history = await dojo.Sessions.GetHistoryAsync(id, Ct);
        Assert.Equal(EpisodeState.Truncated, history.State);
        var truncate = history.Steps.Single(s => s.Action == ActionName.Truncate);
        Assert.Equal(1.0, truncate.PrivateScore);
        var error = await Assert.ThrowsAsync<SessionException>(() => dojo.ExecuteAsync(id, Scripts.Hello));
        Assert.Equal(SessionErrorCode.EpisodeOver, error.Reason);
        Assert.Contains("episode wall-clock budget of 4 s spent", error.Message);
        Assert.Contains("Final private score: 1 (step 1)", error.Message);
        var ended = await dojo.Sessions.EndAsync(id, Ct);
        Assert.Equal(EpisodeState.Truncated, ended.State);
        Assert.True(ended.Final!.Automatic);
        Assert.True(ended.Final.Truncated);
        Assert.Equal(1, ended.Final.Step);
        var record = await dojo.RecordedSessionAsync(id);
        Assert.Equal(EpisodeState.Truncated, record!.State);
        Assert.NotNull(record.FinalJson);
    }

    [Fact]
    public async Task Recover_CrashDuringTheLastAllowedStep_TruncatesTheEpisode()
    {
        await using var dojo = await Dojo.CreateAsync(fixture);
        var id = (await dojo.StartAsync(budget: new BudgetRequest { MaxSteps = 2 })).SessionId;
        await dojo.ExecuteAsync(id, Scripts.Perfect);
        var going = await dojo.ExecuteAsync(id, Scripts.Forever, waitSeconds: 0);
        Assert.Equal(0, going.Budget.StepsRemaining);

        await dojo.CrashAndRestartAsync();

        var history = await dojo.Sessions.GetHistoryAsync(id, Ct);
        Assert.Equal(EpisodeState.Truncated, history.State);
        Assert.Equal(StepStatus.Interrupted, history.Steps.Single(s => s.RunId == going.RunId).Status);
        var ended = await dojo.Sessions.EndAsync(id, Ct);
        Assert.Equal(1, ended.Final!.Step);
        Assert.Equal(1.0, ended.Final.PrivateScore);
        Assert.Contains("max_steps", ended.EndReason);
    }

    [Fact]
    public async Task Recover_EndedSessions_StayReadableAndAreNotRevived()
    {
        await using var dojo = await Dojo.CreateAsync(fixture);
        var submitted = (await dojo.StartAsync()).SessionId;
        await dojo.ExecuteAsync(submitted, Scripts.Perfect);
        var final = await dojo.Sessions.SubmitAsync(submitted, cancellationToken: Ct);
        var closed = (await dojo.StartAsync()).SessionId;
        await dojo.Sessions.EndAsync(closed, Ct);
        var active = (await dojo.StartAsync()).SessionId;

        Assert.Equal(1, await dojo.RestartAsync());

        var history = await dojo.Sessions.GetHistoryAsync(submitted, Ct);
        Assert.Equal(EpisodeState.Terminated, history.State);
        Assert.Equal(1.0, history.BestPublicScore);
        var ended = await dojo.Sessions.EndAsync(submitted, Ct);
        Assert.Equal(final.PrivateScore, ended.Final!.PrivateScore);
        Assert.Equal(final.Step, ended.Final.Step);
        var error = await Assert.ThrowsAsync<SessionException>(() => dojo.ExecuteAsync(submitted, Scripts.Hello));
        Assert.Equal(SessionErrorCode.EpisodeOver, error.Reason);
        Assert.Contains("Final private score: 1 (step 1)", error.Message);
        Assert.Equal(EpisodeState.Closed, (await dojo.Sessions.GetHistoryAsync(closed, Ct)).State);
        Assert.DoesNotContain((await dojo.RecordedStepsAsync(submitted)), s => s.Action == ActionName.Resume);

        await dojo.AssertHealthyAsync(active);
        await dojo.AssertRecordedAsync(active, expectedRunSteps: 1);
    }

    [Fact]
    public async Task Recover_TwoRestartsInARow_KeepNumberingAndScores()
    {
        await using var dojo = await Dojo.CreateAsync(fixture);
        var id = (await dojo.StartAsync()).SessionId;
        await dojo.ExecuteAsync(id, Scripts.Constant);
        await dojo.RestartAsync();
        await dojo.ExecuteAsync(id, Scripts.Perfect);
        await dojo.CrashAndRestartAsync();
        var third = await dojo.ExecuteAsync(id, Scripts.Inverted);

        Assert.Equal(3, third.Step);
        Assert.Equal(1.0, third.BestPublicScore);
        var recorded = await dojo.AssertRecordedAsync(id, expectedRunSteps: 3);
        Assert.Equal(2, recorded.Count(s => s.Action == ActionName.Resume));
        var submitted = await dojo.Sessions.SubmitAsync(id, cancellationToken: Ct);
        Assert.Equal(2, submitted.Step);
    }
}
