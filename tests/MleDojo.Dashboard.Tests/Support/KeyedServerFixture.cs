namespace MleDojo.Dashboard.Tests.Support;

/// <summary>One <c>serve --http --auth keys</c> server shared by a test class, with keys for alice, bob (play) and root (admin).</summary>
public sealed class KeyedServerFixture : IAsyncLifetime
{
    public DashboardServer Server { get; private set; } = null!;

    public string Alice { get; private set; } = null!;

    public string Bob { get; private set; } = null!;

    public string Root { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Server = await DashboardServer.StartAsync("keys", TestContext.Current.CancellationToken);
        Alice = await Server.CreateKeyAsync("alice", cancellationToken: TestContext.Current.CancellationToken);
        Bob = await Server.CreateKeyAsync("bob", cancellationToken: TestContext.Current.CancellationToken);
        Root = await Server.CreateKeyAsync("root", "play,admin", TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }
}
