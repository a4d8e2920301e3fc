using System.Diagnostics;
using System.Text.Json;

namespace MleDojo.Testing;

/// <summary>Slurm's own view, asked independently of the backend: jobs from <c>squeue --json</c>, steps from <c>scontrol</c>.</summary>
public static class SlurmQueue
{
    /// <summary>The state of a job (RUNNING, PENDING, CANCELLED, ...), or null once the controller has forgotten it.</summary>
    public static async Task<string?> JobStateAsync(long jobId)
    {
        using var document = JsonDocument.Parse(await RunAsync("squeue", "--json", "--all"));
        foreach (var job in document.RootElement.GetProperty("jobs").EnumerateArray())
        {
            if (job.GetProperty("job_id").GetInt64() == jobId)
            {
                return job.GetProperty("job_state").GetString();
            }
        }

        return null;
    }

    /// <summary>The live holder job whose comment names <paramref name="sessionId"/> (exactly one).</summary>
    public static async Task<long> JobOfSessionAsync(string sessionId)
    {
        using var document = JsonDocument.Parse(await RunAsync("squeue", "--json", "--all"));
        return document.RootElement.GetProperty("jobs").EnumerateArray()
            .Where(j => j.GetProperty("job_state").GetString() is "RUNNING" or "PENDING"
                && j.GetProperty("comment").GetString()!.Contains($"mledojo.session={sessionId}", StringComparison.Ordinal)
                && !j.GetProperty("comment").GetString()!.Contains("someone-else", StringComparison.Ordinal))
            .Select(j => j.GetProperty("job_id").GetInt64())
            .Single();
    }

    /// <summary>The (name, comment) of a job.</summary>
    public static async Task<(string Name, string Comment)> LabelsAsync(long jobId)
    {
        using var document = JsonDocument.Parse(await RunAsync("squeue", "--json", "--all"));
        var job = document.RootElement.GetProperty("jobs").EnumerateArray().Single(j => j.GetProperty("job_id").GetInt64() == jobId);
        return (job.GetProperty("name").GetString()!, job.GetProperty("comment").GetString()!);
    }

    /// <summary>
    /// Whether the controller still lists a step of the job besides the holder's batch step and the session's warm
    /// template (a run's step, or a run's processes left in the template's step are what is looked for; the latter the
    /// callers check through /proc). squeue --json lists no steps in Slurm 22.05 and sacct needs slurmdbd, so this reads
    /// scontrol's records (one per step, separated by blank lines, the step id first).
    /// </summary>
    public static async Task<bool> HasRunningStepsAsync(long jobId)
    {
        var output = await RunAsync("scontrol", "show", "step", jobId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return output.Split("\n\n").Select(r => r.Trim()).Any(r =>
            r.StartsWith("StepId=", StringComparison.Ordinal)
            && !r.StartsWith($"StepId={jobId}.batch", StringComparison.Ordinal)
            && !r.Contains("Name=mledojo-warm", StringComparison.Ordinal));
    }

    /// <summary>The step ids of the job's warm template steps (named mledojo-warm) the controller lists.</summary>
    public static async Task<IReadOnlyList<string>> WarmStepsAsync(long jobId)
    {
        var output = await RunAsync("scontrol", "show", "step", jobId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return [.. output.Split("\n\n").Select(r => r.Trim())
            .Where(r => r.StartsWith("StepId=", StringComparison.Ordinal) && r.Contains("Name=mledojo-warm", StringComparison.Ordinal))
            .Select(r => r["StepId=".Length..r.IndexOfAny([' ', '\n'])])];
    }

    /// <summary>Submits a job that is not the backend's (another tool's, another instance's).</summary>
    public static async Task<long> SubmitForeignAsync(string name, string comment) =>
        long.Parse((await RunAsync("sbatch", "--parsable", "--job-name=" + name, "--comment=" + comment, "--cpus-per-task=1", "--mem=64M", "--output=/dev/null", "--wrap=exec sleep 600")).Trim().Split(';')[0], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Submits a job that takes every CPU the partition lets one node give (4 on mledojo-small), so the next job there pends.</summary>
    public static async Task<long> SubmitBlockerAsync(string partition, int cpus) =>
        long.Parse((await RunAsync("sbatch", "--parsable", "--job-name=mledojo-test-blocker", "--partition=" + partition, $"--cpus-per-task={cpus}", "--mem=64M", "--output=/dev/null", "--wrap=exec sleep 600")).Trim().Split(';')[0], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Polls an asynchronous condition until it holds or the time is up; returns whether it held.</summary>
    public static async Task<bool> EventuallyAsync(Func<Task<bool>> condition, TimeSpan within, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(250, cancellationToken);
        }

        return await condition();
    }

    /// <summary>Cancels one step (<c>job.step</c>), as an operator or a node failure would end it.</summary>
    public static Task<string> CancelStepAsync(string stepId) => RunAsync("scancel", stepId);

    public static Task<string> CancelAsync(long jobId) => RunAsync("scancel", jobId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static async Task<string> RunAsync(string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 || command == "scontrol" ? await stdout : throw new InvalidOperationException($"{command} failed: {await stderr}");
    }
}
