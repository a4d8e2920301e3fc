using System.Security.Cryptography;
using MleDojo.Core.Competitions;
using MleDojo.Core.Grading;
using MleDojo.Core.Platform;

namespace MleDojo.Core.Sessions;

/// <summary>
/// Takes what a run left in output/submission.csv into the server's private directory and checks the copy. Agent code
/// controls the workspace: the file may be a link to the answers or a FIFO, so it is opened without following links,
/// copied once, and only the server's private copy is ever checked, scored or graded.
/// </summary>
internal sealed class SubmissionSnapshots(Workspace workspace, string privateDirectory, PreparedCompetition prepared, Grader grader)
{
    /// <summary>The server-only directory of snapshots.</summary>
    public string Directory => privateDirectory;

    /// <summary>A hash of the current output/submission.csv, or null when there is none: tells whether a run wrote it.</summary>
    public async Task<string?> FingerprintAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = SafeWorkspaceFile.OpenRead(workspace.Root, Workspace.SubmissionFile);
            return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or WorkspacePathException)
        {
            return null;
        }
    }

    /// <summary>Copies and checks the submission after run <paramref name="step"/>; <paramref name="fingerprintBefore"/> is from before it.</summary>
    public async Task<SubmissionSnapshot> TakeAsync(int step, string? fingerprintBefore)
    {
        var snapshot = Path.Combine(privateDirectory, $"step-{step:D4}-{Guid.NewGuid():N}.csv");
        try
        {
            await using var source = SafeWorkspaceFile.OpenRead(workspace.Root, Workspace.SubmissionFile);
            if (source.Length > prepared.Spec.Submission.MaxBytes)
            {
                return new(new SubmissionStatus(true, true, false, 0, [SubmissionReader.TooLarge(source.Length, prepared.Spec.Submission.MaxBytes)]), null, null);
            }

            await using var target = File.Create(snapshot);
            await source.CopyToAsync(target).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return new(new SubmissionStatus(false, false, false, 0, []), null, null);
        }
        catch (WorkspacePathException ex)
        {
            return new(new SubmissionStatus(true, true, false, 0, [new SubmissionError(SubmissionErrorCodes.MalformedCsv, ex.Message,
                "Write output/submission.csv as a regular file (not a link or a pipe).")]), null, null);
        }

        var written = await HashAsync(snapshot).ConfigureAwait(false) != fingerprintBefore;
        var check = await grader.CheckAsync(prepared, snapshot).ConfigureAwait(false);
        return new(new SubmissionStatus(true, written, check.IsValid, check.Rows, check.Errors), check, snapshot);
    }

    /// <summary>Deletes a snapshot nothing can submit (validate_code, invalid, unscorable).</summary>
    public static void Discard(string snapshot) => File.Delete(snapshot);

    private static async Task<string> HashAsync(string path)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream).ConfigureAwait(false));
    }
}
