namespace MleDojo.Server.Cli;

/// <summary>Reports progress on the reporting thread, in order (<see cref="Progress{T}"/> posts to the thread pool and may reorder lines).</summary>
internal sealed class SynchronousProgress(Action<string> report) : IProgress<string>
{
    public void Report(string value) => report(value);
}
