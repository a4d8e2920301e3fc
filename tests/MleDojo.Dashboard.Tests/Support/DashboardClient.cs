using System.Net;
using System.Text.RegularExpressions;

namespace MleDojo.Dashboard.Tests.Support;

/// <summary>A browser's side over plain HTTP: a cookie jar, no redirects followed, and the sign-in form filled in.</summary>
public sealed partial class DashboardClient : IDisposable
{
    private readonly HttpClient _http;

    public DashboardClient(DashboardServer server, CookieContainer? cookies = null)
    {
        Cookies = cookies ?? new CookieContainer();
        _http = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false }) { BaseAddress = server.BaseAddress };
    }

    public CookieContainer Cookies { get; }

    public HttpClient Http => _http;

    public Task<HttpResponseMessage> GetAsync(string path, CancellationToken cancellationToken) => _http.GetAsync(path, cancellationToken);

    /// <summary>Opens /signin, then posts its form with <paramref name="credential"/>, as the browser would (Origin included).</summary>
    public async Task<HttpResponseMessage> SignInAsync(string credential, CancellationToken cancellationToken, string returnUrl = "/")
    {
        var form = await _http.GetStringAsync("/signin", cancellationToken);
        var token = Antiforgery().Match(form);
        Assert.True(token.Success, $"The sign-in page has no antiforgery field:\n{form}");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/signin")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__antiforgery"] = WebUtility.HtmlDecode(token.Groups["token"].Value),
                ["returnUrl"] = returnUrl,
                ["credential"] = credential,
            }),
        };
        request.Headers.Add("Origin", _http.BaseAddress!.GetLeftPart(UriPartial.Authority));
        return await _http.SendAsync(request, cancellationToken);
    }

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("name=\"__antiforgery\" value=\"(?<token>[^\"]+)\"")]
    private static partial Regex Antiforgery();
}
