namespace MleDojo.Core.Platform;

/// <summary>
/// A workspace path that may not be used: absolute or leaving the workspace, through a link agent code planted, or
/// not a regular file or directory where one is needed. The path is wrong, not the sandbox: the message names it.
/// </summary>
public sealed class WorkspacePathException(string message) : DojoException("invalid_path", message);
