using System.Net;
using MleDojo.Dashboard.Tests.Support;

namespace MleDojo.Dashboard.Tests;

/// <summary>Under <c>--auth none</c> (loopback only) the dashboard needs no sign-in: the viewer is the local operator.</summary>
public sealed class DashboardNoAuthTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Dashboard_AuthNone_ShowsTheLocalOperatorWithoutSignIn()
    {
        await using var server = await DashboardServer.StartAsync("none", Ct);
        using var client = new DashboardClient(server);

        var home = await client.GetAsync("/", Ct);
        var signIn = await client.GetAsync("/signin", Ct);
        var api = await client.GetAsync("/api/sessions", Ct);

        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        var page = await home.Content.ReadAsStringAsync(Ct);
        Assert.Contains("local operator (admin)", page, StringComparison.Ordinal);
        Assert.DoesNotContain("sign-out", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/", signIn.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
    }
}
