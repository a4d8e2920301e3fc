using System.ComponentModel.DataAnnotations;

namespace MleDojo.Core.Sessions;

/// <summary>Server-wide session settings. Bound from the <c>MleDojo:Sessions</c> configuration section.</summary>
public sealed class SessionOptions
{
    /// <summary>The ceilings every session's budget is held under.</summary>
    [Required]
    public BudgetLimits Ceilings { get; set; } = new();

    /// <summary>How long execute_code waits before answering <c>running</c>, when the call gives no wait_s. The default is 45 s, under the 60 s at which many clients give up.</summary>
    [Range(0, 3600)]
    public int DefaultWaitSeconds { get; set; } = 45;

    /// <summary>Seconds between progress notifications while a run goes on. The default is 3.</summary>
    [Range(0.2, 60)]
    public double ProgressIntervalSeconds { get; set; } = 3;

    /// <summary>Lines of recent output carried by each progress notification. The default is 5.</summary>
    [Range(1, 100)]
    public int ProgressLines { get; set; } = 5;

    /// <summary>Largest page read_file returns, in bytes of the file. The default is 20,000 (well under clients' ~25k-token result cap).</summary>
    [Range(256, 1_000_000)]
    public int MaxReadBytes { get; set; } = 20_000;

    /// <summary>Largest file write_file accepts, in bytes. The default is 5 MB.</summary>
    [Range(1, 1_073_741_824)]
    public int MaxWriteBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>
    /// Whether cancelling the execute_code or validate_code call that started a run kills the run. True over stdio,
    /// where cancelling is the client's deliberate act. Over HTTP a dropped connection cancels the call too, and a run
    /// must survive that so the client can pick it up with get_run; cancel_run stops a run on purpose either way.
    /// </summary>
    public bool CancelledCallKillsRun { get; set; } = true;

    /// <summary>Largest code accepted by validate/execute, in characters. The default is 1 MB.</summary>
    [Range(1, 100_000_000)]
    public int MaxCodeChars { get; set; } = 1024 * 1024;
}
