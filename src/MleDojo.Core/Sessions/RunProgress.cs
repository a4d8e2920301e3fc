namespace MleDojo.Core.Sessions;

/// <summary>A progress tick of a run in flight: how long it has gone and its newest output lines.</summary>
public sealed record RunProgress(string RunId, double ElapsedSeconds, IReadOnlyList<string> RecentLines);
