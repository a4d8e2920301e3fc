namespace MleDojo.Core.Sessions;

/// <summary>
/// Waits for a run on behalf of one call: up to the call's wait, reporting progress (elapsed time and the newest
/// lines) at the configured interval so clients that cut silent calls keep waiting, then answers <c>running</c>.
/// </summary>
internal sealed class RunWaiter(SessionOptions options, TimeProvider time)
{
    /// <param name="session">The run's session.</param>
    /// <param name="handle">The run.</param>
    /// <param name="wait">How long this call waits; the configured default when null.</param>
    /// <param name="progress">Where progress ticks go.</param>
    /// <param name="killOnCancel">The call that started the run owns it: cancelling that call kills the run.</param>
    /// <param name="cancellationToken">The call's token.</param>
    public async Task<RunResult> WaitAsync(Session session, RunHandle handle, TimeSpan? wait, IProgress<RunProgress>? progress, bool killOnCancel, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + (wait ?? TimeSpan.FromSeconds(options.DefaultWaitSeconds));
        var interval = TimeSpan.FromSeconds(options.ProgressIntervalSeconds);
        try
        {
            while (true)
            {
                var left = deadline - time.GetUtcNow();
                if (handle.IsFinished || left <= TimeSpan.Zero)
                {
                    return handle.IsFinished ? await handle.Finished.ConfigureAwait(false) : RunResults.Running(session, handle, time.GetUtcNow());
                }

                await Task.WhenAny(handle.Finished, Task.Delay(left < interval ? left : interval, time, cancellationToken)).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                if (!handle.IsFinished)
                {
                    progress?.Report(new RunProgress(handle.RunId, (time.GetUtcNow() - handle.StartedAt).TotalSeconds, handle.Run.RecentOutput(options.ProgressLines)));
                }
            }
        }
        catch (OperationCanceledException) when (killOnCancel && cancellationToken.IsCancellationRequested)
        {
            // The client gave up on the call: no runaway background work is left behind.
            await handle.Run.KillAsync(CancellationToken.None).ConfigureAwait(false);
            await handle.Finished.ConfigureAwait(false);
            throw;
        }
    }
}
