namespace MleDojo.Sandbox.Slurm;

/// <summary>
/// How the backend marks its holder jobs: the job name starts with <c>mledojo-</c> and the comment holds
/// <c>mledojo.instance=&lt;id&gt; mledojo.session=&lt;session id&gt;</c>. Both must match, and the job must be the
/// server's own user's, before the backend touches a job, so a job another tool named alike is never cancelled.
/// </summary>
internal static class SlurmLabels
{
    public const string NamePrefix = "mledojo-";
    private const string InstanceKey = "mledojo.instance=";
    private const string SessionKey = "mledojo.session=";

    public static string JobName(string instanceId, string sessionId) =>
        NamePrefix + instanceId[..Math.Min(8, instanceId.Length)] + "-" + sessionId;

    public static string Comment(string instanceId, string sessionId) => $"{InstanceKey}{instanceId} {SessionKey}{sessionId}";

    /// <summary>The session id of one of this instance's holder jobs, or null for any other job.</summary>
    public static string? SessionOf(SlurmJob job, string instanceId, long userId)
    {
        if (job.UserId != userId || !job.Name.StartsWith(NamePrefix, StringComparison.Ordinal))
        {
            return null;
        }

        string? instance = null, session = null;
        foreach (var part in job.Comment.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.StartsWith(InstanceKey, StringComparison.Ordinal))
            {
                instance = part[InstanceKey.Length..];
            }
            else if (part.StartsWith(SessionKey, StringComparison.Ordinal))
            {
                session = part[SessionKey.Length..];
            }
        }

        return instance == instanceId && !string.IsNullOrEmpty(session) && job.Name == JobName(instanceId, session) ? session : null;
    }
}
