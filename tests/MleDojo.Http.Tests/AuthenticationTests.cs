using System.Net;
using System.Text;
using MleDojo.Http.Tests.Support;

namespace MleDojo.Http.Tests;

/// <summary>
/// The attacks an HTTP MCP server meets, against a real server with API keys: no credential, a wrong one, a revoked one,
/// a forged Origin, a rebound Host, an oversized body; and the binds it refuses to start with.
/// </summary>
public sealed class AuthenticationTests
{
    private const string Initialize = """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"attack","version":"1"}}}""";

    [Fact]
    public async Task Mcp_WithoutAWorkingKey_Is401WithAChallenge_AndARevokedKeyStopsAtOnce()
    {
        using var timeout = Calls.Within(TimeSpan.FromMinutes(3));
        var ct = timeout.Token;
        await using var server = await HttpServer.StartAsync(ct);
        var key = await server.CreateKeyAsync("alice", ct);

        foreach (var bearer in new string?[] { null, "mdj_wrong", key + "x", "not-even-a-key" })
        {
            using var http = server.Http(bearer);
            using var response = await http.SendAsync(McpPost(Initialize), ct);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
        }

        await using (var client = await server.ConnectAsync(key, ct))
        {
            Assert.NotEmpty(await client.ListToolsAsync(cancellationToken: ct));
        }

        var (exit, _, stderr) = await server.CliAsync(ct, "keys", "revoke", "alice");
        Assert.True(exit == 0, stderr);
        using var revoked = server.Http(key);
        using var refused = await revoked.SendAsync(McpPost(Initialize), ct);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("invalid_token", refused.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        await Assert.ThrowsAnyAsync<Exception>(() => server.ConnectAsync(key, ct));
    }

    [Fact]
    public async Task Mcp_FromAForeignOriginOrARebindingHost_IsRefused_AndAnOversizedBodyToo()
    {
        using var timeout = Calls.Within(TimeSpan.FromMinutes(3));
        var ct = timeout.Token;
        await using var server = await HttpServer.StartAsync(ct, environment: new Dictionary<string, string?>
        {
            ["MleDojo__Http__MaxRequestBodyBytes"] = "65536",
            ["MleDojo__Http__AllowedOrigins__0"] = "https://ide.example.com",
        });
        var key = await server.CreateKeyAsync("alice", ct);
        using var http = server.Http(key);

        using (var forged = McpPost(Initialize))
        {
            forged.Headers.Add("Origin", "http://evil.example.com");
            using var response = await http.SendAsync(forged, ct);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Contains("AllowedOrigins", await response.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        }

        using (var rebound = McpPost(Initialize))
        {
            // A page on evil.example.com whose name was rebound to 127.0.0.1: same-origin to the browser, not to us.
            rebound.Headers.Host = $"evil.example.com:{server.BaseUri.Port}";
            rebound.Headers.Add("Origin", $"http://evil.example.com:{server.BaseUri.Port}");
            using var response = await http.SendAsync(rebound, ct);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        foreach (var origin in new[] { "https://ide.example.com", $"http://localhost:{server.BaseUri.Port}", $"http://127.0.0.1:{server.BaseUri.Port}" })
        {
            using var allowed = McpPost(Initialize);
            allowed.Headers.Add("Origin", origin);
            using var response = await http.SendAsync(allowed, ct);
            Assert.True(response.IsSuccessStatusCode, $"{origin}: {response.StatusCode}");
        }

        var huge = """{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"execute_code","arguments":{"session_id":"s-x","code":"CODE"}}}""".Replace("CODE", new string('#', 200_000), StringComparison.Ordinal);
        using var oversized = await http.SendAsync(McpPost(huge), ct);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, oversized.StatusCode);
        Assert.Null(server.ExitCode);
    }

    [Fact]
    public async Task Serve_WithoutAuthenticationOffLoopback_RefusesToStart()
    {
        using var timeout = Calls.Within(TimeSpan.FromMinutes(2));
        var home = Directory.CreateTempSubdirectory("mledojo-http-bind-").FullName;
        try
        {
            var start = new System.Diagnostics.ProcessStartInfo(RepositoryPaths.ServerExecutable) { ArgumentList = { "serve", "--http", "--urls", "http://0.0.0.0:0", "--auth", "none" } };
            start.Environment["MLEDOJO_HOME"] = home;
            var (exit, _, stderr) = await ChildProcess.RunAsync(start, TimeSpan.FromMinutes(1), timeout.Token);
            Assert.Equal(1, exit);
            Assert.Contains("--auth none is allowed on loopback only", stderr, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    [Fact]
    public async Task Healthz_AnswersWithoutCredentials_AndKeysAreNeverListed()
    {
        using var timeout = Calls.Within(TimeSpan.FromMinutes(2));
        var ct = timeout.Token;
        await using var server = await HttpServer.StartAsync(ct);
        var key = await server.CreateKeyAsync("alice", ct, scopes: "play,admin");

        using var http = server.Http();
        var health = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync(new Uri("/healthz", UriKind.Relative), ct)).RootElement;
        Assert.Equal("ok", health.Str("status"));
        Assert.Equal(0, health.Num("active_sessions"));

        var (exit, listed, _) = await server.CliAsync(ct, "keys", "list", "--json");
        Assert.Equal(0, exit);
        Assert.Contains("alice", listed, StringComparison.Ordinal);
        Assert.Contains("admin", listed, StringComparison.Ordinal);
        Assert.DoesNotContain(key, listed, StringComparison.Ordinal);
        Assert.DoesNotContain(key, await File.ReadAllTextAsync(Path.Combine(server.Home, "keys.db"), ct), StringComparison.Ordinal);

        var (duplicate, _, error) = await server.CliAsync(ct, "keys", "create", "--name", "alice");
        Assert.Equal(1, duplicate);
        Assert.Contains("revoke it first", error, StringComparison.OrdinalIgnoreCase);
        var (badScope, _, scopeError) = await server.CliAsync(ct, "keys", "create", "--name", "carol", "--scopes", "root");
        Assert.Equal(1, badScope);
        Assert.Contains("unknown scope root", scopeError, StringComparison.Ordinal);
    }

    private static HttpRequestMessage McpPost(string json) => new(HttpMethod.Post, "/mcp")
    {
        Content = new StringContent(json, Encoding.UTF8, "application/json"),
        Headers = { { "Accept", "application/json, text/event-stream" } },
    };
}
