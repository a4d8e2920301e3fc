using System.Diagnostics;
using System.Text.Json;
using MleDojo.Agents.Tests.Support;

namespace MleDojo.Agents.Tests;

/// <summary><c>mledojo agent run</c> as a user runs it: the real executable, its own child server, the scripted model.</summary>
public sealed class AgentRunCommandTests : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("mledojo-agent-run-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AgentRun_ScriptedModel_PrintsTheScoreCardAsJsonAndExitsZero()
    {
        var solution = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "samples", "titanic", "01_gender_rule.py"));
        await using var endpoint = await ScriptedChatEndpoint.StartAsync(
            ScriptedReply.ToolCall("execute_code", JsonSerializer.Serialize(new { code = solution })) with { Content = "Let me try the gender rule." },
            ScriptedReply.ToolCall("submit", "{}"));
        endpoint.ExpectedApiKey = "sk-from-the-environment";

        var (exit, stdout, stderr) = await RunAsync(
            ["agent", "run", "--competition", "titanic", "--model", "scripted-model", "--endpoint", endpoint.BaseAddress.ToString(),
             "--api-key-env", "MLEDOJO_TEST_KEY", "--agent-name", "gender-rule-bot", "--seed", "2", "--json"],
            ("MLEDOJO_TEST_KEY", "sk-from-the-environment"));

        Assert.True(exit == 0, $"exit {exit}\n{stdout}\n{stderr}");
        using var json = JsonDocument.Parse(stdout);
        var result = json.RootElement;
        Assert.StartsWith("s-", result.GetProperty("session_id").GetString(), StringComparison.Ordinal);
        Assert.Equal("titanic", result.GetProperty("competition_id").GetString());
        Assert.Equal("gender-rule-bot", result.GetProperty("agent").GetString());
        Assert.InRange(result.GetProperty("private_score").GetDouble(), 0.6, 1.0);
        Assert.Equal(1, result.GetProperty("steps").GetInt32());
        Assert.True(result.GetProperty("tokens_in").GetInt64() > 0);
        Assert.Equal(2, endpoint.Requests.Count);
        Assert.All(endpoint.Requests, r => Assert.Equal("Bearer sk-from-the-environment", r.Authorization));

        // The chat export joins the agent's transcript in: its own words, and the tools as its model saw them.
        var (exported, chat, exportErrors) = await RunAsync(["export", "--format", "chat", "--session", result.GetProperty("session_id").GetString()!]);
        Assert.True(exported == 0, exportErrors);
        var line = Assert.Single(chat.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Empty(OpenAIFineTuningFormat.Problems(line));
        using var example = JsonDocument.Parse(line);
        Assert.False(example.RootElement.GetProperty("metadata").GetProperty("reconstructed").GetBoolean());
        var assistant = example.RootElement.GetProperty("messages").EnumerateArray().First(m => m.GetProperty("role").GetString() == "assistant");
        Assert.Equal("Let me try the gender rule.", assistant.GetProperty("content").GetString());
        Assert.All(example.RootElement.GetProperty("tools").EnumerateArray(), t =>
        {
            Assert.NotEqual("start_session", t.GetProperty("function").GetProperty("name").GetString());
            Assert.False(t.GetProperty("function").GetProperty("parameters").GetProperty("properties").TryGetProperty("session_id", out _));
        });
    }

    [Fact]
    public async Task AgentRun_ModelWithAConfiguredPriceThatRejectsTemperature_ReportsTheCostAndSendsNone()
    {
        await using var endpoint = await ScriptedChatEndpoint.StartAsync(
            ScriptedReply.Text("Nothing to do.").WithUsage(1_000, 100),
            ScriptedReply.Text("Still nothing.").WithUsage(2_000, 200),
            ScriptedReply.Text("Done.").WithUsage(3_000, 300));

        var (exit, stdout, stderr) = await RunAsync(
            ["agent", "run", "--competition", "titanic", "--model", "scripted-model", "--endpoint", endpoint.BaseAddress.ToString(), "--temperature", "0.7", "--json"],
            ("MleDojo__Agents__Models__0__Model", "scripted-model"),
            ("MleDojo__Agents__Models__0__InputPerMillion", "2.5"),
            ("MleDojo__Agents__Models__0__OutputPerMillion", "10"),
            ("MleDojo__Agents__Models__0__SendTemperature", "false"));

        Assert.True(exit == 1, $"exit {exit} (nothing was graded)\n{stdout}\n{stderr}");
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(6_000, json.RootElement.GetProperty("tokens_in").GetInt64());
        Assert.Equal(600, json.RootElement.GetProperty("tokens_out").GetInt64());
        Assert.Equal(0.021m, json.RootElement.GetProperty("cost").GetDecimal()); // 6,000 x 2.5 + 600 x 10, per million
        Assert.Contains("warning: temperature 0.7 is not sent", stderr, StringComparison.Ordinal);
        Assert.All(endpoint.Requests, r => Assert.Null(r.Temperature));
    }

    [Fact]
    public async Task AgentRun_PriceHalfConfigured_StopsWithTheKeyAtFault()
    {
        var (exit, _, stderr) = await RunAsync(
            ["agent", "run", "--competition", "titanic", "--model", "m", "--endpoint", "http://127.0.0.1:9/v1"],
            ("MleDojo__Agents__Models__0__Model", "m"),
            ("MleDojo__Agents__Models__0__InputPerMillion", "2.5"));

        Assert.Equal(1, exit);
        Assert.Contains("Models:0: give both InputPerMillion and OutputPerMillion", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AgentRun_EndpointNotAUrl_ExitsTwoSayingWhatToPass()
    {
        var (exit, _, stderr) = await RunAsync(["agent", "run", "--competition", "titanic", "--model", "m", "--endpoint", "localhost:11434"]);

        Assert.Equal(2, exit);
        Assert.Contains("--endpoint 'localhost:11434' is not an http(s) URL", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AgentRun_KeyVariableUnsetForARemoteEndpoint_ExitsTwoNamingTheVariable()
    {
        var (exit, _, stderr) = await RunAsync(["agent", "run", "--competition", "titanic", "--model", "m", "--endpoint", "https://api.example.com/v1", "--api-key-env", "MLEDOJO_UNSET_KEY"]);

        Assert.Equal(2, exit);
        Assert.Contains("$MLEDOJO_UNSET_KEY is not set", stderr, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_home, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private async Task<(int Exit, string Stdout, string Stderr)> RunAsync(string[] arguments, params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo(RepositoryPaths.ServerExecutable);
        foreach (var argument in (string[])["--home", _home, .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return await ChildProcess.RunAsync(start, TimeSpan.FromMinutes(3), Ct);
    }
}
