using System.ComponentModel;
using MleDojo.Core.Sessions;
using ModelContextProtocol.Server;

namespace MleDojo.Server.Resources;

/// <summary>Session workspace files as resources (first page; use read_file to page on).</summary>
[McpServerResourceType]
public sealed class SessionResources(SessionManager sessions)
{
    /// <summary>A file of a session workspace.</summary>
    [McpServerResource(UriTemplate = "mledojo://sessions/{session_id}/files/{+path}", Name = "session_file", Title = "Session workspace file", MimeType = "text/plain")]
    [Description("A text file in a session's workspace, e.g. mledojo://sessions/s-abc/files/runs/run-0001.stdout.log (first 20,000 bytes).")]
    public async Task<string> File(
        [Description("The session_id.")] string session_id,
        [Description("Workspace-relative path.")] string path,
        CancellationToken cancellationToken)
    {
        var page = await sessions.ReadFileAsync(session_id, path, 0, null, cancellationToken).ConfigureAwait(false);
        return page.NextOffset is null ? page.Content : page.Content + $"\n[... {page.Size - page.NextOffset:N0} more bytes; use read_file with offset {page.NextOffset}]";
    }
}
