using MleDojo.Core.Execution;

namespace MleDojo.Testing;

/// <summary>
/// What both sandbox backends must report for the shared <see cref="AttackScripts"/>, checked the same way on each.
/// </summary>
public static class AttackAssertions
{
    /// <summary>After <see cref="AttackScripts.Allocate20Gb"/>: every allocation failed, fast, and the note says why.</summary>
    public static void FailedToAllocate20Gb(SandboxRunResult result)
    {
        Assert.Equal(SandboxRunOutcome.Failed, result.Outcome);
        Assert.Contains("bytearray failed MemoryError", result.Stdout);
        Assert.Contains("anonymous mmap failed", result.Stdout);
        Assert.DoesNotContain("ALLOCATED", result.Stdout);
        Assert.Contains("Unable to allocate", result.Stderr);
        Assert.Contains("out of memory", result.Note);
        Assert.True(result.Duration < TimeSpan.FromSeconds(30), $"took {result.Duration}");
    }

    /// <summary>After <see cref="AttackScripts.InfiniteLoop"/> with a 2 s timeout: timed out, keeping what it printed.</summary>
    public static void TimedOutKeepingOutput(SandboxRunResult result)
    {
        Assert.Equal(SandboxRunOutcome.TimedOut, result.Outcome);
        Assert.Null(result.ExitCode);
        Assert.Contains("started training", result.Stdout);
        Assert.Contains("wall-clock limit", result.Note);
        Assert.True(result.Duration >= TimeSpan.FromSeconds(1.5), $"took {result.Duration}");
    }

    /// <summary>After <see cref="AttackScripts.Print100Mb"/>: cut at the output limit, in the log and in the result.</summary>
    public static void StoppedAtOutputLimit(SandboxRunResult result, string workspacePath, long maxOutputBytes)
    {
        Assert.Equal(SandboxRunOutcome.OutputLimitExceeded, result.Outcome);
        Assert.Contains("output limit", result.Note);
        var log = new FileInfo(Path.Combine(workspacePath, result.StdoutLogPath));
        Assert.InRange(log.Length, maxOutputBytes, maxOutputBytes + 200);
        Assert.StartsWith("first line\n", result.Stdout);
        Assert.Contains($"bytes cut; full log at {result.StdoutLogPath} ...]", result.Stdout);
        Assert.InRange(result.Stdout.Length, 1000, 20_000);
    }
}
