using System.Text.RegularExpressions;

namespace MleDojo.Reports.Html;

/// <summary>
/// Ids of sections and figures. They become fragment links and prefixes of the ids inside inline SVG, so they are
/// kept to characters that need no escaping in either.
/// </summary>
internal static partial class HtmlId
{
    /// <summary>The id, or an exception naming the parameter when it is not a plain identifier.</summary>
    public static string Require(string id, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(id, parameterName);
        return Plain().IsMatch(id)
            ? id
            : throw new ArgumentException($"'{id}' is not a plain id (a letter, then letters, digits, '-' or '_').", parameterName);
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]*$")]
    private static partial Regex Plain();
}
