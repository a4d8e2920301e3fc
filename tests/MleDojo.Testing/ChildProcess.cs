using System.Diagnostics;

namespace MleDojo.Testing;

/// <summary>Runs a program to its end and gives back its exit code and what it printed, as a user at a shell would see it.</summary>
public static class ChildProcess
{
    /// <summary>
    /// Starts <paramref name="start"/> with its output captured, and waits up to <paramref name="timeout"/>; a run that
    /// outlives it, or the test's cancellation, has its whole process tree killed rather than left behind.
    /// </summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(ProcessStartInfo start, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(start);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
