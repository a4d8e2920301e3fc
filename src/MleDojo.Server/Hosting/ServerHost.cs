using MleDojo.Server.Prompts;
using MleDojo.Server.Resources;
using MleDojo.Server.Tenancy;
using MleDojo.Server.Tools;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ModelContextProtocol.Protocol;

namespace MleDojo.Server.Hosting;

/// <summary>
/// Adds the MCP server to a <see cref="DojoHost"/> builder: the tools, resources and prompts, tenancy, and session
/// recovery at start. Over stdio, or over Streamable HTTP (<see cref="Http.HttpServerHost"/> maps the endpoint).
/// </summary>
internal static class ServerHost
{
    /// <summary>The MCP server over stdio: one client, the local operator.</summary>
    public static HostApplicationBuilder AddDojoMcpServer(this HostApplicationBuilder builder)
    {
        builder.AddDojoMcp().WithStdioServerTransport().WithSessionTenancy(quotas: null);
        return builder;
    }

    /// <summary>The server without its transport: what stdio and HTTP share.</summary>
    public static IMcpServerBuilder AddDojoMcp(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHostedService<SessionRecoveryService>();
        return builder.Services.AddMcpServer(mcp =>
            {
                mcp.ServerInfo = new Implementation { Name = "mledojo", Version = typeof(ServerHost).Assembly.GetName().Version?.ToString(3) ?? "0.1.0" };
                mcp.ServerInstructions = "MleDojo: Kaggle-style ML competitions. list_competitions, then start_session; explore with request_info and validate_code; execute_code scores output/submission.csv on public test rows; submit grades once on private rows. Budgets are enforced by the server and reported in every result.";
            })

            // Errors first: it wraps the filters added after it, so their refusals reach the agent as tool errors.
            .WithDojoErrors()
            .WithDojoTools()
            .WithResources<CompetitionResources>()
            .WithResources<SessionResources>()
            .WithPrompts<SolvePrompts>();
    }

    /// <summary>The server's tools, serialized with <see cref="ToolJson.Options"/>: the one list every surface offers.</summary>
    public static IMcpServerBuilder WithDojoTools(this IMcpServerBuilder builder) =>
        builder
            .WithTools<CompetitionTools>(ToolJson.Options)
            .WithTools<SessionTools>(ToolJson.Options)
            .WithTools<CodeTools>(ToolJson.Options)
            .WithTools<FileTools>(ToolJson.Options);
}
