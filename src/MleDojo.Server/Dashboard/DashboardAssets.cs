using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace MleDojo.Server.Dashboard;

/// <summary>
/// The stylesheets and scripts the pages link to, embedded in the assembly and served by the server itself: no CDN,
/// so the dashboard works offline and its Content-Security-Policy can forbid every other origin. The report's
/// stylesheet and sortable-table script are the same files HTML reports inline.
/// </summary>
internal static class DashboardAssets
{
    private static readonly FrozenDictionary<string, Asset> All = new[]
    {
        Load("report.css", "text/css; charset=utf-8"),
        Load("dashboard.css", "text/css; charset=utf-8"),
        Load("report.js", "text/javascript; charset=utf-8"),
        Load("dashboard.js", "text/javascript; charset=utf-8"),
    }.ToFrozenDictionary(a => a.Name, StringComparer.Ordinal);

    /// <summary>The stylesheets every page links, in order.</summary>
    public static IReadOnlyList<string> Styles { get; } = [Url("report.css"), Url("dashboard.css")];

    /// <summary>The scripts every page loads, in order.</summary>
    public static IReadOnlyList<string> Scripts { get; } = [Url("report.js"), Url("dashboard.js")];

    /// <summary>Serves the asset <paramref name="name"/>, or 404.</summary>
    public static IResult Serve(string name, HttpContext context)
    {
        if (!All.TryGetValue(name, out var asset))
        {
            return Results.NotFound();
        }

        // The URL carries the content's hash, so a new build's asset is a new URL and this one may be cached for good.
        context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return Results.Bytes(asset.Content, asset.ContentType);
    }

    private static string Url(string name) => $"{DashboardRoutes.Assets}/{name}?v={All[name].Version}";

    private static Asset Load(string name, string contentType)
    {
        var resource = $"MleDojo.Server.Dashboard.{name}";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The embedded resource {resource} is missing from the build.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        var content = copy.ToArray();
        return new Asset(name, contentType, content, Convert.ToHexStringLower(SHA256.HashData(content))[..12]);
    }

    private sealed record Asset(string Name, string ContentType, byte[] Content, string Version);
}
