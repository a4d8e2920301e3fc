using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace MleDojo.Server.Auth;

/// <summary>The credential an API request carries: <c>Authorization: Bearer ...</c> (RFC 6750).</summary>
internal static class BearerToken
{
    /// <summary>The bearer token of <paramref name="request"/>'s Authorization header, or null.</summary>
    public static string? From(HttpRequest request)
    {
        var header = request.Headers[HeaderNames.Authorization].ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header[7..].Trim() is { Length: > 0 } token ? token : null;
    }
}
