using System.Globalization;
using MleDojo.Core.Execution;

namespace MleDojo.Sandbox.Common;

/// <summary>
/// Turns how a run ended into the result the agent reads. Both backends report timeouts, output limits, kills and
/// exit codes in the same words, so the mapping lives here once; what differs (how a non-zero exit is explained, a
/// note about the run's start or its container) is passed in.
/// </summary>
internal sealed class RunResultBuilder(
    OutputCapture capture,
    SandboxRunRequest request,
    SandboxLimits limits,
    Func<int, string, string?> exitNote,
    string? startNote = null,
    string? interpreter = null)
{
    /// <summary>
    /// The result of a run that ended: stopped for <paramref name="reason"/>, or exited by itself with
    /// <paramref name="exitCode"/> (null when unknown). <paramref name="memoryNote"/> explains a stop for the memory
    /// limit; <paramref name="containerNote"/> replaces the exit explanation when the run's container died under it.
    /// </summary>
    public SandboxRunResult Build(RunStopReason reason, int? exitCode, TimeSpan duration, string? memoryNote = null, string? containerNote = null)
    {
        var stdout = capture.Text(OutputCapture.Stdout);
        var stderr = capture.Text(OutputCapture.Stderr);
        SandboxRunOutcome outcome;
        int? code = null;
        string? note;
        switch (reason)
        {
            case RunStopReason.TimedOut:
                outcome = SandboxRunOutcome.TimedOut;
                note = $"Killed after the wall-clock limit of {Seconds(request.Timeout)} s; output printed before the kill is kept.";
                break;
            case RunStopReason.OutputLimit:
                outcome = SandboxRunOutcome.OutputLimitExceeded;
                note = OutputLimitNote();
                break;
            case RunStopReason.Cancelled:
                outcome = SandboxRunOutcome.Cancelled;
                note = "Killed on request.";
                break;
            case RunStopReason.MemoryLimit:
                outcome = SandboxRunOutcome.Failed;
                note = memoryNote;
                break;
            default:
                code = exitCode;
                if (capture.LimitWasReached)
                {
                    // It exited by itself before the kill landed, but the output was still cut at the limit.
                    outcome = SandboxRunOutcome.OutputLimitExceeded;
                    note = OutputLimitNote();
                }
                else if (containerNote is not null)
                {
                    outcome = SandboxRunOutcome.Failed;
                    note = containerNote;
                }
                else
                {
                    outcome = exitCode == 0 ? SandboxRunOutcome.Succeeded : SandboxRunOutcome.Failed;
                    note = exitCode is { } value && value != 0 ? exitNote(value, stderr) : null;
                }

                break;
        }

        return new SandboxRunResult(outcome, code, stdout, stderr, capture.StdoutLogPath, capture.StderrLogPath, duration, JoinNotes(startNote, note), interpreter);
    }

    /// <summary>
    /// The result when the sandbox itself failed while watching the run: Completion must not fault, so the failure is
    /// reported as a failed run the agent can read.
    /// </summary>
    public SandboxRunResult WatchFailed(Exception exception, TimeSpan duration) => new(
        SandboxRunOutcome.Failed,
        null,
        capture.Text(OutputCapture.Stdout),
        capture.Text(OutputCapture.Stderr),
        capture.StdoutLogPath,
        capture.StderrLogPath,
        duration,
        JoinNotes(startNote, $"The sandbox failed while watching the run: {exception.Message}"),
        interpreter);

    /// <summary>"Killed by signal N." for an exit code that says a signal ended the process, else null.</summary>
    public static string? SignalNote(int exitCode) =>
        exitCode is > 128 and < 128 + 65 ? $"Killed by signal {exitCode - 128}." : null;

    /// <summary>Whether stderr shows the usual out-of-memory errors (Python, NumPy, the C library).</summary>
    public static bool ReportsOutOfMemory(string stderr) =>
        stderr.Contains("MemoryError", StringComparison.Ordinal)
        || stderr.Contains("Unable to allocate", StringComparison.Ordinal)
        || stderr.Contains("Cannot allocate memory", StringComparison.Ordinal);

    public static long Mib(long bytes) => bytes / (1024 * 1024);

    private string OutputLimitNote() =>
        $"Killed after printing more than the output limit of {limits.MaxOutputBytes} bytes; the logs hold the first {limits.MaxOutputBytes} bytes. Print less (summaries, not every row).";

    private static string? JoinNotes(string? first, string? second) =>
        first is null ? second : second is null ? first : first + " " + second;

    private static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
}
