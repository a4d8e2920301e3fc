using System.Globalization;
using MleDojo.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using Serilog;
using Serilog.Events;
using Serilog.Filters;

namespace MleDojo.Server.Hosting;

/// <summary>
/// Logging for every verb: Serilog to stderr (never stdout, which carries the protocol under <c>serve</c> and the
/// results of the other verbs) and to a daily file under the data root's <c>logs/</c>. Before a host exists, the
/// bootstrap logger writes to stderr; the host's configuration then replaces it.
/// </summary>
internal static class DojoLogging
{
    /// <summary>The category of errors the CLI has printed already: they go to the log file only.</summary>
    public const string ReportedCategory = "MleDojo.Server.Reported";

    private const string VerbTemplate = "{Level:w}: {Message:lj}{NewLine}{Exception}";

    /// <summary>The logger for problems before any host exists (stderr only: the data root is not known yet).</summary>
    public static Serilog.Extensions.Hosting.ReloadableLogger CreateBootstrapLogger() => new LoggerConfiguration()
        .MinimumLevel.Information()
        .WriteTo.Console(standardErrorFromLevel: LogEventLevel.Verbose, outputTemplate: VerbTemplate, formatProvider: CultureInfo.InvariantCulture)
        .CreateBootstrapLogger();

    /// <summary>Routes the host's logging through Serilog, configured once the data root is known.</summary>
    public static void AddDojoLogging(this IHostApplicationBuilder builder, DojoConsoleLog console)
    {
        builder.Logging.ClearProviders();
        builder.Services.AddSerilog((services, configuration) => Configure(configuration, services.GetRequiredService<DataRoot>(), console));
    }

    private static void Configure(LoggerConfiguration configuration, DataRoot dataRoot, DojoConsoleLog console) => configuration
        .MinimumLevel.Information()
        .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)

        // Authentication handlers log every challenge at Information; the request log says it once, with the status.
        .MinimumLevel.Override("MleDojo.Server.Auth", LogEventLevel.Warning)

        // "No XML encryptor configured": the dashboard's cookie keys sit unencrypted in a 0700 directory of the data root,
        // deliberately (DashboardAuthentication.AddKeyRing says why); the warning would repeat on every new key.
        .MinimumLevel.Override("Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager", LogEventLevel.Error)
        .Enrich.FromLogContext()

        // A refusal (McpException) is an answer to the agent, not a server fault: the SDK would log each at Error.
        .Filter.ByExcluding(e => e.Exception is McpException)
        .WriteTo.Logger(stderr => Console(stderr.Filter.ByExcluding(Matching.FromSource(ReportedCategory)), console))
        .WriteTo.File(
            Path.Combine(dataRoot.Logs, "mledojo-.log"),
            rollingInterval: RollingInterval.Day,
            retainedFileCountLimit: 14,

            // The server and CLI verbs on the same data root append to the same file.
            shared: true,
            formatProvider: CultureInfo.InvariantCulture);

    private static LoggerConfiguration Console(LoggerConfiguration stderr, DojoConsoleLog console) => console == DojoConsoleLog.Server
        ? stderr.WriteTo.Console(standardErrorFromLevel: LogEventLevel.Verbose, formatProvider: CultureInfo.InvariantCulture)
        : stderr.WriteTo.Console(
            restrictedToMinimumLevel: LogEventLevel.Warning,
            standardErrorFromLevel: LogEventLevel.Verbose,
            outputTemplate: VerbTemplate,
            formatProvider: CultureInfo.InvariantCulture);
}
