using System.Text.Json;
using System.Text.Json.Nodes;
using MleDojo.Server.Tests.Support;

namespace MleDojo.Server.Tests;

/// <summary>
/// The text block of a tool result is what a model reads: the result as JSON, escaped only where JSON requires, so
/// quotes, angle brackets, ampersands and apostrophes in output and tracebacks read as themselves.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class ResultTextTests(ServerFixture fixture)
{
    private ServerProcess Server => fixture.Server;

    [Fact]
    public async Task ExecuteCode_TracebackWithQuotesAndBrackets_TextReadsAsPrintedAndIsTheStructuredContent()
    {
        using var timeout = ToolCalls.Within(TimeSpan.FromSeconds(60));
        var ct = timeout.Token;
        var id = await fixture.StartSessionAsync(ct);
        const string code = """
            print("\"quoted\" <tag> & 'apostrophe'")
            raise ValueError("<bad> & \"worse\"")
            """;

        var result = await Server.Client.CallToolAsync("execute_code", new Dictionary<string, object?> { ["session_id"] = id, ["code"] = code }, cancellationToken: ct);

        Assert.NotEqual(true, result.IsError);
        var structured = Assert.IsType<JsonElement>(result.StructuredContent);
        Assert.Equal("failed", structured.Str("status"));
        Assert.Equal("\"quoted\" <tag> & 'apostrophe'\n", structured.Str("stdout"));
        Assert.Contains("in <module>", structured.Str("stderr"), StringComparison.Ordinal);

        var text = ToolCalls.TextOf(result);
        Assert.DoesNotContain(@"\u00", text, StringComparison.OrdinalIgnoreCase);
        // Inside a JSON string a quote is \" (JSON requires that escape); <, >, & and ' are left as they are.
        Assert.Contains(@"\""quoted\"" <tag> & 'apostrophe'", text, StringComparison.Ordinal);
        Assert.Contains(@"File \""", text, StringComparison.Ordinal);
        Assert.Contains("in <module>", text, StringComparison.Ordinal);
        Assert.Contains(@"ValueError: <bad> & \""worse\""", text, StringComparison.Ordinal);

        var parsed = JsonNode.Parse(text);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(structured.GetRawText()), parsed), $"text block:\n{text}\nstructured content:\n{structured.GetRawText()}");
    }
}
