using System.Collections.Concurrent;
using MleDojo.Core.Competitions;
using MleDojo.Core.Grading;

namespace MleDojo.Reports;

/// <summary>
/// Grades snapshots with the server's own grader against the prepared answers, preparing a competition once (it is
/// normally already prepared: its episodes were played on this data root).
/// </summary>
public sealed class SnapshotGrader(CompetitionPreparer preparer, Grader grader)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<PreparedCompetition?>>> _prepared = new(StringComparer.Ordinal);

    /// <summary>The snapshot's private score; null when it cannot be graded (file gone, data not prepared, metric failure).</summary>
    public async Task<double?> PrivateScoreAsync(CompetitionSpec competition, string snapshotPath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(competition);
        if (!File.Exists(snapshotPath))
        {
            return null;
        }

        var prepared = await _prepared.GetOrAdd(competition.Id, _ => new Lazy<Task<PreparedCompetition?>>(() => PrepareAsync(competition, cancellationToken))).Value.ConfigureAwait(false);
        if (prepared is null)
        {
            return null;
        }

        try
        {
            var report = await grader.GradeAsync(prepared, snapshotPath, cancellationToken).ConfigureAwait(false);
            return report.PrivateScore;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A snapshot this grader cannot score (an imported competition graded by its own code, a damaged file)
            // costs only the best attempt, which falls back to the final score; the report goes on.
            return null;
        }
    }

    private async Task<PreparedCompetition?> PrepareAsync(CompetitionSpec competition, CancellationToken cancellationToken)
    {
        try
        {
            return await preparer.PrepareAsync(competition, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or CompetitionSpecException or UnauthorizedAccessException)
        {
            // A competition whose data is gone still reports its final scores; only the best attempt falls back.
            return null;
        }
    }
}
