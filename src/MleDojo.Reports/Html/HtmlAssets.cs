using System.Reflection;

namespace MleDojo.Reports.Html;

/// <summary>
/// The page's stylesheet and script, kept as .css and .js files (embedded in the assembly) so they read and diff as
/// what they are, and inlined by <see cref="HtmlPage"/> so the page needs nothing else.
/// </summary>
internal static class HtmlAssets
{
    private static readonly Lazy<string> LazyStyle = new(() => Read("report.css"));
    private static readonly Lazy<string> LazyScript = new(() => Read("report.js"));

    /// <summary>The stylesheet.</summary>
    public static string Style => LazyStyle.Value;

    /// <summary>The script: sortable tables, and drill-downs opened for printing.</summary>
    public static string Script => LazyScript.Value;

    private static string Read(string name)
    {
        var resource = $"MleDojo.Reports.Html.{name}";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The embedded resource {resource} is missing from the build.");
        using var reader = new StreamReader(stream);
        // Line endings normalised so a checkout with CRLF gives the same page.
        return reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n');
    }
}
