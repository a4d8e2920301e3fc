using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using MleDojo.Core.Serialization;
using ModelContextProtocol;

namespace MleDojo.Server.Tools;

/// <summary>
/// The serializer options of every tool: the SDK's defaults (web naming, nulls left out, which the output schemas and
/// structured results have always had) over the environment's contracts (<see cref="DojoJson.TypeInfoResolver"/>,
/// the SDK's own resolvers after them). The SDK uses these options for the output schemas, the structured content and
/// the text block a model reads (the result serialized as JSON): that text is escaped only where JSON requires, so a
/// traceback reads <c>File \"/workspace/runs/run-0001.py\", line 3, in &lt;module&gt;</c> rather than with <c>\u0022</c>
/// and <c>\u003C</c> in it. It is still JSON, equal to the structured content, as the MCP specification asks of a
/// tool with an output schema; no HTML page embeds it.
/// </summary>
internal static class ToolJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(McpJsonUtilities.DefaultOptions)
        {
            TypeInfoResolver = JsonTypeInfoResolver.Combine(DojoJson.TypeInfoResolver, McpJsonUtilities.DefaultOptions.TypeInfoResolver),
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };

        // The SDK's defaults write enums by their C# names, and an options converter wins over the one on the enum type.
        options.Converters.Insert(0, new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        options.MakeReadOnly();
        return options;
    }
}
