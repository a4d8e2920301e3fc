using System.Text.Json.Nodes;
using MleDojo.Server.Tests.Support;

namespace MleDojo.Server.Tests;

/// <summary><c>mledojo export --format chat</c> of an episode a plain MCP client played: rebuilt from the server's record.</summary>
[Collection(ServerCollection.Name)]
public sealed class ChatExportTests(ServerFixture fixture)
{
    private ServerProcess Server => fixture.Server;

    [Fact]
    public async Task ExportChat_EpisodeOfAPlainClient_IsAValidFineTuningExampleRebuiltFromTheRecord()
    {
        using var timeout = ToolCalls.Within(TimeSpan.FromSeconds(120));
        var ct = timeout.Token;
        var id = await fixture.StartSessionAsync(ct);
        await Server.OkAsync("request_info", new() { ["session_id"] = id, ["info_type"] = "metric" }, ct);
        await Server.OkAsync("write_file", new() { ["session_id"] = id, ["path"] = "notes.md", ["content"] = "try the gender rule" }, ct);
        var refused = await Server.ErrorAsync("submit", new() { ["session_id"] = id }, ct);
        await Server.OkAsync("execute_code", new() { ["session_id"] = id, ["code"] = Repo.TitanicSample("01_gender_rule.py") }, ct);
        var submitted = await Server.OkAsync("submit", new() { ["session_id"] = id }, ct);

        var (exit, stdout, stderr) = await MledojoCli.RunAsync(Server.Home, ct, "export", "--format", "chat", "--session", id);

        Assert.True(exit == 0, stderr);
        var line = Assert.Single(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Empty(OpenAIFineTuningFormat.Problems(line));
        var example = JsonNode.Parse(line)!.AsObject();
        var messages = example["messages"]!.AsArray();
        Assert.Equal("system", (string)messages[0]!["role"]!);
        Assert.Contains("You are competing in", (string)messages[0]!["content"]!, StringComparison.Ordinal);

        // Each call of the client, in order, with the result it read back (a refusal as the error text it was given).
        var calls = messages.Where(m => (string)m!["role"]! == "assistant").Select(m => (string)m!["tool_calls"]![0]!["function"]!["name"]!).ToList();
        Assert.Equal(["start_session", "request_info", "write_file", "submit", "execute_code", "submit"], calls);
        var results = messages.Where(m => (string)m!["role"]! == "tool").Select(m => (string)m!["content"]!).ToList();
        Assert.Contains("\"info_type\":\"metric\"", results[1], StringComparison.Ordinal);
        Assert.Equal(refused, results[3]);
        Assert.Contains("\"public_score\"", results[4], StringComparison.Ordinal);
        var code = JsonNode.Parse((string)messages.Last(m => (string)m!["role"]! == "assistant" && ((string)m!["tool_calls"]![0]!["function"]!["name"]!) == "execute_code")!["tool_calls"]![0]!["function"]!["arguments"]!)!;
        Assert.Equal(Repo.TitanicSample("01_gender_rule.py"), (string)code["code"]!);
        Assert.Equal(id, (string)code["session_id"]!);

        // What RL needs, beside the conversation.
        var metadata = example["metadata"]!;
        Assert.True((bool)metadata["reconstructed"]!);
        Assert.True((bool)metadata["terminated"]!);
        Assert.False((bool)metadata["truncated"]!);
        Assert.Equal(submitted.Num("private_score"), (double)metadata["private_score"]!);
        var run = metadata["steps"]!.AsArray().Single(s => (string)s!["action"]! == "execute_code")!;
        Assert.Equal("call_5", (string)run["tool_call_id"]!);
        Assert.NotNull(run["reward"]);
        Assert.Equal("mledojo-server-tests", (string)metadata["labels"]!["client_name"]!);
    }
}
