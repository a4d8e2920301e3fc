using MleDojo.Core;
using MleDojo.Core.Competitions;
using MleDojo.Core.Execution;
using MleDojo.Core.Grading;
using MleDojo.Core.Recording;
using MleDojo.Core.Sessions;
using MleDojo.Sandbox.Local;
using MleDojo.Server.Prompts;
using MleDojo.Server.Resources;
using MleDojo.Server.Tools;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;
using Serilog;
using Serilog.Events;

namespace MleDojo.Server.Hosting;

/// <summary>Builds the MCP server host: configuration, logging to stderr and a rolling file, the environment services and the tools.</summary>
internal static class ServerHost
{
    public static async Task<IHost> BuildAsync(string[] args, IReadOnlyDictionary<string, string?> overrides, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddInMemoryCollection(overrides);

        var options = new MleDojoOptions();
        builder.Configuration.GetSection(MleDojoOptions.Section).Bind(options);
        var services = await DojoServices.CreateAsync(options, cancellationToken).ConfigureAwait(false);
        var dataRoot = services.DataRoot;

        // stdio carries the protocol: every log line goes to stderr or the file, never stdout.
        builder.Logging.ClearProviders();
        builder.Services.AddSerilog(new LoggerConfiguration()
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .Enrich.FromLogContext()
            // A refusal (McpException) is an answer to the agent, not a server fault: the SDK would log each at Error.
            .Filter.ByExcluding(e => e.Exception is ModelContextProtocol.McpException)
            .WriteTo.Console(standardErrorFromLevel: LogEventLevel.Verbose, formatProvider: System.Globalization.CultureInfo.InvariantCulture)
            .WriteTo.File(Path.Combine(dataRoot.Logs, "mledojo-.log"), rollingInterval: RollingInterval.Day, retainedFileCountLimit: 14, formatProvider: System.Globalization.CultureInfo.InvariantCulture)
            .CreateLogger(), dispose: true);

        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(dataRoot);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(services.Catalog);
        builder.Services.AddSingleton(services.Preparer);
        builder.Services.AddSingleton(services.Grader);
        // Registered through a factory so the container owns it: disposing the host disposes the provider, and the
        // Docker backend then removes every container it made (the session manager, created later, is disposed first).
        builder.Services.AddSingleton<ISandboxProvider>(_ => services.Sandboxes);
        builder.Services.AddSingleton(services.Store);
        builder.Services.AddSingleton(options.Sessions);
        builder.Services.AddSingleton<SessionManager>();
        builder.Services.AddHostedService<SessionRecoveryService>();

        builder.Services.AddMcpServer(mcp =>
            {
                mcp.ServerInfo = new Implementation { Name = "mledojo", Version = typeof(ServerHost).Assembly.GetName().Version?.ToString(3) ?? "0.1.0" };
                mcp.ServerInstructions = "MleDojo: Kaggle-style ML competitions. list_competitions, then start_session; explore with request_info and validate_code; execute_code scores output/submission.csv on public test rows; submit grades once on private rows. Budgets are enforced by the server and reported in every result.";
            })
            .WithStdioServerTransport()
            .WithTools<CompetitionTools>(ToolJson.Options)
            .WithTools<SessionTools>(ToolJson.Options)
            .WithTools<CodeTools>(ToolJson.Options)
            .WithTools<FileTools>(ToolJson.Options)
            .WithResources<CompetitionResources>()
            .WithResources<SessionResources>()
            .WithPrompts<SolvePrompts>();

        _ = args;
        return builder.Build();
    }
}
