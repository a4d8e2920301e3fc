using MleDojo.Core.Grading;
using MleDojo.Core.Tests.Support;

namespace MleDojo.Core.Tests.Grading;

public sealed class GraderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Grade_ScoresPublicAndPrivateRowsSeparately()
    {
        using var f = await PreparedFixture.CreateAsync(root => FixtureCompetition.WriteLabel(root), Ct);
        // Right on public rows, wrong on private rows: the two scores must be 1 and 0.
        var content = "id,Label\n" + string.Concat(f.Answers.Select(a => $"{a[0]},{(a[2] == "Public" ? a[1] : a[1] == "a" ? "b" : "a")}\n"));

        var report = new Grader().Grade(f.Prepared, f.WriteSubmission(content), Ct);

        Assert.Equal(1.0, report.PublicScore);
        Assert.Equal(0.0, report.PrivateScore);
    }

    [Fact]
    public async Task Grade_NormalisedScore_PlacesBetweenBaselineAndReference()
    {
        using var f = await PreparedFixture.CreateAsync(root => FixtureCompetition.WriteLabel(root), Ct);
        var content = "id,Label\n" + string.Concat(f.Answers.Select(a => $"{a[0]},{a[1]}\n"));

        var report = new Grader().Grade(f.Prepared, f.WriteSubmission(content), Ct);

        Assert.Equal(1.0, report.PrivateScore);
        Assert.Equal((1.0 - 0.5) / (0.9 - 0.5), report.NormalizedScore!.Value, 12);
        Assert.Null(report.PositionScore);
        Assert.Null(report.Medal);
    }

    [Fact]
    public async Task Grade_WithLeaderboard_GivesPositionMedalAndMedian()
    {
        using var f = await PreparedFixture.CreateAsync(root =>
        {
            var dir = FixtureCompetition.WriteLabel(root);
            File.WriteAllText(Path.Combine(dir, "leaderboard.csv"), "rank,score\n" + string.Concat(Enumerable.Range(1, 20).Select(i => $"{i},{1.0 - (i * 0.02):F2}\n")));
            return dir;
        }, Ct);
        var content = "id,Label\n" + string.Concat(f.Answers.Select(a => $"{a[0]},{a[1]}\n"));

        var report = new Grader().Grade(f.Prepared, f.WriteSubmission(content), Ct);

        Assert.Equal(1.0, report.PositionScore);
        Assert.Equal("gold", report.Medal);
        Assert.Equal(20, report.LeaderboardEntries);
        Assert.Equal(0.96, report.GoldThreshold!.Value, 9);
        Assert.True(report.AboveMedian);
    }

    [Fact]
    public async Task Grade_InvalidSubmission_HasNoScoresButAllErrors()
    {
        using var f = await PreparedFixture.CreateAsync(root => FixtureCompetition.WriteLabel(root), Ct);

        var report = new Grader().Grade(f.Prepared, f.WriteSubmission("id,Label\n1,a\n"), Ct);

        Assert.False(report.ValidSubmission);
        Assert.True(report.SubmissionExists);
        Assert.Null(report.PrivateScore);
        Assert.NotEmpty(report.Errors);
    }

    [Fact]
    public async Task Grade_SingleClassOnASplit_GivesAGradingErrorNotACrash()
    {
        using var f = await PreparedFixture.CreateAsync(FixtureCompetition.WriteProbability, Ct);
        var prepared = f.Prepared;
        // Rewrite the answers so the public split has one class only: ROC-AUC is undefined there.
        var lines = File.ReadAllLines(prepared.AnswersPath);
        File.WriteAllLines(prepared.AnswersPath, [lines[0], .. lines.Skip(1).Select(l => l.EndsWith(",Public", StringComparison.Ordinal) ? string.Join(',', l.Split(',')[0], "1", "Public") : l)]);
        var fresh = prepared with { Manifest = prepared.Manifest with { InputSha256 = "changed" } };
        var content = "id,Label\n" + string.Concat(f.Answers.Select(a => $"{a[0]},0.5\n"));

        var report = new Grader().Grade(fresh, f.WriteSubmission(content), Ct);

        Assert.True(report.ValidSubmission);
        Assert.NotNull(report.GradingError);
        Assert.Contains("class", report.GradingError, StringComparison.OrdinalIgnoreCase);
    }
}
