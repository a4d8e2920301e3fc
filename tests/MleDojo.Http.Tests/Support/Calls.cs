using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace MleDojo.Http.Tests.Support;

/// <summary>Calling tools and reading their results the way a client sees them.</summary>
public static class Calls
{
    /// <summary>Calls a tool that must succeed and returns its structured content.</summary>
    public static async Task<JsonElement> OkAsync(this McpClient client, string tool, Dictionary<string, object?> arguments, CancellationToken cancellationToken, IProgress<ProgressNotificationValue>? progress = null)
    {
        var result = await client.CallToolAsync(tool, arguments, progress, cancellationToken: cancellationToken);
        Assert.False(result.IsError == true, $"{tool} returned an error: {TextOf(result)}");
        Assert.True(result.StructuredContent is { ValueKind: JsonValueKind.Object }, $"{tool} returned no structured content: {TextOf(result)}");
        return result.StructuredContent!.Value;
    }

    /// <summary>Calls a tool that must fail with a tool error and returns the error's text.</summary>
    public static async Task<string> ErrorAsync(this McpClient client, string tool, Dictionary<string, object?> arguments, CancellationToken cancellationToken)
    {
        var result = await client.CallToolAsync(tool, arguments, cancellationToken: cancellationToken);
        Assert.True(result.IsError, $"{tool} should have failed but returned: {result.StructuredContent?.GetRawText() ?? TextOf(result)}");
        return TextOf(result);
    }

    /// <summary>Starts a session and returns its id.</summary>
    public static async Task<string> StartAsync(this McpClient client, CancellationToken cancellationToken, string competition = "titanic", Dictionary<string, object?>? extra = null)
    {
        var arguments = new Dictionary<string, object?> { ["competition_id"] = competition };
        foreach (var (key, value) in extra ?? [])
        {
            arguments[key] = value;
        }

        return (await client.OkAsync("start_session", arguments, cancellationToken)).Str("session_id");
    }

    public static string TextOf(CallToolResult result) => string.Join("\n", result.Content.OfType<TextContentBlock>().Select(b => b.Text));

    public static string Str(this JsonElement element, string name) =>
        element.GetProperty(name).GetString() ?? throw new InvalidOperationException($"'{name}' is null in {element}");

    public static double? Num(this JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    /// <summary>A timeout for one test, linked to the test run's token, so a hang fails instead of blocking the suite.</summary>
    public static CancellationTokenSource Within(TimeSpan timeout)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        source.CancelAfter(timeout);
        return source;
    }

    /// <summary>A script of samples/titanic.</summary>
    public static string TitanicSample(string name) => File.ReadAllText(Path.Combine(RepositoryPaths.Root, "samples", "titanic", name));
}
