using System.Text.Json;
using System.Text.RegularExpressions;
using MleDojo.Core.Recording;
using MleDojo.Reports.Tests.Support;

namespace MleDojo.Reports.Tests;

/// <summary><c>mledojo report</c> as a user runs it, on a store that real episodes filled over MCP.</summary>
[Collection(RecordedStoreCollection.Name)]
public sealed partial class ReportCommandTests(RecordedStore store)
{
    [Fact]
    public async Task Json_RealEpisodes_OneStandingPerAgentAndOneRowPerAgentAndCompetition()
    {
        var report = await JsonAsync();

        var agents = report.GetProperty("standings").EnumerateArray().Select(s => s.GetProperty("agent").GetString()).Order().ToList();
        Assert.Equal(["climber", "quitter", "trivial"], agents);
        var rows = report.GetProperty("results").EnumerateArray().Select(r => $"{r.GetProperty("agent").GetString()}/{r.GetProperty("competition_id").GetString()}").ToList();
        Assert.Equal(["climber/penguins", "climber/titanic", "quitter/titanic", "trivial/titanic"], rows);
    }

    [Fact]
    public async Task Json_UngradedEpisode_ScoresAsTheBaselineAndIsCountedApart()
    {
        var report = await JsonAsync();

        var quitter = Row(report, "quitter", "titanic");
        Assert.Equal(1, quitter.GetProperty("ungraded").GetInt32());
        Assert.Equal(0, quitter.GetProperty("valid_submission_rate").GetDouble());
        var titanic = report.GetProperty("competitions").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "titanic");
        Assert.Equal(titanic.GetProperty("baseline").GetDouble(), quitter.GetProperty("final_score").GetProperty("mean").GetDouble());
        Assert.Equal(0, quitter.GetProperty("normalized_score").GetProperty("mean").GetDouble(), 12);
    }

    [Fact]
    public async Task Json_GradedEpisodes_NormalizedScoresEqualWhatTheGraderRecorded()
    {
        var report = await JsonAsync();
        var sqlite = await SqliteSessionStore.OpenAsync(store.Database, TestContext.Current.CancellationToken);
        var checkedEpisodes = 0;
        foreach (var episode in report.GetProperty("episodes").EnumerateArray().Where(e => e.GetProperty("graded").GetBoolean()))
        {
            var session = await sqlite.GetSessionAsync(episode.GetProperty("session_id").GetString()!, TestContext.Current.CancellationToken);
            var graded = session!.ReadFinal()!.Report;
            Assert.Equal(graded.PrivateScore!.Value, episode.GetProperty("private_score").GetDouble());
            Assert.Equal(graded.NormalizedScore!.Value, episode.GetProperty("normalized_score").GetDouble());
            checkedEpisodes++;
        }

        Assert.Equal(6, checkedEpisodes);
    }

    [Fact]
    public async Task Json_Climber_BestAttemptIsTheBestPrivateScoreOfItsSteps()
    {
        var report = await JsonAsync();

        foreach (var episode in report.GetProperty("episodes").EnumerateArray().Where(e => e.GetProperty("agent").GetString() == "climber"))
        {
            var stepScores = episode.GetProperty("steps").EnumerateArray()
                .Where(s => s.GetProperty("action").GetString() == "execute_code")
                .Select(s => s.GetProperty("private_score").GetDouble())
                .ToList();
            Assert.Equal(2, stepScores.Count);
            var higherIsBetter = episode.GetProperty("competition_id").GetString() == "titanic";
            Assert.Equal(higherIsBetter ? stepScores.Max() : stepScores.Min(), episode.GetProperty("best_score").GetDouble());
        }
    }

    [Fact]
    public async Task Json_Elo_ClimberAboveTheOthersAndTheBaselineWhichIsAnchoredAt1000()
    {
        var report = await JsonAsync();

        var ratings = report.GetProperty("elo").GetProperty("ratings").EnumerateArray().ToDictionary(r => r.GetProperty("agent").GetString()!, r => r.GetProperty("rating").GetDouble());
        Assert.Equal(1000, ratings[ReportOptions.BaselineAgent], 6);
        // trivial and quitter only tie the baseline and each other, and lose to climber.
        Assert.Equal("climber", ratings.MaxBy(r => r.Value).Key);
        Assert.True(ratings["climber"] > 1000, $"climber {ratings["climber"]} beat the baseline in every game");
        Assert.True(ratings["trivial"] < ratings["climber"] && ratings["quitter"] < ratings["climber"]);
    }

    [Fact]
    public async Task Json_LeaderboardCompetition_PositionMedalAndMedianEqualWhatTheGraderRecorded()
    {
        var report = await JsonAsync("board");
        var sqlite = await SqliteSessionStore.OpenAsync(store.Database, TestContext.Current.CancellationToken);

        var episodes = report.GetProperty("episodes").EnumerateArray().ToList();
        Assert.Equal(2, episodes.Count);
        foreach (var episode in episodes)
        {
            var session = await sqlite.GetSessionAsync(episode.GetProperty("session_id").GetString()!, TestContext.Current.CancellationToken);
            var graded = session!.ReadFinal()!.Report;
            Assert.NotNull(graded.PositionScore);
            Assert.Equal(graded.PositionScore!.Value, episode.GetProperty("position_score").GetDouble());
            Assert.Equal(graded.Medal, episode.GetProperty("medal").GetString());
            Assert.Equal(graded.AboveMedian, episode.GetProperty("above_median").GetBoolean());
        }

        var climber = Row(report, "climber", RecordedStore.BoardCompetition);
        Assert.Equal(episodes.Single(e => e.GetProperty("agent").GetString() == "climber").GetProperty("position_score").GetDouble(), climber.GetProperty("position_score").GetDouble());
        Assert.Equal(1, climber.GetProperty("above_median_rate").GetDouble());
        Assert.Equal(0, Row(report, "trivial", RecordedStore.BoardCompetition).GetProperty("medal_rate").GetDouble());
    }

    [Theory]
    [InlineData("md")]
    [InlineData("csv")]
    [InlineData("json")]
    [InlineData("html")]
    public async Task Report_SameStoreTwice_IdenticalApartFromTheGeneratedAtLine(string format)
    {
        var first = await store.ReportAsync("--format", format);
        var second = await store.ReportAsync("--format", format);

        Assert.True(first.ExitCode == 0, first.Stderr);
        Assert.Equal(WithoutGeneratedAt(first.Stdout), WithoutGeneratedAt(second.Stdout));
        Assert.NotEmpty(first.Stdout);
    }

    [Fact]
    public async Task Markdown_SingleAgentCompetition_SaysItsEloGamesAreAgainstTheBaselineOnly()
    {
        var (exit, stdout, stderr) = await store.ReportAsync("--format", "md");

        Assert.True(exit == 0, stderr);
        Assert.Contains("Only climber played penguins", stdout, StringComparison.Ordinal);
        Assert.Contains("| climber |", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Markdown_AnchorThatPlayedNoGame_SaysThereIsNoEloAndNamesThePlayers()
    {
        var (exit, stdout, stderr) = await store.ReportAsync("--format", "md", "--competitions", "penguins", "--anchor", "trivial");

        Assert.True(exit == 0, stderr);
        Assert.Contains("There is no Elo anchored at 'trivial'", stdout, StringComparison.Ordinal);
        Assert.Contains($"{ReportOptions.BaselineAgent}, climber", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_UnknownExperiment_FailsNamingTheExperimentsRecorded()
    {
        var (exit, _, stderr) = await store.ReportAsync("--experiment", "nope");

        Assert.Equal(1, exit);
        Assert.Contains("'nope'", stderr, StringComparison.Ordinal);
        Assert.Contains(RecordedStore.Experiment, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_UnknownAgent_FailsNamingTheAgentsRecorded()
    {
        var (exit, _, stderr) = await store.ReportAsync("--agents", "climber,nobody");

        Assert.Equal(1, exit);
        Assert.Contains("'nobody'", stderr, StringComparison.Ordinal);
        Assert.Contains("climber, quitter, trivial", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_UnknownCompetition_FailsPointingAtTheCatalog()
    {
        var (exit, _, stderr) = await store.ReportAsync("--competitions", "no-such-thing");

        Assert.Equal(1, exit);
        Assert.Contains("'no-such-thing'", stderr, StringComparison.Ordinal);
        Assert.Contains("mledojo competitions list", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_EmptyStore_FailsSayingHowToRecordEpisodes()
    {
        using var empty = new TempDirectory("mledojo-report-empty-");
        await SqliteSessionStore.OpenAsync(Path.Combine(empty.Path, "mledojo.db"), TestContext.Current.CancellationToken);

        var (exit, _, stderr) = await RecordedStore.ReportAsync(empty.Path);

        Assert.Equal(1, exit);
        Assert.Contains("No sessions are recorded", stderr, StringComparison.Ordinal);
        Assert.Contains("mledojo agent run", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_FilterBySinceInTheFuture_FailsSayingNothingMatched()
    {
        var (exit, _, stderr) = await store.ReportAsync("--since", "2999-01-01");

        Assert.Equal(1, exit);
        Assert.Contains("No finished episode matches", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Csv_RealEpisodes_HasAnOverallRowPerAgent()
    {
        var (exit, stdout, stderr) = await store.ReportAsync("--format", "csv", "--experiment", RecordedStore.Experiment);

        Assert.True(exit == 0, stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("agent,competition,episodes", lines[0], StringComparison.Ordinal);
        Assert.Equal(3, lines.Count(l => l.Split(',')[1] == "(all)"));
        Assert.Equal(4, lines.Skip(1).Count(l => l.Split(',')[1] != "(all)"));
    }

    private async Task<JsonElement> JsonAsync(string experiment = RecordedStore.Experiment)
    {
        var (exit, stdout, stderr) = await store.ReportAsync("--format", "json", "--experiment", experiment);
        Assert.True(exit == 0, stderr);
        return JsonDocument.Parse(stdout).RootElement.Clone();
    }

    private static JsonElement Row(JsonElement report, string agent, string competition) =>
        report.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("agent").GetString() == agent && r.GetProperty("competition_id").GetString() == competition);

    private static string WithoutGeneratedAt(string text) => GeneratedAt().Replace(text, "");

    [GeneratedRegex(@"^.*[Gg]enerated[ _-]?at.*$", RegexOptions.Multiline)]
    private static partial Regex GeneratedAt();
}
