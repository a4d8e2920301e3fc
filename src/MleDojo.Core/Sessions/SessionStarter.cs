using System.Security.Cryptography;
using MleDojo.Core.Competitions;
using MleDojo.Core.Execution;

namespace MleDojo.Core.Sessions;

/// <summary>
/// Starts episodes: checks the competition, prepares it, creates the workspace and the sandbox, and waits (a while) for
/// the sandbox to be able to run. A sandbox that still waits in its scheduler's queue then leaves the episode
/// <see cref="EpisodeState.Queued"/>, its clock stopped until the sandbox is granted.
/// </summary>
internal sealed class SessionStarter(CompetitionCatalog catalog, CompetitionPreparer preparer, ISandboxProvider sandboxes, EngineServices services, LiveSessions live)
{
    /// <summary>Starts an episode, waiting up to <paramref name="wait"/> (null: the backend's default) for its sandbox.</summary>
    public async Task<SessionStarted> StartAsync(string competitionId, BudgetRequest? budget, SessionLabels labels, string? previousSessionId, TimeSpan? wait, CancellationToken cancellationToken)
    {
        labels = labels.Checked();
        CompetitionSpec spec;
        try
        {
            spec = catalog.Registry.Get(competitionId);
        }
        catch (UnknownCompetitionException ex)
        {
            SessionLog.StartRefused(services.Logger, ex.Message);
            throw new SessionException(SessionErrorCode.UnknownCompetition, ex.MessageForAgent);
        }

        var limits = (budget ?? new BudgetRequest()).ApplyTo(services.Options.Ceilings);
        var prepared = await preparer.PrepareAsync(spec, cancellationToken: cancellationToken).ConfigureAwait(false);
        services.Grader.LoadAnswers(prepared);
        var id = "s-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var workspace = Workspace.Create(Path.Combine(sandboxes.WorkspacesRoot ?? services.DataRoot.Workspaces, id), prepared.PublicDirectory);
        var session = new Session(id, prepared, limits, workspace, services.Time.GetUtcNow(), services, previousSessionId) { Labels = labels };
        Directory.CreateDirectory(session.Submissions.Directory);
        await session.AttachSandboxAsync(sandboxes, recreated: false, cancellationToken).ConfigureAwait(false);

        // Queued until the sandbox says it can run: its clock starts then, not while it waits in a scheduler's queue.
        session.Episode.Queue();
        try
        {
            await session.CheckQueueAsync(wait, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // Nobody will ever see this session: its reservation must not stay in the queue.
            await session.ReleaseSandboxAsync().ConfigureAwait(false);
            throw;
        }

        live.Add(session);
        await session.SaveAsync().ConfigureAwait(false);
        var started = session.Describe();
        await session.Recorder.SessionStarted(competitionId, budget, started).ConfigureAwait(false);
        if (session.Queue is { } queue)
        {
            SessionLog.Queued(services.Logger, id, competitionId, queue.JobId, queue.Reason);
        }
        else
        {
            SessionLog.Started(services.Logger, id, competitionId, session.SandboxName);
        }

        return started;
    }
}
