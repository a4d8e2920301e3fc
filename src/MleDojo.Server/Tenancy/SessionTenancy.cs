using System.Text.Json;
using System.Text.RegularExpressions;
using MleDojo.Core.Sessions;
using MleDojo.Server.Auth;
using Microsoft.Extensions.DependencyInjection;

namespace MleDojo.Server.Tenancy;

/// <summary>
/// Tenants, for every tool and resource at once. A call naming a session another principal owns gets exactly the
/// answer an unknown id gets (<see cref="SessionException.NoSuchSession"/>), so ids cannot be probed; an admin sees
/// all. Over HTTP, starting a session or a run is held to the caller's quotas (<see cref="OwnerQuotas"/>).
/// </summary>
internal static partial class SessionTenancy
{
    /// <summary>Installs the filters. <paramref name="quotas"/> is null over stdio, where the one caller is the local operator.</summary>
    public static IMcpServerBuilder WithSessionTenancy(this IMcpServerBuilder builder, OwnerQuotas? quotas) =>
        builder.WithRequestFilters(filters => filters
            .AddCallToolFilter(next => async (context, cancellationToken) =>
            {
                var caller = Caller.From(context.User);
                var sessions = context.Services!.GetRequiredService<SessionManager>();
                if (SessionIdOf(context.Params?.Arguments) is { } sessionId)
                {
                    await EnsureVisibleAsync(sessions, caller, sessionId, cancellationToken).ConfigureAwait(false);
                }

                return quotas is null
                    ? await next(context, cancellationToken).ConfigureAwait(false)
                    : await quotas.AdmitAsync(context.Params?.Name, caller, sessions.Live, ct => next(context, ct).AsTask(), cancellationToken).ConfigureAwait(false);
            })
            .AddReadResourceFilter(next => async (context, cancellationToken) =>
            {
                if (context.Params?.Uri is { } uri && SessionResourceUri().Match(uri) is { Success: true } match)
                {
                    await EnsureVisibleAsync(context.Services!.GetRequiredService<SessionManager>(), Caller.From(context.User), Uri.UnescapeDataString(match.Groups[1].Value), cancellationToken).ConfigureAwait(false);
                }

                return await next(context, cancellationToken).ConfigureAwait(false);
            }));

    /// <summary>Throws the unknown-session answer unless <paramref name="caller"/> may see the session.</summary>
    private static async Task EnsureVisibleAsync(SessionManager sessions, Caller caller, string sessionId, CancellationToken cancellationToken)
    {
        var labels = await sessions.LabelsAsync(sessionId, cancellationToken).ConfigureAwait(false);
        if (!caller.MaySee(labels.Owner))
        {
            throw SessionException.NoSuchSession(sessionId);
        }
    }

    private static string? SessionIdOf(IDictionary<string, JsonElement>? arguments) =>
        arguments is not null && arguments.TryGetValue("session_id", out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    [GeneratedRegex("^mledojo://sessions/([^/]+)/", RegexOptions.CultureInvariant)]
    private static partial Regex SessionResourceUri();
}
