namespace MleDojo.Server.Tests.Support;

/// <summary>
/// One server process shared by the tests of the <see cref="ServerCollection"/>: safe because every test
/// opens its own session, and sessions are independent. Progress ticks every second so that a short run
/// shows them.
/// </summary>
public sealed class ServerFixture : IAsyncLifetime
{
    private ServerProcess? _server;

    public ServerProcess Server => _server ?? throw new InvalidOperationException("The fixture is not initialised.");

    public async ValueTask InitializeAsync()
    {
        _server = await ServerProcess.StartAsync(new Dictionary<string, string?>
        {
            ["MleDojo__Sessions__ProgressIntervalSeconds"] = "1",
        }, cancellationToken: TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    /// <summary>Starts a Titanic session (or another competition) and returns its id.</summary>
    public async Task<string> StartSessionAsync(CancellationToken cancellationToken, string competition = "titanic", int? maxSteps = null)
    {
        var arguments = new Dictionary<string, object?> { ["competition_id"] = competition };
        if (maxSteps is { } steps)
        {
            arguments["max_steps"] = steps;
        }

        var started = await Server.OkAsync("start_session", arguments, cancellationToken);
        return started.GetProperty("session_id").GetString()!;
    }
}
