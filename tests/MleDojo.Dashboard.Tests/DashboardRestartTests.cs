using System.Net;
using MleDojo.Dashboard.Tests.Support;

namespace MleDojo.Dashboard.Tests;

/// <summary>The sign-in cookie's keys are kept in the data root, so a restart does not sign everyone out.</summary>
public sealed class DashboardRestartTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SignedIn_ServerRestarted_CookieStillWorks()
    {
        var first = await DashboardServer.StartAsync("keys", Ct);
        DashboardServer? second = null;
        try
        {
            var key = await first.CreateKeyAsync("alice", cancellationToken: Ct);
            var cookies = new CookieContainer();
            using (var before = new DashboardClient(first, cookies))
            {
                Assert.Equal(HttpStatusCode.Redirect, (await before.SignInAsync(key, Ct)).StatusCode);
                Assert.Equal(HttpStatusCode.OK, (await before.GetAsync("/", Ct)).StatusCode);
            }

            second = await first.RestartAsync(Ct);

            using var after = new DashboardClient(second, cookies);
            var home = await after.GetAsync("/", Ct);
            Assert.Equal(HttpStatusCode.OK, home.StatusCode);
            Assert.Contains("<span id=\"viewer\">alice</span>", await home.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
            Assert.True(Directory.EnumerateFiles(Path.Combine(second.Home, "dashboard-keys"), "key-*.xml").Any(), "No data protection key in the data root.");
        }
        finally
        {
            await (second ?? first).DisposeAsync();
        }
    }
}
