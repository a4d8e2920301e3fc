namespace MleDojo.Sandbox.Warm;

/// <summary>How a warm run's exit code is explained: as a cold run's, besides the template's own failure to prepare it.</summary>
internal static class WarmExitNotes
{
    /// <summary>The exit code of an init that could not prepare the run (<c>SETUP_FAILED</c> in the templates).</summary>
    public const int SetupFailed = 249;

    /// <summary>The note for exit <see cref="SetupFailed"/>.</summary>
    public const string SetupFailedNote = "The warm interpreter could not prepare this run (see the server log); run the step again, or start the server with --cold-runs.";

    /// <summary>The cold path's notes (<paramref name="cold"/>), with the one for a run the template could not prepare.</summary>
    public static Func<int, string, string?> With(Func<int, string, string?> cold) => (exitCode, stderr) => exitCode == SetupFailed
        ? SetupFailedNote
        : cold(exitCode, stderr);
}
