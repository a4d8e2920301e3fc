using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace MleDojo.Testing;

/// <summary>
/// Debian's headless chromium driven through Debian's chromedriver. Both are given by path, which keeps Selenium
/// Manager from ever running: it would try to download a driver, and the test machines have no network. Without them
/// the test is skipped with the install command, except under CI (CI=true), where that is a failure.
/// </summary>
public sealed class ChromiumBrowser : IDisposable
{
    public const string BrowserPath = "/usr/bin/chromium";
    public const string DriverDirectory = "/usr/bin";
    public const string DriverName = "chromedriver";
    public const string InstallHint = "apt-get install chromium chromium-driver";

    // Generous: a 2-core machine building in parallel can take many seconds to start chromium or lay out a page.
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(3);

    private readonly ChromeDriver _driver;

    private ChromiumBrowser(ChromeDriver driver)
    {
        _driver = driver;
    }

    public IWebDriver Driver => _driver;

    public static bool InCi => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")) && Environment.GetEnvironmentVariable("CI") != "false";

    /// <summary>Why there is no browser to drive, or null when chromium and chromedriver are both installed.</summary>
    public static string? Unavailable =>
        File.Exists(BrowserPath) && File.Exists(Path.Combine(DriverDirectory, DriverName))
            ? null
            : $"No {BrowserPath} or {Path.Combine(DriverDirectory, DriverName)}: {InstallHint}";

    /// <summary>Starts the browser; skips the test without one, or fails it under CI.</summary>
    public static ChromiumBrowser Start()
    {
        if (Unavailable is { } reason)
        {
            if (InCi)
            {
                Assert.Fail(reason);
            }

            Assert.Skip(reason);
        }

        var service = ChromeDriverService.CreateDefaultService(DriverDirectory, DriverName);
        service.HideCommandPromptWindow = true;
        service.SuppressInitialDiagnosticInformation = true;
        var options = new ChromeOptions { BinaryLocation = BrowserPath };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,1000");
        var driver = new ChromeDriver(service, options, CommandTimeout);
        try
        {
            driver.Manage().Timeouts().PageLoad = CommandTimeout;
            driver.Manage().Timeouts().AsynchronousJavaScript = CommandTimeout;
            return new ChromiumBrowser(driver);
        }
        catch
        {
            driver.Quit();
            throw;
        }
    }

    /// <summary>Opens a local file and waits for it to load.</summary>
    public void Open(string path) => _driver.Navigate().GoToUrl(new Uri(Path.GetFullPath(path)).AbsoluteUri);

    public T Script<T>(string script, params object[] arguments) => (T)_driver.ExecuteScript(script, arguments)!;

    /// <summary>
    /// Saves the whole page, not just the window, as a PNG: the window is stretched to the page's height first.
    /// </summary>
    public void SaveFullPageScreenshot(string path)
    {
        // Clicking scrolls an element into view; the page is shot from its top.
        var height = Convert.ToInt32(_driver.ExecuteScript("window.scrollTo(0, 0); return Math.ceil(document.documentElement.scrollHeight);"));
        var window = _driver.Manage().Window;
        window.Size = new System.Drawing.Size(window.Size.Width, Math.Clamp(height, 600, 16000));
        // The viewport is the window less its frame, whose height only the resized window tells.
        var missing = Convert.ToInt32(_driver.ExecuteScript("return Math.ceil(document.documentElement.scrollHeight - window.innerHeight);"));
        if (missing > 0)
        {
            window.Size = new System.Drawing.Size(window.Size.Width, Math.Clamp(window.Size.Height + missing, 600, 16000));
        }

        _driver.GetScreenshot().SaveAsFile(path);
    }

    public void Dispose() => _driver.Quit();
}
