using Microsoft.Extensions.AI;

namespace MleDojo.Agents.Tests.Support;

/// <summary>A model client that remembers whether someone disposed it.</summary>
public sealed class DisposalWatch(IChatClient inner) : DelegatingChatClient(inner)
{
    public bool Disposed { get; private set; }

    protected override void Dispose(bool disposing)
    {
        Disposed = true;
        base.Dispose(disposing);
    }
}
