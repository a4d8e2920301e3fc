using MleDojo.Core.Competitions;
using MleDojo.Core.Recording;
using MleDojo.Reports.Tests.Support;

namespace MleDojo.Reports.Tests;

/// <summary>The reader and the builder used as a library on the recorded store, without the CLI.</summary>
[Collection(RecordedStoreCollection.Name)]
public sealed class EpisodeReaderTests(RecordedStore store)
{
    [Fact]
    public async Task Build_UsageReportedForSomeEpisodes_SumsTokensAndCostOverThoseOnly()
    {
        var sqlite = await SqliteSessionStore.OpenAsync(store.Database, TestContext.Current.CancellationToken);
        var sessions = (await sqlite.ListSessionsAsync(TestContext.Current.CancellationToken))
            .Where(s => s.Labels.Agent == "climber" && s.CompetitionId == "titanic")
            .Select(s => s.Id)
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(2, sessions.Count);
        var usage = new Dictionary<string, EpisodeUsage>
        {
            [sessions[0]] = new(1000, 100, 0.5m),
            [sessions[1]] = new(2000, 200, null),
        };
        var reader = new EpisodeReader(sqlite, Registry(), usage: usage);

        var set = await reader.ReadAsync(new ReportFilter { Experiment = RecordedStore.Experiment }, cancellationToken: TestContext.Current.CancellationToken);
        var report = ReportBuilder.Build(set, new ReportFilter(), new ReportOptions { BootstrapSamples = 50 });

        var climber = report.Results.Single(r => r.Agent == "climber" && r.CompetitionId == "titanic");
        Assert.Equal(3000, climber.TokensIn);
        Assert.Equal(300, climber.TokensOut);
        Assert.Equal(0.5m, climber.Cost);
        Assert.Null(report.Results.Single(r => r.Agent == "trivial").TokensIn);
    }

    [Fact]
    public async Task Read_Progress_ReportsEveryEpisodeUpToTheTotal()
    {
        var sqlite = await SqliteSessionStore.OpenAsync(store.Database, TestContext.Current.CancellationToken);
        var seen = new List<ReportProgress>();

        var set = await new EpisodeReader(sqlite, Registry()).ReadAsync(new ReportFilter(), new Recorder(seen), TestContext.Current.CancellationToken);

        Assert.Equal(set.Episodes.Count, seen.Count);
        Assert.Equal(Enumerable.Range(1, seen.Count), seen.Select(p => p.Episodes));
        Assert.All(seen, p => Assert.Equal(seen.Count, p.Total));
    }

    [Fact]
    public async Task Read_NoSnapshotGrader_BestAttemptFallsBackToTheFinalScore()
    {
        var sqlite = await SqliteSessionStore.OpenAsync(store.Database, TestContext.Current.CancellationToken);

        var set = await new EpisodeReader(sqlite, Registry()).ReadAsync(new ReportFilter { Agents = ["climber"] }, cancellationToken: TestContext.Current.CancellationToken);

        Assert.All(set.Episodes, e => Assert.Equal(e.FinalScore, e.BestScore));
    }

    private CompetitionRegistry Registry() => CompetitionRegistry.Load([RepositoryPaths.Competitions, store.ExtraCompetitions]);

    private sealed class Recorder(List<ReportProgress> seen) : IProgress<ReportProgress>
    {
        public void Report(ReportProgress value) => seen.Add(value);
    }
}
