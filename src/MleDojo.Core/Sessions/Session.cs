using MleDojo.Core.Competitions;
using MleDojo.Core.Execution;

namespace MleDojo.Core.Sessions;

/// <summary>
/// The mutable state of one episode. Guarded by <see cref="Gate"/>: every change to state, counters or
/// records happens while holding it; sandbox runs go on outside it.
/// </summary>
internal sealed class Session(string id, PreparedCompetition prepared, BudgetLimits limits, Workspace workspace, string privateDirectory, DateTimeOffset createdAt)
{
    public string Id { get; } = id;

    public PreparedCompetition Prepared { get; } = prepared;

    public CompetitionSpec Spec => Prepared.Spec;

    public BudgetLimits Limits { get; } = limits;

    public Workspace Workspace { get; } = workspace;

    /// <summary>Server-only directory of submission snapshots.</summary>
    public string PrivateDirectory { get; } = privateDirectory;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public SemaphoreSlim Gate { get; } = new(1, 1);

    public ISandbox? Sandbox { get; set; }

    public string SandboxName { get; set; } = "";

    /// <summary>The workspace path as agent code sees it.</summary>
    public string? WorkspaceMountPath { get; set; }

    public SandboxIsolation? Isolation { get; set; }

    public string? PreviousSessionId { get; init; }

    public EpisodeState State { get; set; } = EpisodeState.Active;

    public string? EndReason { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    public int StepsUsed { get; set; }

    public int Seq { get; set; }

    public int RunsInFlight { get; set; }

    public bool SawPublicScores { get; set; }

    /// <summary>Scored execute steps: step to (public score, snapshot path).</summary>
    public Dictionary<int, (double PublicScore, string Snapshot)> Scored { get; } = [];

    public int? BestStep { get; set; }

    public double? BestPublicScore => BestStep is { } step ? Scored[step].PublicScore : null;

    public List<SubmitResult> Submissions { get; } = [];

    public SubmitResult? Final { get; set; }

    public Dictionary<string, RunHandle> Runs { get; } = new(StringComparer.Ordinal);

    public string? DataStructureCache { get; set; }

    public DateTimeOffset Deadline => CreatedAt.AddSeconds(Limits.EpisodeTimeoutSeconds);

    public BudgetStatus Budget(DateTimeOffset now) => new()
    {
        MaxSteps = Limits.MaxSteps,
        StepsUsed = StepsUsed,
        RunTimeoutSeconds = Limits.RunTimeoutSeconds,
        EpisodeTimeoutSeconds = Limits.EpisodeTimeoutSeconds,
        EpisodeRemainingSeconds = State == EpisodeState.Active ? Math.Max(0, Math.Round((Deadline - now).TotalSeconds, 1)) : 0,
        RunsInFlight = RunsInFlight,
        MaxRunsInFlight = Limits.MaxRunsInFlight,
        MemoryMegabytes = Limits.MemoryMegabytes,
        Cpus = Limits.Cpus,
        SubmissionsRemaining = Math.Max(0, Limits.MaxSubmissions - Submissions.Count),
    };
}
