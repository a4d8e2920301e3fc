using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MleDojo.Core.Execution;

namespace MleDojo.Sandbox.Slurm;

/// <summary>
/// The Slurm commands the backend drives: <c>sbatch</c> for holder jobs, <c>squeue --json</c> for their state (its
/// structured output, never text columns), <c>scancel</c> for jobs and steps. <c>srun</c> is started by the runs.
/// </summary>
internal sealed class SlurmCommands(string? commandDirectory, TimeSpan commandTimeout)
{
    /// <summary>The path of a Slurm command: in the configured directory, else the bare name for PATH lookup.</summary>
    public string Path(string command) => commandDirectory is null ? command : System.IO.Path.Combine(commandDirectory, command);

    /// <summary>Submits a batch job and returns its id.</summary>
    /// <exception cref="SandboxException">sbatch failed; the message carries its error.</exception>
    public async Task<long> SubmitAsync(IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var output = await RunCheckedAsync("sbatch", ["--parsable", .. arguments], cancellationToken).ConfigureAwait(false);

        // --parsable prints "<job id>" or "<job id>;<cluster>".
        var first = output.Trim().Split(';')[0];
        return long.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : throw new SandboxException($"sbatch printed no job id: '{output.Trim()}'.");
    }

    /// <summary>Every job the controller knows (all partitions, all users: the caller filters by its labels).</summary>
    /// <exception cref="SandboxException">squeue failed or printed no JSON.</exception>
    public async Task<IReadOnlyList<SlurmJob>> ListJobsAsync(CancellationToken cancellationToken)
    {
        // Slurm 22.05 ignores squeue's filters (--jobs, --name) together with --json, so the filtering is ours.
        var output = await RunCheckedAsync("squeue", ["--json", "--all"], cancellationToken).ConfigureAwait(false);
        try
        {
            return SqueueJson.Parse(output);
        }
        catch (JsonException ex)
        {
            throw new SandboxException($"squeue --json printed something that is not its JSON ({ex.Message}). The cluster's Slurm needs its openapi plugins (Debian: slurm-wlm-basic-plugins).", ex);
        }
    }

    /// <summary>One job by id, or null once the controller has forgotten it (it ended a while ago).</summary>
    public async Task<SlurmJob?> FindAsync(long jobId, CancellationToken cancellationToken) =>
        (await ListJobsAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(j => j.JobId == jobId);

    /// <summary>Cancels a job (<c>123</c>) or one step of it (<c>123.4</c>). A target that has ended already is not an error.</summary>
    public async Task CancelAsync(string target, CancellationToken cancellationToken)
    {
        var (exitCode, _, stderr) = await RunAsync("scancel", ["--quiet", target], cancellationToken).ConfigureAwait(false);
        if (exitCode != 0 && !stderr.Contains("already completed", StringComparison.OrdinalIgnoreCase)
            && !stderr.Contains("Invalid job id", StringComparison.OrdinalIgnoreCase))
        {
            throw new SandboxException($"scancel {target} failed: {stderr.Trim()}");
        }
    }

    private async Task<string> RunCheckedAsync(string command, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var (exitCode, stdout, stderr) = await RunAsync(command, arguments, cancellationToken).ConfigureAwait(false);
        return exitCode == 0
            ? stdout
            : throw new SandboxException($"{command} failed (exit code {exitCode}): {(stderr.Trim().Length > 0 ? stderr.Trim() : stdout.Trim())}");
    }

    private async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string command, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(Path(command))
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(startInfo) ?? throw new SandboxException($"{command} did not start.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new SandboxException($"Cannot run {Path(command)}: {ex.Message}. Install the Slurm client commands (Debian: slurm-client) or set MleDojo:Sandbox:Slurm:CommandDirectory.", ex);
        }

        using (process)
        {
            process.StandardInput.Close();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(commandTimeout);
            var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            try
            {
                await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
                return (process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                if (cancellationToken.IsCancellationRequested)
                {
                    throw;
                }

                throw new SandboxException($"{command} gave no answer within {commandTimeout.TotalSeconds:0} s; is slurmctld up?");
            }
        }
    }
}
