using System.Text.Json;
using MleDojo.Server.Tests.Support;

namespace MleDojo.Server.Tests;

/// <summary>Who played a session, as a real MCP client labels it: kept with the session and shown wherever it is read back.</summary>
[Collection(ServerCollection.Name)]
public sealed class SessionLabelTests(ServerFixture fixture)
{
    private ServerProcess Server => fixture.Server;

    [Fact]
    public async Task StartSession_WithLabels_ShowsThemAndTheClientInStartHistoryResetAndEnd()
    {
        using var timeout = ToolCalls.Within(TimeSpan.FromSeconds(60));
        var ct = timeout.Token;

        var started = await Server.OkAsync("start_session", new()
        {
            ["competition_id"] = "titanic",
            ["agent"] = "gpt-4.1",
            ["experiment"] = "lite-sweep",
            ["seed"] = 3,
        }, ct);
        var id = started.Str("session_id");
        var history = await Server.OkAsync("get_history", new() { ["session_id"] = id }, ct);
        var next = await Server.OkAsync("reset", new() { ["session_id"] = id }, ct);
        var ended = await Server.OkAsync("end_session", new() { ["session_id"] = next.Str("session_id") }, ct);

        foreach (var (what, result) in new[] { ("start_session", started), ("get_history", history), ("reset", next), ("end_session", ended) })
        {
            var labels = result.GetProperty("labels");
            Assert.True(labels.Str("agent") == "gpt-4.1", $"{what}: {labels}");
            Assert.Equal("lite-sweep", labels.Str("experiment"));
            Assert.Equal(3, labels.Num("seed"));

            // From the client's initialize request, not from anything the agent said.
            Assert.Equal("mledojo-server-tests", labels.Str("client_name"));
            Assert.Equal("1.0.0", labels.Str("client_version"));
        }
    }

    [Fact]
    public async Task StartSession_WithoutLabels_IsStillKnownByItsClient()
    {
        using var timeout = ToolCalls.Within(TimeSpan.FromSeconds(60));
        var ct = timeout.Token;

        var started = await Server.OkAsync("start_session", new() { ["competition_id"] = "titanic" }, ct);
        var labels = (await Server.OkAsync("get_history", new() { ["session_id"] = started.Str("session_id") }, ct)).GetProperty("labels");

        Assert.False(labels.TryGetProperty("agent", out var agent) && agent.ValueKind != JsonValueKind.Null, labels.ToString());
        Assert.Equal("mledojo-server-tests", labels.Str("client_name"));
    }

    [Fact]
    public async Task StartSession_WithAnUnusableLabel_IsRefusedNamingIt()
    {
        using var timeout = ToolCalls.Within(TimeSpan.FromSeconds(60));
        var ct = timeout.Token;

        var tooLong = await Server.ErrorAsync("start_session", new() { ["competition_id"] = "titanic", ["agent"] = new string('a', 201) }, ct);
        var negative = await Server.ErrorAsync("start_session", new() { ["competition_id"] = "titanic", ["seed"] = -1 }, ct);

        Assert.StartsWith("[invalid_argument] agent must be one line of at most 200 characters", tooLong, StringComparison.Ordinal);
        Assert.StartsWith("[invalid_argument] seed -1 is negative", negative, StringComparison.Ordinal);
    }
}
