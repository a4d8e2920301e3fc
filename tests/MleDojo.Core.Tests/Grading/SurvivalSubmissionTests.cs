using System.Globalization;
using System.Text;
using MleDojo.Core.Competitions;
using MleDojo.Core.Data;
using MleDojo.Core.Grading;
using MleDojo.Core.Tests.Support;

namespace MleDojo.Core.Tests.Grading;

/// <summary>A survival competition: one risk column scored by concordance_index against the time and event answers.</summary>
public sealed class SurvivalSubmissionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Prepare_SurvivalSpec_ShowsTimeAndEventInTrainAndAsksForRisk()
    {
        using var f = await PreparedFixture.CreateAsync(Write, Ct);

        var (trainHeader, _) = CsvText.ReadAll(Path.Combine(f.Prepared.PublicDirectory, "train.csv"));
        var (testHeader, _) = CsvText.ReadAll(Path.Combine(f.Prepared.PublicDirectory, "test.csv"));
        var (sampleHeader, sample) = CsvText.ReadAll(f.Prepared.SampleSubmissionPath);
        var (answerHeader, _) = CsvText.ReadAll(f.Prepared.AnswersPath);
        Assert.Equal(["id", "x", "time", "event"], trainHeader);
        Assert.Equal(["id", "x"], testHeader);
        Assert.Equal(["id", "risk"], sampleHeader);
        Assert.All(sample, row => Assert.Equal("0", row[1]));
        Assert.Equal(["id", "time", "event", "Usage"], answerHeader);
    }

    [Fact]
    public async Task Grade_RiskOrderedByTime_ScoresOneAndSampleScoresOneHalf()
    {
        using var f = await PreparedFixture.CreateAsync(Write, Ct);
        var oracle = "id,risk\n" + string.Concat(f.Answers.Select(a => $"{a[0]},{-double.Parse(a[1], CultureInfo.InvariantCulture)}\n"));

        var perfect = new Grader().Grade(f.Prepared, f.WriteSubmission(oracle), Ct);
        var constant = new Grader().Grade(f.Prepared, f.Prepared.SampleSubmissionPath, Ct);

        Assert.Equal(string.Empty, string.Join(",", perfect.Errors.Select(e => e.Code)));
        Assert.Equal(1.0, perfect.PrivateScore);
        Assert.Equal(1.0, perfect.PublicScore);
        Assert.Equal(0.5, constant.PrivateScore);
        Assert.False(perfect.IsLowerBetter);
    }

    [Theory]
    [InlineData("  column: risk\n", "", "submission.column: is required")]
    [InlineData("  targets: [time, event]\n", "  target: time\n", "needs 2 answer columns, in this order: time, event")]
    [InlineData("  column: risk\n", "  column: event\n", "must differ from the answer columns")]
    public void Load_BrokenSurvivalSpec_NamesTheField(string from, string to, string expected)
    {
        using var temp = new TempDirectory();
        var dir = Write(temp.Path);
        var path = Path.Combine(dir, "competition.yaml");
        File.WriteAllText(path, File.ReadAllText(path).Replace(from, to, StringComparison.Ordinal));

        var error = Assert.Throws<CompetitionSpecException>(() => CompetitionSpecLoader.Load(dir));

        Assert.Contains(error.Problems, p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Load_SubmissionColumnOnAnOrdinaryMetric_IsRejected()
    {
        using var temp = new TempDirectory();
        var dir = FixtureCompetition.WriteLabel(temp.Path);
        var path = Path.Combine(dir, "competition.yaml");
        File.WriteAllText(path, File.ReadAllText(path).Replace("  kind: label\n", "  kind: label\n  column: risk\n", StringComparison.Ordinal));

        var error = Assert.Throws<CompetitionSpecException>(() => CompetitionSpecLoader.Load(dir));

        Assert.Contains(error.Problems, p => p.StartsWith("submission.column: is only for metrics", StringComparison.Ordinal));
    }

    /// <summary>200 subjects with distinct times, a third censored; x is a noisy copy of the hazard.</summary>
    private static string Write(string root)
    {
        var dir = Directory.CreateDirectory(Path.Combine(root, "survival")).FullName;
        Directory.CreateDirectory(Path.Combine(dir, "data"));
        var csv = new StringBuilder("x,time,event\n");
        var random = new Random(5);
        for (var i = 0; i < 200; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{random.Next(100)},{i + 1},{(i % 3 == 0 ? 0 : 1)}\n");
        }

        File.WriteAllText(Path.Combine(dir, "data", "raw.csv"), csv.ToString());
        File.WriteAllText(Path.Combine(dir, "description.md"), "# Survival\nPredict a risk.\n");
        File.WriteAllText(Path.Combine(dir, "competition.yaml"), """
            id: survival
            title: Survival
            category: tabular
            task: survival
            tags: [tabular, survival, test]
            data:
              raw: data/raw.csv
              id_column: id
              targets: [time, event]
            split:
              seed: 3
            metric:
              name: concordance_index
              higher_is_better: true
            submission:
              kind: value
              column: risk
            source:
              name: synthetic
              licence: CC0
            """);
        return dir;
    }
}
