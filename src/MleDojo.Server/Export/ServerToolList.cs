using MleDojo.Server.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace MleDojo.Server.Export;

/// <summary>The tools as <c>tools/list</c> shows them, without running a server: built by the same registration the server uses.</summary>
internal static class ServerToolList
{
    public static IReadOnlyList<Tool> Get()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMcpServer().WithDojoTools();
        using var provider = services.BuildServiceProvider();
        var tools = provider.GetRequiredService<IOptions<McpServerOptions>>().Value.ToolCollection;
        return tools is null ? [] : [.. tools.Select(t => t.ProtocolTool)];
    }
}
