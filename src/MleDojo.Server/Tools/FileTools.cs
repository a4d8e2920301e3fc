using System.ComponentModel;
using MleDojo.Core.Sessions;
using ModelContextProtocol.Server;

namespace MleDojo.Server.Tools;

/// <summary>Files in the session workspace, confined to it.</summary>
[McpServerToolType]
public sealed class FileTools(SessionManager sessions)
{
    /// <summary>list_files.</summary>
    [McpServerTool(Name = "list_files", Title = "List workspace files", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("Lists files under a workspace directory (recursive, up to 500 entries). input/ is read-only; runs/ holds your scripts and full run logs.")]
    public Task<FileListing> ListFiles(
        [Description("The session_id.")] string session_id,
        [Description("Workspace-relative directory, default '.'.")] string path = ".",
        CancellationToken cancellationToken = default) =>
        sessions.ListFilesAsync(session_id, path, cancellationToken);

    /// <summary>read_file.</summary>
    [McpServerTool(Name = "read_file", Title = "Read a workspace file", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("Reads a page of a workspace file as UTF-8 text: up to max_bytes bytes from a byte offset, never ending inside a character. Follow next_offset for more.")]
    public Task<FileContent> ReadFile(
        [Description("The session_id.")] string session_id,
        [Description("Workspace-relative path, e.g. runs/run-0002.stdout.log.")] string path,
        [Description("Byte offset to start at (default 0).")] long offset = 0,
        [Description("Maximum bytes of the file to return (default and cap 20000).")] int? max_bytes = null,
        CancellationToken cancellationToken = default) =>
        sessions.ReadFileAsync(session_id, path, offset, max_bytes, cancellationToken);

    /// <summary>write_file.</summary>
    [McpServerTool(Name = "write_file", Title = "Write a workspace file", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("Writes a text file in the workspace (e.g. a helper module to import), replacing it if it exists. input/ is read-only. Does not use a step.")]
    public Task<FileWritten> WriteFile(
        [Description("The session_id.")] string session_id,
        [Description("Workspace-relative path.")] string path,
        [Description("The whole file content.")] string content,
        CancellationToken cancellationToken = default) =>
        sessions.WriteFileAsync(session_id, path, content, cancellationToken);
}
