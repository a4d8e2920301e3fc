using System.IO.Enumeration;
using System.Text;
using MleDojo.Core.Execution;
using MleDojo.Core.Platform;

namespace MleDojo.Core.Sessions;

/// <summary>
/// Listing, reading and writing inside one session's workspace, for list_files, read_file, write_file and the run
/// scripts. Agent code controls the workspace, so nothing here follows a link it planted or blocks on a pipe.
/// </summary>
internal sealed class SessionFiles(Workspace workspace, SessionOptions options)
{
    private const int MaxListing = 500;

    /// <summary>Files under a workspace directory, recursively, up to 500 entries.</summary>
    public FileListing List(string? path, BudgetStatus budget)
    {
        var full = workspace.Resolve(path ?? ".");
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
            entries.Add(new FileEntry(workspace.Relative(entry.FullName), type, entry is FileInfo f ? f.Length : 0, workspace.IsReadOnly(entry.FullName)));
        }

        return new FileListing(workspace.Relative(full), [.. entries.OrderBy(e => e.Path, StringComparer.Ordinal)], truncated, budget);
    }

    /// <summary>
    /// A page of a workspace file as UTF-8 text: at most <paramref name="maxBytes"/> bytes (capped by
    /// <see cref="SessionOptions.MaxReadBytes"/>) from a byte offset. A page never ends inside a character, so
    /// following <c>next_offset</c> reads the file back whole.
    /// </summary>
    public async Task<FileContent> ReadAsync(string path, long offset, int? maxBytes, BudgetStatus budget, CancellationToken cancellationToken)
    {
        var full = workspace.Resolve(path);
        if (!File.Exists(full))
        {
            throw new SessionException(SessionErrorCode.InvalidPath, $"No file '{path}' in the workspace. Use list_files to see what exists.");
        }

        FileStream stream;
        try
        {
            stream = SafeWorkspaceFile.OpenRead(workspace.Root, workspace.Relative(full));
        }
        catch (WorkspacePathException ex)
        {
            throw new SessionException(SessionErrorCode.InvalidPath, ex.Message);
        }

        await using var _ = stream;
        var size = stream.Length;
        if (offset < 0 || offset > size)
        {
            throw new SessionException(SessionErrorCode.InvalidArgument, $"offset {offset} is outside the file (size {size} bytes).");
        }

        var limit = Math.Clamp(maxBytes ?? options.MaxReadBytes, 4, options.MaxReadBytes);
        stream.Seek(offset, SeekOrigin.Begin);
        var buffer = new byte[(int)Math.Min(limit, size - offset)];
        var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        var end = offset + read;
        if (end < size)
        {
            read = Utf8Text.CompleteLength(buffer.AsSpan(0, read));
            end = offset + read;
        }

        return new FileContent(workspace.Relative(full), offset, Encoding.UTF8.GetString(buffer, 0, read), size, end < size ? end : null, budget);
    }

    /// <summary>
    /// Writes a text file anywhere in the workspace but input/. <paramref name="agentGroup"/> is the group that owns
    /// agent files, as the sandbox says (<see cref="ISandbox.AgentGroupId"/>): the file is given to it, so agent code can
    /// change what write_file wrote. Null when agent code runs as the server.
    /// </summary>
    public async Task<FileWritten> WriteAsync(string path, string? content, int? agentGroup, BudgetStatus budget, CancellationToken cancellationToken)
    {
        var full = workspace.Resolve(path);
        if (workspace.IsReadOnly(full))
        {
            throw new SessionException(SessionErrorCode.InvalidPath, $"'{path}' is in input/, which is read-only. Write elsewhere in the workspace, e.g. output/ or a new folder.");
        }

        var bytes = Encoding.UTF8.GetBytes(content ?? "");
        if (bytes.Length > options.MaxWriteBytes)
        {
            throw new SessionException(SessionErrorCode.InvalidArgument, $"content is {bytes.Length:N0} bytes; the limit is {options.MaxWriteBytes:N0}.");
        }

        if (Directory.Exists(full))
        {
            throw new SessionException(SessionErrorCode.InvalidPath, $"'{path}' is a directory.");
        }

        var relative = workspace.Relative(full);
        var directory = Path.GetDirectoryName(relative) is { Length: > 0 } d ? d : ".";
        try
        {
            await CreateAsync(directory, Path.GetFileName(relative), bytes, agentGroup ?? -1, cancellationToken).ConfigureAwait(false);
        }
        catch (WorkspacePathException ex)
        {
            throw new SessionException(SessionErrorCode.InvalidPath, ex.Message);
        }

        return new FileWritten(relative, bytes.Length, budget);
    }

    /// <summary>
    /// Writes a run's script to runs/. Returns true when runs/ had to be recreated first: agent code running with the
    /// server's uid (weaker sandboxes) could have swapped it for a link out of the workspace.
    /// </summary>
    /// <exception cref="WorkspacePathException">The script could not be written.</exception>
    public async Task<bool> WriteScriptAsync(RunPlan plan, string code, CancellationToken cancellationToken)
    {
        var recreated = WorkspaceFiles.EnsureDirectory(workspace.Root, Workspace.RunsDirectory);
        await CreateAsync(Workspace.RunsDirectory, plan.ScriptName, Encoding.UTF8.GetBytes(code), shareGroup: -1, cancellationToken).ConfigureAwait(false);
        return recreated;
    }

    /// <summary>The end of a run log, read without following links; empty when the log is missing or unreadable.</summary>
    public string LogTail(string relativePath, int maxBytes = 8192)
    {
        try
        {
            using var stream = SafeWorkspaceFile.OpenRead(workspace.Root, relativePath);
            var start = Math.Max(0, stream.Length - maxBytes);
            stream.Seek(start, SeekOrigin.Begin);
            var buffer = new byte[stream.Length - start];
            var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            var text = Encoding.UTF8.GetString(buffer, 0, read);
            return start == 0 ? text : $"[... {start} bytes cut; full log at {relativePath} ...]\n{text}";
        }
        catch (Exception ex) when (ex is IOException or WorkspacePathException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    /// <summary>Creates a workspace file without following any link the agent may have planted on the way.</summary>
    private async Task CreateAsync(string relativeDirectory, string fileName, byte[] content, int shareGroup, CancellationToken cancellationToken)
    {
        using var handle = relativeDirectory is "" or "."
            ? WorkspaceFiles.CreateFile(workspace.Root, fileName, shareGroup)
            : WorkspaceFiles.CreateFile(workspace.Root, relativeDirectory, fileName, shareGroup);
        await using var stream = new FileStream(handle, FileAccess.Write);
        await stream.WriteAsync(content, cancellationToken).ConfigureAwait(false);
    }
}
