using Microsoft.AspNetCore.Http;

namespace MleDojo.Server.Http;

/// <summary>
/// The DNS-rebinding defence the MCP specification requires of a Streamable HTTP server. A request whose <c>Origin</c>
/// is not one of the server's own or the configured ones is refused with 403. When the server listens on loopback only,
/// the <c>Host</c> must be a loopback name too: a page whose name was rebound to 127.0.0.1 sends its own name as
/// Host, and its plain GETs carry no Origin.
/// </summary>
internal sealed class RequestOriginGuard(RequestDelegate next, ListenAddresses addresses, IReadOnlyCollection<string> allowedOrigins)
{
    private readonly HashSet<string> _allowed = new(allowedOrigins.Select(o => o.TrimEnd('/')), StringComparer.OrdinalIgnoreCase);

    public async Task InvokeAsync(HttpContext context)
    {
        if (addresses.AllLoopback && !ListenAddresses.IsLoopbackName(context.Request.Host.Host))
        {
            await RefuseAsync(context, $"Host '{context.Request.Host.Host}' is not this server: it listens on loopback only. Use http://127.0.0.1:{context.Connection.LocalPort}.").ConfigureAwait(false);
            return;
        }

        var origin = context.Request.Headers.Origin.ToString();
        if (origin.Length > 0 && !_allowed.Contains(origin.TrimEnd('/')) && !addresses.IsOwnOrigin(origin, context.Connection.LocalPort))
        {
            await RefuseAsync(context, $"Origin '{origin}' is not allowed to call this server. If a page there should reach it, add the origin to MleDojo:Http:AllowedOrigins.").ConfigureAwait(false);
            return;
        }

        await next(context).ConfigureAwait(false);
    }

    private static Task RefuseAsync(HttpContext context, string message)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(message + "\n", context.RequestAborted);
    }
}
