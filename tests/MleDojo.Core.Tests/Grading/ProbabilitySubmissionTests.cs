using System.Globalization;
using MleDojo.Core.Grading;
using MleDojo.Core.Tests.Support;

namespace MleDojo.Core.Tests.Grading;

public sealed class ProbabilitySubmissionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Check_ClassProbabilitiesNotSummingToOne_IsReported()
    {
        using var f = await PreparedFixture.CreateAsync(FixtureCompetition.WriteClassProbabilities, Ct);
        var content = "id,a,b\n" + string.Concat(f.Answers.Select((a, i) => i < 2 ? $"{a[0]},0.7,0.7\n" : $"{a[0]},0.5,0.5\n"));

        var check = new Grader().Check(f.Prepared, f.WriteSubmission(content), Ct);

        var error = Assert.Single(check.Errors);
        Assert.Equal(SubmissionErrorCodes.ProbabilitiesDoNotSumToOne, error.Code);
        Assert.StartsWith("2 rows", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_ProbabilityAboveOne_IsOutOfRange()
    {
        using var f = await PreparedFixture.CreateAsync(FixtureCompetition.WriteProbability, Ct);
        var content = "id,Label\n" + string.Concat(f.Answers.Select((a, i) => $"{a[0]},{(i == 0 ? "1.5" : "0.5")}\n"));

        var check = new Grader().Check(f.Prepared, f.WriteSubmission(content), Ct);

        Assert.Equal(SubmissionErrorCodes.ProbabilityOutOfRange, Assert.Single(check.Errors).Code);
    }

    [Fact]
    public async Task Grade_PerfectProbabilities_ScoreOneOnBothSplits()
    {
        using var f = await PreparedFixture.CreateAsync(FixtureCompetition.WriteProbability, Ct);
        var content = "id,Label\n" + string.Concat(f.Answers.Select(a => $"{a[0]},{a[1]}\n"));

        var report = new Grader().Grade(f.Prepared, f.WriteSubmission(content), Ct);

        Assert.True(report.ValidSubmission);
        Assert.Equal(1.0, report.PublicScore);
        Assert.Equal(1.0, report.PrivateScore);
    }

    [Fact]
    public async Task Grade_ClassProbabilities_UsesLogLoss()
    {
        using var f = await PreparedFixture.CreateAsync(FixtureCompetition.WriteClassProbabilities, Ct);
        var content = "id,a,b\n" + string.Concat(f.Answers.Select(a => a[1] == "a" ? $"{a[0]},0.8,0.2\n" : $"{a[0]},0.2,0.8\n"));

        var report = new Grader().Grade(f.Prepared, f.WriteSubmission(content), Ct);

        Assert.Equal(-Math.Log(0.8), report.PrivateScore!.Value, 9);
        Assert.True(report.IsLowerBetter);
        Assert.Equal(string.Empty, string.Join(",", report.Errors.Select(e => e.Code)));
        _ = CultureInfo.InvariantCulture;
    }
}
