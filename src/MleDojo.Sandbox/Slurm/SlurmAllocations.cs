using System.Globalization;
using MleDojo.Core.Execution;

namespace MleDojo.Sandbox.Slurm;

/// <summary>
/// Holder jobs, one per session: a job that only sleeps, sized from the session's budget, labelled with the instance
/// and session, whose allocation the session's runs start their steps in.
/// </summary>
internal sealed class SlurmAllocations(SlurmCommands commands, SlurmSandboxOptions options, string instanceId)
{
    public string InstanceId => instanceId;

    /// <summary>Submits the holder job of a session; returns its id at once (it may pend).</summary>
    public Task<long> SubmitAsync(SandboxSpec spec, CancellationToken cancellationToken)
    {
        var cpus = Math.Max(1, (int)Math.Ceiling(spec.Limits.Cpus));
        var megabytes = Math.Max(1, spec.Limits.MemoryBytes / (1024 * 1024));
        var arguments = new List<string>
        {
            "--job-name=" + SlurmLabels.JobName(instanceId, spec.SessionId),
            "--comment=" + SlurmLabels.Comment(instanceId, spec.SessionId),
            "--nodes=1",
            "--ntasks=1",
            Invariant($"--cpus-per-task={cpus}"),
            Invariant($"--mem={megabytes}M"),
            "--time=" + TimeLimit(spec),
            "--no-requeue",
            "--output=/dev/null",
            "--error=/dev/null",
            "--chdir=/",
        };
        AddIfSet(arguments, "--partition=", options.Partition);
        AddIfSet(arguments, "--account=", options.Account);
        AddIfSet(arguments, "--qos=", options.Qos);
        if (spec.Gpus > 0)
        {
            arguments.Add(Invariant($"--gres=gpu:{spec.Gpus}"));
        }

        // The holder does nothing but keep the allocation; steps overlap it.
        arguments.Add("--wrap=exec sleep infinity");
        return commands.SubmitAsync(arguments, cancellationToken);
    }

    /// <summary>
    /// Waits up to <paramref name="wait"/> for the job's allocation to start. Returns the job: running, or still
    /// pending when the wait ran out, or ended; null once Slurm has forgotten it.
    /// </summary>
    public async Task<SlurmJob?> WaitRunningAsync(long jobId, TimeSpan wait, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + wait;
        while (true)
        {
            var job = await commands.FindAsync(jobId, cancellationToken).ConfigureAwait(false);
            if (job is null || !job.IsPending || DateTime.UtcNow >= deadline)
            {
                return job;
            }

            await Task.Delay(options.PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The live holder jobs of this instance, by session id (the server's own jobs only).</summary>
    public async Task<Dictionary<string, SlurmJob>> ListOwnAsync(CancellationToken cancellationToken)
    {
        var userId = Core.Platform.LibC.GetEffectiveUserId();
        var own = new Dictionary<string, SlurmJob>(StringComparer.Ordinal);
        foreach (var job in await commands.ListJobsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (job.IsLive && SlurmLabels.SessionOf(job, instanceId, userId) is { } session)
            {
                // Two live jobs for one session (a crash between submit and record): the newer one is kept.
                if (own.TryGetValue(session, out var other))
                {
                    var older = other.JobId < job.JobId ? other : job;
                    await commands.CancelAsync(Invariant($"{older.JobId}"), cancellationToken).ConfigureAwait(false);
                }

                own[session] = own.TryGetValue(session, out var kept) && kept.JobId > job.JobId ? kept : job;
            }
        }

        return own;
    }

    public Task CancelAsync(long jobId, CancellationToken cancellationToken) =>
        commands.CancelAsync(Invariant($"{jobId}"), cancellationToken);

    /// <summary>The episode's wall clock plus the margin, in whole minutes as Slurm counts them; unlimited without a clock.</summary>
    private string TimeLimit(SandboxSpec spec)
    {
        if (spec.SessionDuration is not { } duration || duration <= TimeSpan.Zero)
        {
            return "UNLIMITED";
        }

        var minutes = (long)Math.Ceiling((duration + options.TimeLimitMargin).TotalMinutes);
        return Invariant($"{Math.Max(1, minutes)}");
    }

    private static void AddIfSet(List<string> arguments, string flag, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            arguments.Add(flag + value);
        }
    }

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
