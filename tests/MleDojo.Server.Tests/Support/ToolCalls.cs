using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace MleDojo.Server.Tests.Support;

/// <summary>Calling tools and reading their results the way a client sees them.</summary>
public static class ToolCalls
{
    /// <summary>Calls a tool that must succeed and returns its structured content (a JSON object).</summary>
    public static async Task<JsonElement> OkAsync(this ServerProcess server, string tool, Dictionary<string, object?> arguments, CancellationToken cancellationToken, IProgress<ProgressNotificationValue>? progress = null)
    {
        var result = await server.Client.CallToolAsync(tool, arguments, progress, cancellationToken: cancellationToken);
        if (result.IsError == true)
        {
            Assert.Fail($"{tool} returned an error: {TextOf(result)}\nServer log:\n{server.LogTail()}");
        }

        Assert.True(result.StructuredContent is { ValueKind: JsonValueKind.Object }, $"{tool} returned no structured content: {TextOf(result)}");
        return result.StructuredContent!.Value;
    }

    /// <summary>Calls a tool that must fail with a tool error (isError: true) and returns the error's text.</summary>
    public static async Task<string> ErrorAsync(this ServerProcess server, string tool, Dictionary<string, object?> arguments, CancellationToken cancellationToken)
    {
        var result = await server.Client.CallToolAsync(tool, arguments, cancellationToken: cancellationToken);
        Assert.True(result.IsError, $"{tool} should have failed but returned: {result.StructuredContent?.GetRawText() ?? TextOf(result)}");
        var text = TextOf(result);
        Assert.False(string.IsNullOrWhiteSpace(text), $"{tool}'s error has no text.");
        return text;
    }

    public static string TextOf(CallToolResult result) =>
        string.Join("\n", result.Content.OfType<TextContentBlock>().Select(b => b.Text));

    public static string Str(this JsonElement element, string name) =>
        element.GetProperty(name).GetString() ?? throw new InvalidOperationException($"'{name}' is null in {element}");

    public static double? Num(this JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    public static bool Flag(this JsonElement element, string name) => element.GetProperty(name).GetBoolean();

    /// <summary>A timeout for one test's calls, linked to the test run's token, so a hang fails instead of blocking the suite.</summary>
    public static CancellationTokenSource Within(TimeSpan timeout)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        source.CancelAfter(timeout);
        return source;
    }
}
