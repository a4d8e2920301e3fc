using System.Collections.Concurrent;
using System.Globalization;
using MleDojo.Agents;

namespace MleDojo.Server.Experiments;

/// <summary>What the grid is doing, cell by cell; shown live in a terminal or as one line per event on stderr.</summary>
internal abstract class EvalProgress
{
    private readonly ConcurrentDictionary<string, CellProgress> _cells = new(StringComparer.Ordinal);

    /// <summary>The grid's cells, in order, before any has run.</summary>
    public void Plan(IEnumerable<ExperimentCell> cells)
    {
        foreach (var cell in cells)
        {
            _cells[cell.Key] = new CellProgress(cell.Key, "pending", null, null, null, null);
        }
    }

    public void Skipped(ExperimentCell cell, CellRecord record) =>
        Update(cell, new CellProgress(cell.Key, "done before", record.Steps, record.BestPublicScore, null, null), $"{cell.Key}: recorded already (session {record.SessionId}), skipped");

    public void Started(ExperimentCell cell) =>
        Update(cell, new CellProgress(cell.Key, "running", 0, null, DateTimeOffset.UtcNow, null), $"{cell.Key}: started");

    public void Finished(ExperimentCell cell, CellRecord record)
    {
        var state = record.Error is null ? record.State ?? "finished" : "failed";
        var line = string.Create(CultureInfo.InvariantCulture, $"{cell.Key}: {state} (session {record.SessionId ?? "-"}, {record.Steps} steps, private {Score(record.PrivateScore)}, {record.StoppedBecause ?? record.Error})");
        Update(cell, new CellProgress(cell.Key, state, record.Steps, record.BestPublicScore, record.StartedAt, record.FinishedAt), line);
    }

    /// <summary>A running cell's episode moved on; a new best public score is an event, other steps only update the board.</summary>
    public void Stepped(ExperimentCell cell, AgentProgress progress)
    {
        var before = _cells[cell.Key];
        var now = before with { Steps = progress.Steps, BestPublic = progress.BestPublicScore };
        _cells[cell.Key] = now;
        if (progress.BestPublicScore is { } best && best != before.BestPublic)
        {
            Report(string.Create(CultureInfo.InvariantCulture, $"{cell.Key}: step {progress.Steps}, best public {Score(best)}"));
        }
    }

    public void Cancelled(ExperimentCell cell) =>
        Update(cell, _cells[cell.Key] with { State = "cancelled", FinishedAt = DateTimeOffset.UtcNow }, $"{cell.Key}: cancelled, not recorded");

    /// <summary>Runs the grid while showing progress.</summary>
    public abstract Task RunAsync(Func<Task> grid);

    protected IReadOnlyList<CellProgress> Snapshot() => [.. _cells.Values.OrderBy(c => c.Key, StringComparer.Ordinal)];

    protected abstract void Report(string line);

    protected static string Score(double? score) => score?.ToString("G4", CultureInfo.InvariantCulture) ?? "-";

    private void Update(ExperimentCell cell, CellProgress progress, string line)
    {
        _cells[cell.Key] = progress;
        Report(line);
    }

    /// <summary>One row of the board.</summary>
    protected sealed record CellProgress(string Key, string State, int? Steps, double? BestPublic, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt)
    {
        public string Elapsed => StartedAt is { } start
            ? ((FinishedAt ?? DateTimeOffset.UtcNow) - start).ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture)
            : "-";
    }
}
