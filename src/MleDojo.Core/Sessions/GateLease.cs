namespace MleDojo.Core.Sessions;

/// <summary>Holds a session's gate until disposed: <c>using var lease = await session.LockAsync(ct);</c>.</summary>
internal readonly struct GateLease(SemaphoreSlim gate) : IDisposable
{
    public void Dispose() => gate.Release();
}
