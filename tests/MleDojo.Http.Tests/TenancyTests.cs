using MleDojo.Http.Tests.Support;
using ModelContextProtocol;

namespace MleDojo.Http.Tests;

/// <summary>
/// Tenants over HTTP: a principal's sessions are invisible to another (the very answer an unknown id gets, on every
/// session tool and resource), an admin sees all, and quotas hold each principal to its share.
/// </summary>
public sealed class TenancyTests
{
    [Fact]
    public async Task AnotherPrincipal_OnEverySessionToolAndResource_GetsTheAnswerOfAnUnknownSession()
    {
        using var timeout = Calls.Within(TimeSpan.FromMinutes(4));
        var ct = timeout.Token;
        await using var server = await HttpServer.StartAsync(ct);
        await using var alice = await server.ConnectAsync(await server.CreateKeyAsync("alice", ct), ct);
        await using var bob = await server.ConnectAsync(await server.CreateKeyAsync("bob", ct), ct);
        await using var admin = await server.ConnectAsync(await server.CreateKeyAsync("operator", ct, scopes: "admin"), ct);

        var theirs = await alice.StartAsync(ct);
        var run = await alice.OkAsync("execute_code", new() { ["session_id"] = theirs, ["code"] = "open('notes.txt', 'w').write('private')" }, ct);
        const string nobody = "s-000000000000";

        foreach (var (tool, arguments) in SessionCalls())
        {
            var refused = await bob.ErrorAsync(tool, arguments(theirs, run.Str("run_id")), ct);
            var unknown = await bob.ErrorAsync(tool, arguments(nobody, run.Str("run_id")), ct);
            Assert.Equal(unknown.Replace(nobody, "ID", StringComparison.Ordinal), refused.Replace(theirs, "ID", StringComparison.Ordinal));
            Assert.Contains("[unknown_session]", refused, StringComparison.Ordinal);
        }

        var resource = await Assert.ThrowsAnyAsync<McpException>(() => bob.ReadResourceAsync(new Uri($"mledojo://sessions/{theirs}/files/notes.txt"), cancellationToken: ct).AsTask());
        var unknownResource = await Assert.ThrowsAnyAsync<McpException>(() => bob.ReadResourceAsync(new Uri($"mledojo://sessions/{nobody}/files/notes.txt"), cancellationToken: ct).AsTask());
        Assert.Equal(unknownResource.Message.Replace(nobody, "ID", StringComparison.Ordinal), resource.Message.Replace(theirs, "ID", StringComparison.Ordinal));

        // Nothing bob did touched the episode: alice's steps are hers alone, and it is still going.
        var history = await alice.OkAsync("get_history", new() { ["session_id"] = theirs }, ct);
        Assert.Equal("active", history.Str("state"));
        Assert.Single(history.GetProperty("steps").EnumerateArray(), s => s.Str("action") is "execute_code" or "validate_code");

        // An admin sees and reads every session.
        var seen = await admin.OkAsync("get_history", new() { ["session_id"] = theirs }, ct);
        Assert.Equal("alice", seen.GetProperty("labels").Str("owner"));
        var file = await admin.ReadResourceAsync(new Uri($"mledojo://sessions/{theirs}/files/notes.txt"), cancellationToken: ct);
        Assert.NotEmpty(file.Contents);
    }

    [Fact]
    public async Task Quotas_HoldEachPrincipalToItsSessionsAndRunsInFlight_WithACodeAndAHint()
    {
        using var timeout = Calls.Within(TimeSpan.FromMinutes(4));
        var ct = timeout.Token;
        await using var server = await HttpServer.StartAsync(ct, environment: new Dictionary<string, string?>
        {
            ["MleDojo__Http__Quotas__MaxSessions"] = "2",
            ["MleDojo__Http__Quotas__MaxRunsInFlight"] = "1",
        });
        await using var alice = await server.ConnectAsync(await server.CreateKeyAsync("alice", ct), ct);
        await using var bob = await server.ConnectAsync(await server.CreateKeyAsync("bob", ct), ct);

        var first = await alice.StartAsync(ct);
        var second = await alice.StartAsync(ct);
        var third = await alice.ErrorAsync("start_session", new() { ["competition_id"] = "titanic" }, ct);
        Assert.StartsWith("[quota_exceeded]", third, StringComparison.Ordinal);
        Assert.Contains("MaxSessions = 2", third, StringComparison.Ordinal);
        Assert.Contains("end_session", third, StringComparison.Ordinal);

        // Another principal has its own share.
        await bob.StartAsync(ct);

        var running = await alice.OkAsync("execute_code", new() { ["session_id"] = first, ["code"] = "import time\ntime.sleep(600)", ["wait_s"] = 0 }, ct);
        var refused = await alice.ErrorAsync("execute_code", new() { ["session_id"] = second, ["code"] = "print(1)" }, ct);
        Assert.StartsWith("[quota_exceeded]", refused, StringComparison.Ordinal);
        Assert.Contains("cancel_run", refused, StringComparison.Ordinal);
        var untouched = await alice.OkAsync("get_history", new() { ["session_id"] = second }, ct);
        Assert.DoesNotContain(untouched.GetProperty("steps").EnumerateArray(), s => s.Str("action") == "execute_code");

        // Freed places are free again: a cancelled run, an ended session.
        await alice.OkAsync("cancel_run", new() { ["session_id"] = first, ["run_id"] = running.Str("run_id") }, ct);
        Assert.Equal("succeeded", (await alice.OkAsync("execute_code", new() { ["session_id"] = second, ["code"] = "print(1)" }, ct)).Str("status"));
        await alice.OkAsync("end_session", new() { ["session_id"] = first }, ct);
        await alice.StartAsync(ct);
    }

    private static IEnumerable<(string Tool, Func<string, string, Dictionary<string, object?>> Arguments)> SessionCalls() =>
    [
        ("request_info", (id, _) => new() { ["session_id"] = id, ["info_type"] = "overview" }),
        ("validate_code", (id, _) => new() { ["session_id"] = id, ["code"] = "print(1)" }),
        ("execute_code", (id, _) => new() { ["session_id"] = id, ["code"] = "print(1)" }),
        ("get_run", (id, run) => new() { ["session_id"] = id, ["run_id"] = run }),
        ("cancel_run", (id, run) => new() { ["session_id"] = id, ["run_id"] = run }),
        ("get_history", (id, _) => new() { ["session_id"] = id }),
        ("list_files", (id, _) => new() { ["session_id"] = id }),
        ("read_file", (id, _) => new() { ["session_id"] = id, ["path"] = "notes.txt" }),
        ("write_file", (id, _) => new() { ["session_id"] = id, ["path"] = "x.py", ["content"] = "print(2)" }),
        ("submit", (id, _) => new() { ["session_id"] = id }),
        ("reset", (id, _) => new() { ["session_id"] = id }),
        ("end_session", (id, _) => new() { ["session_id"] = id }),
    ];
}
