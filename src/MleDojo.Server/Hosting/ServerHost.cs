using MleDojo.Server.Prompts;
using MleDojo.Server.Resources;
using MleDojo.Server.Tools;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ModelContextProtocol.Protocol;

namespace MleDojo.Server.Hosting;

/// <summary>Adds the MCP server over stdio to a <see cref="DojoHost"/> builder: the tools, resources and prompts, and session recovery at start.</summary>
internal static class ServerHost
{
    public static HostApplicationBuilder AddDojoMcpServer(this HostApplicationBuilder builder)
    {
        builder.Services.AddHostedService<SessionRecoveryService>();
        builder.Services.AddMcpServer(mcp =>
            {
                mcp.ServerInfo = new Implementation { Name = "mledojo", Version = typeof(ServerHost).Assembly.GetName().Version?.ToString(3) ?? "0.1.0" };
                mcp.ServerInstructions = "MleDojo: Kaggle-style ML competitions. list_competitions, then start_session; explore with request_info and validate_code; execute_code scores output/submission.csv on public test rows; submit grades once on private rows. Budgets are enforced by the server and reported in every result.";
            })
            .WithStdioServerTransport()
            .WithDojoErrors()
            .WithDojoTools()
            .WithResources<CompetitionResources>()
            .WithResources<SessionResources>()
            .WithPrompts<SolvePrompts>();
        return builder;
    }

    /// <summary>The server's tools, serialized with <see cref="ToolJson.Options"/>: the one list every surface offers.</summary>
    public static IMcpServerBuilder WithDojoTools(this IMcpServerBuilder builder) =>
        builder
            .WithTools<CompetitionTools>(ToolJson.Options)
            .WithTools<SessionTools>(ToolJson.Options)
            .WithTools<CodeTools>(ToolJson.Options)
            .WithTools<FileTools>(ToolJson.Options);
}
