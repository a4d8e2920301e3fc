using System.IO.Enumeration;
using System.Text;
using MleDojo.Core.Execution;

namespace MleDojo.Core.Sessions;

public sealed partial class SessionManager
{
    private const int MaxListing = 500;

    /// <summary>Lists files under a workspace directory (recursively, up to 500 entries).</summary>
    public async Task<FileListing> ListFilesAsync(string sessionId, string? path = null, CancellationToken cancellationToken = default)
    {
        var session = await GetAsync(sessionId, cancellationToken).ConfigureAwait(false);
        var full = session.Workspace.Resolve(path ?? ".");
        if (!Directory.Exists(full))
        {
            throw new SessionException(SessionErrorCode.InvalidPath, $"'{path}' is not a directory in the workspace. Try list_files with path '.'.");
        }

        var entries = new List<FileEntry>();
        var truncated = false;

        // Links are listed as links and never walked into: agent code can link a directory to / or to the answers.
        var walk = new FileSystemEnumerable<FileSystemInfo>(full, (ref FileSystemEntry e) => e.ToFileSystemInfo(), new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
        {
            ShouldRecursePredicate = (ref FileSystemEntry e) => (e.Attributes & FileAttributes.ReparsePoint) == 0,
        };
        foreach (var entry in walk)
        {
            if (entries.Count >= MaxListing)
            {
                truncated = true;
                break;
            }

            var type = entry.LinkTarget is not null ? "link" : entry is DirectoryInfo ? "directory" : "file";
            entries.Add(new FileEntry(session.Workspace.Relative(entry.FullName), type, entry is FileInfo f ? f.Length : 0, session.Workspace.IsReadOnly(entry.FullName)));
        }

        return new FileListing(session.Workspace.Relative(full), [.. entries.OrderBy(e => e.Path, StringComparer.Ordinal)], truncated, session.Budget(_time.GetUtcNow()));
    }

    /// <summary>Reads a page of a workspace file as UTF-8 text, from a byte offset.</summary>
    public async Task<FileContent> ReadFileAsync(string sessionId, string path, long offset = 0, int? maxChars = null, CancellationToken cancellationToken = default)
    {
        var session = await GetAsync(sessionId, cancellationToken).ConfigureAwait(false);
        var full = session.Workspace.Resolve(path);
        if (!File.Exists(full))
        {
            throw new SessionException(SessionErrorCode.InvalidPath, $"No file '{path}' in the workspace. Use list_files to see what exists.");
        }

        FileStream stream;
        try
        {
            stream = SafeWorkspaceFile.OpenRead(session.Workspace.Root, session.Workspace.Relative(full));
        }
        catch (SandboxException ex)
        {
            throw new SessionException(SessionErrorCode.InvalidPath, ex.Message);
        }

        await using var _ = stream;
        var size = stream.Length;
        if (offset < 0 || offset > size)
        {
            throw new SessionException(SessionErrorCode.InvalidArgument, $"offset {offset} is outside the file (size {size} bytes).");
        }

        var limit = Math.Clamp(maxChars ?? _options.MaxReadChars, 1, _options.MaxReadChars);
        stream.Seek(offset, SeekOrigin.Begin);
        var buffer = new byte[(int)Math.Min(limit, size - offset)];
        var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        var end = offset + read;
        return new FileContent(session.Workspace.Relative(full), offset, Encoding.UTF8.GetString(buffer, 0, read), size, end < size ? end : null, session.Budget(_time.GetUtcNow()));
    }

    /// <summary>Writes a text file into the workspace (not into input/, which is read-only).</summary>
    public async Task<FileWritten> WriteFileAsync(string sessionId, string path, string content, CancellationToken cancellationToken = default)
    {
        var session = await GetAsync(sessionId, cancellationToken).ConfigureAwait(false);
        await session.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Reading stays open after the end (inspection); changing the workspace does not.
            await EnsureActiveLocked(session, "write_file").ConfigureAwait(false);
            return await WriteFileLocked(session, path, content, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            session.Gate.Release();
        }
    }

    private async Task<FileWritten> WriteFileLocked(Session session, string path, string content, CancellationToken cancellationToken)
    {
        var full = session.Workspace.Resolve(path);
        if (session.Workspace.IsReadOnly(full))
        {
            throw new SessionException(SessionErrorCode.InvalidPath, $"'{path}' is in input/, which is read-only. Write elsewhere in the workspace, e.g. output/ or a new folder.");
        }

        var bytes = Encoding.UTF8.GetBytes(content ?? "");
        if (bytes.Length > _options.MaxWriteBytes)
        {
            throw new SessionException(SessionErrorCode.InvalidArgument, $"content is {bytes.Length:N0} bytes; the limit is {_options.MaxWriteBytes:N0}.");
        }

        if (Directory.Exists(full))
        {
            throw new SessionException(SessionErrorCode.InvalidPath, $"'{path}' is a directory.");
        }

        var relative = session.Workspace.Relative(full);
        var directory = Path.GetDirectoryName(relative) is { Length: > 0 } d ? d : ".";
        try
        {
            await WriteWorkspaceFileAsync(session, directory, Path.GetFileName(relative), content ?? "", cancellationToken, AgentGroup(session)).ConfigureAwait(false);
        }
        catch (SandboxException ex)
        {
            throw new SessionException(SessionErrorCode.InvalidPath, ex.Message);
        }

        await RecordAsync(session, "write_file", "ok", new { path = session.Workspace.Relative(full), bytes = bytes.Length }, result: null, code: content).ConfigureAwait(false);
        return new FileWritten(session.Workspace.Relative(full), bytes.Length, session.Budget(_time.GetUtcNow()));
    }

    /// <summary>
    /// The group agent code runs in, when it is not the server's: a sandbox that runs agent code under its own uid
    /// gives the workspace root to that uid's group. Files written through write_file go to it, so the agent's
    /// code can change them (a root-owned output/submission.csv or helper would otherwise be read-only to it).
    /// </summary>
    private static int AgentGroup(Session session)
    {
        var group = LibC.GroupOf(session.Workspace.Root);
        return group >= 0 && group != (int)LibC.GetEffectiveGroupId() ? group : -1;
    }
}
