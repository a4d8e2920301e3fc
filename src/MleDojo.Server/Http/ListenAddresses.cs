using System.Net;

namespace MleDojo.Server.Http;

/// <summary>
/// The addresses <c>serve --http</c> listens on, and what follows from them: whether all are loopback, and which browser
/// origins and Host names are the server's own.
/// </summary>
internal sealed class ListenAddresses
{
    private static readonly string[] LoopbackNames = ["localhost", "127.0.0.1", "[::1]", "::1"];

    private ListenAddresses(IReadOnlyList<Uri> urls) => Urls = urls;

    /// <summary>The parsed URLs.</summary>
    public IReadOnlyList<Uri> Urls { get; }

    /// <summary>Whether every address is on loopback, reachable from this machine only.</summary>
    public bool AllLoopback => Urls.All(IsLoopback);

    /// <summary>Parses <c>MleDojo:Http:Urls</c>.</summary>
    /// <exception cref="ArgumentException">A URL is malformed or not http(s); the message names it.</exception>
    public static ListenAddresses Parse(string urls)
    {
        var parsed = new List<Uri>();
        foreach (var text in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // Kestrel's wildcards (http://*:80, http://+:80) are not URIs: read them as "every address".
            var normal = text.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal);
            if (!Uri.TryCreate(normal, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                throw new ArgumentException($"'{text}' is not a listen address: write http://127.0.0.1:8765 (or https://...), several separated by ';'.");
            }

            parsed.Add(uri);
        }

        return parsed.Count > 0 ? new ListenAddresses(parsed) : throw new ArgumentException("no listen address given: write http://127.0.0.1:8765.");
    }

    /// <summary>
    /// Whether <paramref name="origin"/> is a page of the server itself (the dashboard's): on the port the request came
    /// in on, with a loopback name or a host name the server was told to listen on. Behind a proxy, the public origin
    /// is another one: configure it in <c>MleDojo:Http:AllowedOrigins</c>.
    /// </summary>
    public bool IsOwnOrigin(string origin, int localPort) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri) && uri.Port == localPort
        && (IsLoopbackName(uri.Host) || Urls.Any(u => string.Equals(u.Host, uri.Host, StringComparison.OrdinalIgnoreCase)));

    /// <summary>Whether <paramref name="host"/> (a Host header's name, without port) names this machine's loopback.</summary>
    public static bool IsLoopbackName(string host) =>
        LoopbackNames.Contains(host, StringComparer.OrdinalIgnoreCase) || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));

    private static bool IsLoopback(Uri uri) => IsLoopbackName(uri.Host);
}
