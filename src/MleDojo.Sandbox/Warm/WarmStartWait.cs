namespace MleDojo.Sandbox.Warm;

/// <summary>How a run may wait for its session's warm template while it starts (the backends' <c>WarmStartWait</c>).</summary>
internal static class WarmStartWait
{
    /// <summary>
    /// Takes the template as <paramref name="tryAcquire"/> does; when it is still starting (no template, no note), waits
    /// up to <paramref name="wait"/> for <paramref name="starting"/> and tries once more.
    /// </summary>
    public static async Task<(T? Template, string? Note)> AcquireAsync<T>(Func<(T? Template, string? Note)> tryAcquire, Func<Task> starting, TimeSpan wait, CancellationToken cancellationToken)
        where T : class
    {
        var acquired = tryAcquire();
        if (acquired is (null, null) && wait > TimeSpan.Zero)
        {
            await Task.WhenAny(starting(), Task.Delay(wait, cancellationToken)).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            acquired = tryAcquire();
        }

        return acquired;
    }
}
