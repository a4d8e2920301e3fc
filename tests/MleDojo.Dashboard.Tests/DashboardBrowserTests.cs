using MleDojo.Dashboard.Tests.Support;
using OpenQA.Selenium;

namespace MleDojo.Dashboard.Tests;

/// <summary>
/// The dashboard in headless Chromium against a real server: alice signs in, watches a session an MCP client starts
/// appear and its best score rise after an execute_code, all without a reload; bob cannot see it at all.
/// </summary>
public sealed class DashboardBrowserTests
{
    // Generous: a run starts a sandbox on a shared 2-core machine, and the page polls every two seconds.
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Dashboard_LiveSessionOfAlice_AppearsScoresAndStaysHiddenFromBob()
    {
        using var browser = ChromiumBrowser.Start();
        await using var server = await DashboardServer.StartAsync("keys", Ct);
        var aliceKey = await server.CreateKeyAsync("alice", cancellationToken: Ct);
        var bobKey = await server.CreateKeyAsync("bob", cancellationToken: Ct);
        var driver = browser.Driver;

        // Given alice signed in, on an empty list.
        driver.Navigate().GoToUrl(server.BaseAddress);
        Assert.EndsWith("/signin", new Uri(driver.Url).AbsolutePath, StringComparison.Ordinal);
        browser.SaveFullPageScreenshot(TestArtifacts.PathFor("dashboard-signin.png"));
        SignIn(driver, aliceKey);
        Assert.True(new Uri(driver.Url).AbsolutePath == "/", $"Signing in led to {driver.Url}:\n{driver.PageSource}");
        Assert.Equal("alice", driver.FindElement(By.Id("viewer")).Text);
        MarkPage(browser);

        // When an MCP client of alice's starts a session, then the list shows it without a reload.
        await using var alice = await McpPlayer.ConnectAsync(server, aliceKey, Ct);
        var id = await alice.StartTitanicAsync("gender-rule", Ct);
        var row = await EventuallyAsync(() => driver.FindElements(By.CssSelector($"tr[data-session='{id}']")).FirstOrDefault(), "the new session in the list", server);
        Assert.Contains("titanic", row.Text, StringComparison.Ordinal);
        Assert.Contains("gender-rule", row.Text, StringComparison.Ordinal);
        Assert.Contains("active", row.Text, StringComparison.Ordinal);
        Assert.True(PageIsMarked(browser), "The list reloaded instead of updating in place.");
        Assert.Equal("", CspViolations(browser));
        browser.SaveFullPageScreenshot(TestArtifacts.PathFor("dashboard-list.png"));

        // When alice's agent scores a submission, then the session page's best score and chart follow, without a reload.
        // The list redraws rows in place every poll, so the link is found and clicked in one attempt, again if it went stale.
        await EventuallyAsync(() => Clicked(driver, By.CssSelector($"tr[data-session='{id}'] a")), "the session's link", server);
        await EventuallyAsync(() => new Uri(driver.Url).AbsolutePath == $"/sessions/{id}" ? driver.FindElements(By.Id("budget")).FirstOrDefault() : null, "the session page", server);
        Assert.Equal("—", driver.FindElement(By.CssSelector("dd[data-field='best']")).Text);
        MarkPage(browser);
        var executed = await alice.CallAsync("execute_code", new() { ["session_id"] = id, ["code"] = McpPlayer.GenderRule }, Ct);
        var score = executed.GetProperty("public_score").GetDouble();
        var shown = score.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture);
        await EventuallyAsync(() => driver.FindElement(By.CssSelector("dd[data-field='best']")).Text == shown ? "" : null, $"the best score {shown}", server);
        await EventuallyAsync(() => driver.FindElements(By.CssSelector("#best-so-far svg")).FirstOrDefault(), "the best-so-far chart", server);
        await EventuallyAsync(() => driver.FindElements(By.CssSelector("[data-call] details")).FirstOrDefault(), "the call in the timeline", server);
        Assert.Contains("1 / ", driver.FindElement(By.CssSelector("span[data-field='steps']")).Text, StringComparison.Ordinal);
        Assert.True(PageIsMarked(browser), "The session page reloaded instead of updating in place.");
        await EventuallyAsync(() => Clicked(driver, By.CssSelector("[data-call] details > summary")), "the call's summary", server);
        Assert.Contains("to_csv", driver.FindElement(By.CssSelector("[data-call] details")).Text, StringComparison.Ordinal);

        // A second attempt: the timeline grows, the best score is the better of the two, and the open call stays open.
        var second = await alice.CallAsync("execute_code", new() { ["session_id"] = id, ["code"] = LogisticRegression }, Ct);
        var best = Math.Max(score, second.GetProperty("public_score").GetDouble()).ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture);
        await EventuallyAsync(() => driver.FindElements(By.CssSelector("[data-call] details")).Count == 2 ? "" : null, "the second call in the timeline", server);
        await EventuallyAsync(() => driver.FindElement(By.CssSelector("dd[data-field='best']")).Text == best ? "" : null, $"the best score {best}", server);
        Assert.Contains("2 / ", driver.FindElement(By.CssSelector("span[data-field='steps']")).Text, StringComparison.Ordinal);
        Assert.NotNull(driver.FindElement(By.CssSelector("[data-call='2'] > details")).GetAttribute("open"));
        Assert.True(PageIsMarked(browser), "The session page reloaded instead of updating in place.");
        Assert.Equal("", CspViolations(browser));
        browser.SaveFullPageScreenshot(TestArtifacts.PathFor("dashboard-session.png"));

        // Then bob, signed in, sees neither the session in his list nor its page by URL.
        driver.FindElement(By.Id("sign-out")).Click();
        await EventuallyAsync(() => new Uri(driver.Url).AbsolutePath == "/signin" ? "" : null, "the sign-in page after signing out", server);
        SignIn(driver, bobKey);
        Assert.Equal("bob", driver.FindElement(By.Id("viewer")).Text);
        Assert.Empty(driver.FindElements(By.CssSelector($"tr[data-session='{id}']")));
        Assert.DoesNotContain(id, driver.PageSource, StringComparison.Ordinal);
        driver.Navigate().GoToUrl(new Uri(server.BaseAddress, $"/sessions/{id}"));
        Assert.Contains("no session", driver.FindElement(By.Id("not-found")).Text, StringComparison.Ordinal);
        Assert.Empty(driver.FindElements(By.Id("budget")));
        browser.SaveFullPageScreenshot(TestArtifacts.PathFor("dashboard-bob-not-found.png"));
    }

    [Fact]
    public async Task SignIn_BadKeyInTheBrowser_ShowsTheError()
    {
        using var browser = ChromiumBrowser.Start();
        await using var server = await DashboardServer.StartAsync("keys", Ct);

        browser.Driver.Navigate().GoToUrl(new Uri(server.BaseAddress, "/signin"));
        SignIn(browser.Driver, "mdj_this-key-does-not-exist");

        Assert.True(browser.Driver.FindElements(By.Id("signin-error")).Count == 1, $"No error at {browser.Driver.Url}:\n{browser.Driver.PageSource}");
        Assert.Contains("not valid", browser.Driver.FindElement(By.Id("signin-error")).Text, StringComparison.Ordinal);
        Assert.Equal("/signin", new Uri(browser.Driver.Url).AbsolutePath);
    }

    private static string LogisticRegression => File.ReadAllText(Path.Combine(RepositoryPaths.Root, "samples", "titanic", "02_logistic_regression.py"));

    private static void SignIn(IWebDriver driver, string key)
    {
        driver.FindElement(By.Id("credential")).SendKeys(key);
        driver.FindElement(By.Id("sign-in")).Click();
    }

    // A property on window survives in-place updates and dies with a reload. The page's Content-Security-Policy
    // violations from then on (the redrawn rows, chart and timeline) are collected too.
    private static void MarkPage(ChromiumBrowser browser) => browser.Script<object?>("""
        window.__notReloaded = true;
        window.__cspViolations = [];
        document.addEventListener("securitypolicyviolation", function (e) { window.__cspViolations.push(e.violatedDirective + " " + e.blockedURI); });
        return null;
        """);

    private static string CspViolations(ChromiumBrowser browser) => browser.Script<string>("return window.__cspViolations.join('\\n');");

    private static bool PageIsMarked(ChromiumBrowser browser) => browser.Script<bool?>("return window.__notReloaded === true;") == true;

    private static string Clicked(IWebDriver driver, By by)
    {
        driver.FindElement(by).Click();
        return "";
    }

    private static async Task<T> EventuallyAsync<T>(Func<T?> probe, string what, DashboardServer server)
        where T : class
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            try
            {
                if (probe() is { } found)
                {
                    return found;
                }
            }
            catch (StaleElementReferenceException)
            {
                // The script redrew the element between finding and reading it: look again.
            }
            catch (NoSuchElementException)
            {
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Gave up waiting for {what} after {Patience.TotalSeconds:0} s. The server's log:\n{server.LogTail()}");
            }

            await Task.Delay(250, Ct);
        }
    }
}
