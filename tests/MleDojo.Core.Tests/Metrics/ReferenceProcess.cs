using System.Diagnostics;

namespace MleDojo.Core.Tests.Metrics;

/// <summary>Runs a reference script (Python or R) with a three-minute limit and captures its output.</summary>
internal static class ReferenceProcess
{
    public static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(
        string file, IReadOnlyList<string> arguments, CancellationToken cancel)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {file}");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(cancel);
        Task<string> stderr = process.StandardError.ReadToEndAsync(cancel);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        timeout.CancelAfter(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
