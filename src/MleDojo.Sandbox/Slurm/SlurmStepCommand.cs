using System.Diagnostics;
using System.Globalization;

namespace MleDojo.Sandbox.Slurm;

/// <summary>
/// The <c>srun --overlap</c> command of a job step in a session's allocation that runs a local isolated command (a run,
/// or the session's warm template) on the node, with exactly the environment the local backend gives it.
/// </summary>
internal static class SlurmStepCommand
{
    /// <summary>A run's step: it prints its step id first (the server cancels the step by it), gets no stdin, and has its own time limit.</summary>
    public const string StepIdPrologue = "printf '%s\\n' \"$SLURM_STEP_ID\"; exec \"$@\"";

    /// <param name="srun">The srun client.</param>
    /// <param name="jobId">The session's allocation.</param>
    /// <param name="cpus">CPUs of the step.</param>
    /// <param name="workingDirectory">The workspace, on the shared root.</param>
    /// <param name="isolated">The local backend's command: its arguments after <c>setsid</c>, and its environment.</param>
    /// <param name="stepOptions">srun options particular to the step (name, time limit, input).</param>
    /// <param name="prologue">A shell prologue run before the command on the node, or null.</param>
    public static ProcessStartInfo Create(string srun, long jobId, double cpus, string workingDirectory, ProcessStartInfo isolated, IEnumerable<string> stepOptions, string? prologue)
    {
        var startInfo = new ProcessStartInfo(srun)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };

        List<string> options =
        [
            string.Create(CultureInfo.InvariantCulture, $"--jobid={jobId}"), "--overlap", "--nodes=1", "--ntasks=1",
            string.Create(CultureInfo.InvariantCulture, $"--cpus-per-task={Math.Max(1, (int)Math.Ceiling(cpus))}"),
            "--unbuffered", "--quiet", "--quiet", "--chdir=" + workingDirectory,
            .. stepOptions,
            "--",
        ];
        if (prologue is not null)
        {
            options.AddRange(["/bin/sh", "-c", prologue, "mledojo-step"]);
        }

        foreach (var option in options)
        {
            startInfo.ArgumentList.Add(option);
        }

        // Inside the step, env -i gives agent code exactly the local backend's scrubbed environment (srun would pass
        // the server's own, SLURM_* variables included).
        startInfo.ArgumentList.Add("/usr/bin/env");
        startInfo.ArgumentList.Add("-i");
        foreach (var (key, value) in isolated.Environment)
        {
            startInfo.ArgumentList.Add($"{key}={value}");
        }

        // Without the local command's leading setsid: slurmstepd makes the task a process group leader, so setsid would
        // fork and leave the sandbox outside the step, where Slurm can neither track nor kill it (bwrap --new-session
        // still gives agent code its own session).
        foreach (var argument in isolated.ArgumentList)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // The server may itself run inside a Slurm job: its job's variables would redirect or resize the step.
        foreach (var key in startInfo.Environment.Keys.Where(k => k.StartsWith("SLURM_", StringComparison.Ordinal) && k != "SLURM_CONF").ToList())
        {
            startInfo.Environment.Remove(key);
        }

        return startInfo;
    }
}
