using MleDojo.Core.Sessions;
using MleDojo.Server.Auth;
using MleDojo.Server.Dashboard;
using MleDojo.Server.Hosting;
using MleDojo.Server.Tenancy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;


namespace MleDojo.Server.Http;

/// <summary>
/// <c>mledojo serve --http</c>: the same MCP server as over stdio, on Kestrel at <c>/mcp</c> (Streamable HTTP), with
/// authentication, tenants and quotas, the Origin and Host checks, <c>/healthz</c>, request logging and a graceful
/// shutdown. Sessions are stateless at the MCP level (<see cref="McpEndpoint"/> says why).
/// </summary>
internal static partial class HttpServerHost
{
    /// <summary>The configuration section of <see cref="HttpOptions"/>.</summary>
    public const string Section = "MleDojo:Http";

    /// <summary>Builds the web application over the layered configuration, with <paramref name="flags"/> on top.</summary>
    public static WebApplication Build(IReadOnlyDictionary<string, string?> flags, DojoHostSettings settings)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = "mledojo",
            ContentRootPath = settings.ContentRoot,
            EnvironmentName = Environments.Production,
        });
        DojoHost.Configure(builder, flags, settings);

        // Read now, for what must be decided before the host exists; a bad value is reported by DojoHost.Validate.
        var http = builder.Configuration.GetSection(Section).Get<HttpOptions>() ?? new HttpOptions();
        var addresses = TryParse(http.Urls) ?? ListenAddresses.Parse(new HttpOptions().Urls);
        builder.Services.AddOptions<HttpOptions>().BindConfiguration(Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<HttpOptions>, HttpOptionsValidator>();
        builder.Services.AddSingleton(services => services.GetRequiredService<IOptions<HttpOptions>>().Value);

        builder.WebHost.UseKestrelCore().UseKestrelHttpsConfiguration();
        builder.WebHost.UseUrls([.. addresses.Urls.Select(u => u.OriginalString)]);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = http.MaxRequestBodyBytes;
        });
        builder.Services.AddRoutingCore();
        builder.Services.AddDojoAuthentication(http);
        builder.Services.AddDashboard(http);
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(http.ShutdownGraceSeconds + 60));
        builder.Services.PostConfigure<MleDojo.Core.Sessions.SessionOptions>(sessions => sessions.CancelledCallKillsRun = false);
        builder.Services.AddHostedService<RunDrain>();
        builder.AddDojoMcp()
            .WithHttpTransport(McpEndpoint.Configure)
            .WithSessionTenancy(new OwnerQuotas(http.Quotas));

        var app = builder.Build();
        app.UseMiddleware<RequestOriginGuard>(addresses, (IReadOnlyCollection<string>)http.AllowedOrigins);
        Serilog.SerilogApplicationBuilderExtensions.UseSerilogRequestLogging(app, logging =>
        {
            logging.MessageTemplate = "HTTP {RequestMethod} {RequestPath} by {Principal} responded {StatusCode} in {Elapsed:0.0} ms";
            logging.EnrichDiagnosticContext = (diagnostics, context) => diagnostics.Set("Principal", context.User.Identity?.Name ?? "-");
        });
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/healthz", (SessionManager sessions) => Results.Json(new HealthReport("ok", ServerVersion, sessions.Live.ActiveSessions, sessions.Live.RunsInFlight)));
        app.MapMcp("/mcp").RequireAuthorization(AuthenticationSetup.McpPolicy);
        app.MapDashboard();
        app.Lifetime.ApplicationStarted.Register(() => Listening(app, http));
        return app;
    }

    private static string ServerVersion => typeof(HttpServerHost).Assembly.GetName().Version?.ToString(3) ?? "0.1.0";

    private static ListenAddresses? TryParse(string urls)
    {
        try
        {
            return ListenAddresses.Parse(urls);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    // The addresses Kestrel really bound (port 0 picks a free one): clients, and tests, read this line.
    private static void Listening(WebApplication app, HttpOptions http)
    {
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("MleDojo.Server.Http");
        foreach (var address in bound)
        {
            ListeningOn(logger, $"{address}/mcp", http.Mode.ToString().ToLowerInvariant());
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "MCP over Streamable HTTP at {Endpoint} (auth: {Auth})")]
    private static partial void ListeningOn(ILogger logger, string endpoint, string auth);

    private sealed record HealthReport(
        [property: System.Text.Json.Serialization.JsonPropertyName("status")] string Status,
        [property: System.Text.Json.Serialization.JsonPropertyName("version")] string Version,
        [property: System.Text.Json.Serialization.JsonPropertyName("active_sessions")] int ActiveSessions,
        [property: System.Text.Json.Serialization.JsonPropertyName("runs_in_flight")] int RunsInFlight);
}
