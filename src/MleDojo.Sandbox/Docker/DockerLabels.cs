namespace MleDojo.Sandbox.Docker;

/// <summary>
/// Labels stamped on every container the backend creates. The instance label is how a server finds (and removes) the
/// containers an earlier, crashed run of itself left behind; the session label says which episode a container serves.
/// </summary>
internal static class DockerLabels
{
    /// <summary>The server instance: stable across restarts of a server on the same data root.</summary>
    public const string Instance = "mledojo.instance";

    /// <summary>The session the container serves.</summary>
    public const string SessionId = "mledojo.session-id";

    /// <summary>The server version that created the container.</summary>
    public const string Version = "mledojo.version";

    /// <summary>The version of the running server assembly, for the version label.</summary>
    public static string CurrentVersion { get; } =
        typeof(DockerLabels).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
}
