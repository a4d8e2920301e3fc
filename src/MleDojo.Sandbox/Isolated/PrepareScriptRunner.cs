using MleDojo.Core.Execution;
using MleDojo.Core.Importing;

namespace MleDojo.Sandbox.Isolated;

/// <summary>Runs an imported folder's prepare.py in an <see cref="IsolatedPython"/> sandbox, without network.</summary>
public sealed class PrepareScriptRunner(IsolatedPython python) : IPrepareRunner
{
    /// <inheritdoc />
    public async Task<PrepareOutcome> RunAsync(PrepareJob job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        var work = Directory.CreateDirectory(job.WorkDirectory).FullName;
        CodeFiles.Copy(job.CodeDirectory, Path.Combine(work, "comp"));
        if (job.RawIsScratch)
        {
            Directory.Move(job.RawDirectory, Path.Combine(work, "raw"));
        }
        else
        {
            await CopyTreeAsync(job.RawDirectory, Path.Combine(work, "raw"), cancellationToken).ConfigureAwait(false);
        }

        foreach (var directory in IsolatedPython.WritableDirectories)
        {
            Directory.CreateDirectory(Path.Combine(work, directory));
        }

        var script = "comp/" + Path.GetRelativePath(job.CodeDirectory, job.ScriptPath).Replace('\\', '/');
        var result = await python.RunAsync(
            work,
            new { Mode = "prepare", Module = script, PackageDir = "comp", Raw = "raw", Public = "public", Private = "private" },
            job.Timeout,
            cancellationToken).ConfigureAwait(false);
        var detail = result.Outcome switch
        {
            SandboxRunOutcome.Succeeded => result.Stdout,
            SandboxRunOutcome.TimedOut => $"prepare.py was stopped after {job.Timeout.TotalSeconds:0} s (raise it with --timeout).\n{Tail(result.Stderr)}",
            _ => string.Join('\n', new[] { result.Note, Tail(result.Stderr), Tail(result.Stdout) }.Where(s => !string.IsNullOrWhiteSpace(s))),
        };
        return new PrepareOutcome(
            result.Outcome == SandboxRunOutcome.Succeeded,
            Path.Combine(work, "public"),
            Path.Combine(work, "private"),
            NeededNetwork: result.ExitCode == 3,
            detail);
    }

    private static string Tail(string text, int maxLines = 25)
    {
        var lines = text.TrimEnd().Split('\n');
        return string.Join('\n', lines.Skip(Math.Max(0, lines.Length - maxLines)));
    }

    private static async Task CopyTreeAsync(string source, string target, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(target);
        foreach (var entry in new DirectoryInfo(source).EnumerateFileSystemInfos("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, entry.FullName));
            if (entry.LinkTarget is not null)
            {
                continue; // a link in a download could point anywhere on the host: never follow it into the sandbox
            }

            if (entry is DirectoryInfo)
            {
                Directory.CreateDirectory(destination);
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            await using var from = File.OpenRead(entry.FullName);
            await using var to = File.Create(destination);
            await from.CopyToAsync(to, cancellationToken).ConfigureAwait(false);
        }
    }
}
