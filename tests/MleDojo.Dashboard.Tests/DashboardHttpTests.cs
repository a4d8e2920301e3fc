using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using MleDojo.Dashboard.Tests.Support;

namespace MleDojo.Dashboard.Tests;

/// <summary>The dashboard over real HTTP against a real server: sign-in, the cookie, and tenancy of pages and JSON.</summary>
public sealed class DashboardHttpTests(KeyedServerFixture fixture) : IClassFixture<KeyedServerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private DashboardServer Server => fixture.Server;

    [Theory]
    [InlineData("/")]
    [InlineData("/sessions/anything")]
    [InlineData("/leaderboard")]
    public async Task Page_NotSignedIn_RedirectsToSignIn(string path)
    {
        using var client = new DashboardClient(Server);

        var response = await client.GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/signin", response.Headers.Location!.AbsolutePath);
        Assert.Contains("ReturnUrl=" + Uri.EscapeDataString(path), response.Headers.Location.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_NoCredentials_Is401NotARedirect()
    {
        using var client = new DashboardClient(Server);

        var response = await client.GetAsync("/api/sessions", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task SignIn_BadKey_ShowsErrorAndSetsNoCookie()
    {
        using var client = new DashboardClient(Server);

        var response = await client.SignInAsync("mdj_not-a-real-key", Ct);
        var page = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("id=\"signin-error\"", page, StringComparison.Ordinal);
        Assert.Contains("not valid", page, StringComparison.Ordinal);
        Assert.DoesNotContain(client.Cookies.GetCookies(Server.BaseAddress), c => c.Name == "mledojo-dashboard");
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/", Ct)).StatusCode);
    }

    [Fact]
    public async Task SignIn_GoodKey_SetsHttpOnlyStrictCookieAndShowsTheViewer()
    {
        using var client = new DashboardClient(Server);

        var response = await client.SignInAsync(fixture.Alice, Ct, returnUrl: "/leaderboard");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/leaderboard", response.Headers.Location!.OriginalString);
        var setCookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("mledojo-dashboard=", StringComparison.Ordinal));
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(fixture.Alice, setCookie, StringComparison.Ordinal);

        var home = await client.GetAsync("/", Ct);
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("<span id=\"viewer\">alice</span>", await home.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var policy = home.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_ReturnUrlElsewhere_GoesHomeInstead()
    {
        using var client = new DashboardClient(Server);

        var response = await client.SignInAsync(fixture.Alice, Ct, returnUrl: "//evil.example/phish");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task SignIn_WithoutAntiforgeryToken_IsRefused()
    {
        using var client = new DashboardClient(Server);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/signin")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["credential"] = fixture.Alice }),
        };

        var response = await client.Http.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(client.Cookies.GetCookies(Server.BaseAddress), c => c.Name == "mledojo-dashboard");
    }

    [Fact]
    public async Task SignIn_FromAnotherOrigin_IsRefused()
    {
        using var client = new DashboardClient(Server);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/signin")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["credential"] = fixture.Alice }),
        };
        request.Headers.Add("Origin", "https://evil.example");

        var response = await client.Http.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Mcp_WithTheDashboardCookieOnly_Is401()
    {
        using var client = new DashboardClient(Server);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync(fixture.Alice, Ct)).StatusCode);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/mcp")
        {
            Content = new StringContent("""{"jsonrpc":"2.0","id":1,"method":"tools/list"}""", new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.Accept.ParseAdd("application/json, text/event-stream");

        var response = await client.Http.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Api_SessionsOfAnotherPrincipal_AreInvisibleAndAdminSeesThem()
    {
        await using var alice = await McpPlayer.ConnectAsync(Server, fixture.Alice, Ct);
        var id = await alice.StartTitanicAsync("alice-agent", Ct);

        // Alice, by her cookie and by her key, sees her session.
        using var aliceBrowser = new DashboardClient(Server);
        await aliceBrowser.SignInAsync(fixture.Alice, Ct);
        Assert.Contains(id, await ListedIdsAsync(aliceBrowser.Http));
        var detail = await aliceBrowser.GetAsync($"/api/sessions/{id}", Ct);
        Assert.Equal(HttpStatusCode.OK, detail.StatusCode);
        using (var json = JsonDocument.Parse(await detail.Content.ReadAsStringAsync(Ct)))
        {
            Assert.Equal("alice-agent", json.RootElement.GetProperty("summary").GetProperty("agent").GetString());
            Assert.Equal("active", json.RootElement.GetProperty("summary").GetProperty("state").GetString());
        }

        using var aliceKey = Bearer(fixture.Alice);
        Assert.Contains(id, await ListedIdsAsync(aliceKey));

        // Bob sees nothing of it, by cookie or key, in the list or by id: the same 404 as an id that never existed.
        using var bobBrowser = new DashboardClient(Server);
        await bobBrowser.SignInAsync(fixture.Bob, Ct);
        Assert.DoesNotContain(id, await ListedIdsAsync(bobBrowser.Http));
        Assert.Equal(HttpStatusCode.NotFound, (await bobBrowser.GetAsync($"/api/sessions/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bobBrowser.GetAsync($"/sessions/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bobBrowser.GetAsync($"/sessions/{id}/live", Ct)).StatusCode);
        var missing = await bobBrowser.GetAsync("/sessions/no-such-session", Ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using var bobKey = Bearer(fixture.Bob);
        Assert.DoesNotContain(id, await ListedIdsAsync(bobKey));
        Assert.Equal(HttpStatusCode.NotFound, (await bobKey.GetAsync($"/api/sessions/{id}", Ct)).StatusCode);

        // An admin sees everyone's, with the owner.
        using var root = Bearer(fixture.Root);
        using var all = JsonDocument.Parse(await root.GetStringAsync("/api/sessions", Ct));
        var row = all.RootElement.EnumerateArray().Single(r => r.GetProperty("session_id").GetString() == id);
        Assert.Equal("alice", row.GetProperty("owner").GetString());
    }

    [Fact]
    public async Task Leaderboard_ShowsTheViewersFinishedEpisodesOnly()
    {
        await using var alice = await McpPlayer.ConnectAsync(Server, fixture.Alice, Ct);
        var id = await alice.StartTitanicAsync("alice-on-the-board", Ct);
        await alice.CallAsync("execute_code", new() { ["session_id"] = id, ["code"] = McpPlayer.GenderRule }, Ct);
        await alice.CallAsync("submit", new() { ["session_id"] = id }, Ct);

        using var aliceBrowser = new DashboardClient(Server);
        await aliceBrowser.SignInAsync(fixture.Alice, Ct);
        var board = await aliceBrowser.GetAsync("/leaderboard", Ct);
        var html = await board.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, board.StatusCode);
        Assert.Contains("MleDojo leaderboard", html, StringComparison.Ordinal);
        Assert.Contains("alice-on-the-board", html, StringComparison.Ordinal);
        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", board.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);

        using var bobBrowser = new DashboardClient(Server);
        await bobBrowser.SignInAsync(fixture.Bob, Ct);
        var bobs = await (await bobBrowser.GetAsync("/leaderboard", Ct)).Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain("alice-on-the-board", bobs, StringComparison.Ordinal);
        Assert.DoesNotContain(id, bobs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignedIn_KeyRevokedAfterwards_EndsTheDashboardSession()
    {
        var key = await Server.CreateKeyAsync("carol", cancellationToken: Ct);
        using var client = new DashboardClient(Server);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync(key, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/", Ct)).StatusCode);

        await Server.RevokeKeyAsync("carol", Ct);

        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/sessions", Ct)).StatusCode);
    }

    [Fact]
    public async Task Assets_AreServedFromTheServer()
    {
        using var client = new DashboardClient(Server);

        var script = await client.GetAsync("/dashboard/assets/dashboard.js", Ct);
        var style = await client.GetAsync("/dashboard/assets/report.css", Ct);

        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.OK, style.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/dashboard/assets/nothing.js", Ct)).StatusCode);
    }

    private HttpClient Bearer(string key)
    {
        var http = new HttpClient { BaseAddress = Server.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return http;
    }

    private static async Task<List<string>> ListedIdsAsync(HttpClient http)
    {
        using var json = JsonDocument.Parse(await http.GetStringAsync("/api/sessions", Ct));
        return [.. json.RootElement.EnumerateArray().Select(r => r.GetProperty("session_id").GetString()!)];
    }
}
