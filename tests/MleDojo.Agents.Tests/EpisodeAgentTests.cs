using System.Text.Json;
using MleDojo.Agents.Tests.Support;

namespace MleDojo.Agents.Tests;

/// <summary>
/// The agent playing real episodes: a scripted OpenAI-compatible endpoint stands in for the model; the OpenAI adapter,
/// the function-invocation loop, the MCP client, the server over stdio and the sandbox are all real.
/// </summary>
public sealed class EpisodeAgentTests(DojoServer server) : IClassFixture<DojoServer>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PlayAsync_ScriptedModelSolvesTitanic_EndsGradedWithUsageLabelsAndTranscript()
    {
        var solution = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "samples", "titanic", "02_logistic_regression.py"));
        await using var endpoint = await ScriptedChatEndpoint.StartAsync(
            ScriptedReply.ToolCall("request_info", """{"info_type": "metric"}"""),
            ScriptedReply.ToolCall("execute_code", Arguments(new { code = solution })),
            ScriptedReply.ToolCall("submit", "{}"));

        var progress = new Collected<AgentProgress>();
        var result = await new EpisodeAgent().PlayAsync(server.Client, OpenAIChatClients.For(endpoint), Options("titanic", experiment: "smoke", seed: 7), progress, Ct);

        Assert.Equal("episode_ended", result.StoppedBecause);

        // Where the episode stood after each tool result: the info, the scored run, the submission, the agent's own end_session.
        Assert.Equal([0, 1, 1, 1], progress.Items.Select(p => p.Steps));
        Assert.Null(progress.Items[0].BestPublicScore);
        Assert.Equal(result.BestPublicScore, progress.Items[1].BestPublicScore);
        Assert.All(progress.Items, p => Assert.Equal(result.SessionId, p.SessionId));
        Assert.Equal("terminated", result.State);
        Assert.InRange(result.PrivateScore ?? 0, 0.6, 1.0);
        Assert.Equal(1, result.Steps);
        Assert.Equal(3, result.Turns);
        Assert.True(result.TokensIn > 0 && result.TokensOut > 0, $"{result.TokensIn} in, {result.TokensOut} out");
        Assert.Equal(OpenAIChatClients.DefaultModel, result.Agent);

        // The model saw the server's own task framing and tools, with no session id to carry and no lifecycle tools.
        var first = endpoint.Requests[0];
        Assert.Contains("You are competing in", first.Messages[0].Content, StringComparison.Ordinal);
        Assert.DoesNotContain("start_session", first.Tools);
        Assert.Contains("execute_code", first.Tools);
        using (var body = JsonDocument.Parse(first.Body))
        {
            Assert.All(body.RootElement.GetProperty("tools").EnumerateArray(), t =>
                Assert.False(t.GetProperty("function").GetProperty("parameters").GetProperty("properties").TryGetProperty("session_id", out _), t.ToString()));
        }

        Assert.Equal(3, endpoint.Requests.Count);
        Assert.Contains(endpoint.Requests[2].ToolResults, r => r.Content?.Contains("\"public_score\"", StringComparison.Ordinal) == true);

        // The session carries who played it.
        var history = await server.Client.CallToolAsync("get_history", new Dictionary<string, object?> { ["session_id"] = result.SessionId }, cancellationToken: Ct);
        var labels = history.StructuredContent!.Value.GetProperty("labels");
        Assert.Equal(OpenAIChatClients.DefaultModel, labels.GetProperty("agent").GetString());
        Assert.Equal("smoke", labels.GetProperty("experiment").GetString());
        Assert.Equal(7, labels.GetProperty("seed").GetInt64());

        // The transcript holds the whole conversation: the task, each tool call and its result.
        var calls = result.Transcript.Calls;
        Assert.Equal(4, calls.Count); // three model calls, then the result of the call that ended the episode
        Assert.Empty(calls[3].Reply);
        Assert.Contains(calls[3].New.SelectMany(m => m.ToolResults ?? []), r => r.Result?.Contains("private_score", StringComparison.Ordinal) == true);
        Assert.Equal("execute_code", Assert.Single(calls[1].Reply.SelectMany(m => m.ToolCalls ?? [])).Name);
        Assert.Contains(calls[2].New.SelectMany(m => m.ToolResults ?? []), r => r.Result?.Contains("public_score", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task PlayAsync_FortyStepEpisode_KeepsEveryRequestUnderTheContextLimit()
    {
        const int steps = 40;
        var loud = "print('x' * 3000)\nprint('done')\n";
        await using var endpoint = await ScriptedChatEndpoint.StartAsync(
            [.. Enumerable.Repeat(ScriptedReply.ToolCall("validate_code", Arguments(new { code = loud })), steps), ScriptedReply.Text("I am done.")]);
        var options = Options("titanic");
        options.MaxContextTokens = 6_000;
        options.KeepLastTurns = 3;
        options.MaxToolOutputChars = 2_000;
        options.MaxIdleReplies = 1;

        var result = await new EpisodeAgent().PlayAsync(server.Client, OpenAIChatClients.For(endpoint), options, Ct);

        Assert.Equal("idle", result.StoppedBecause);
        Assert.Equal(steps, result.Steps);
        Assert.Equal(steps + 1, endpoint.Requests.Count);
        foreach (var request in endpoint.Requests)
        {
            var characters = request.Messages.Sum(m => (m.Content?.Length ?? 0) + m.ToolCalls.Sum(c => c.Arguments.Length));
            Assert.True(characters / 4 <= options.MaxContextTokens, $"request {endpoint.Requests.ToList().IndexOf(request) + 1}: {characters / 4} tokens");
        }

        // The last request: old results folded to one line each, the last three whole.
        var last = endpoint.Requests[^1].ToolResults.ToList();
        Assert.Equal(steps, last.Count);
        Assert.All(last.Take(steps - 3), r => Assert.Contains("[folded] step ", r.Content, StringComparison.Ordinal));
        Assert.Contains("[folded] step 1 validate_code succeeded", last[0].Content, StringComparison.Ordinal);
        Assert.All(last.Skip(steps - 3), r => Assert.Contains("\"stdout\"", r.Content, StringComparison.Ordinal));
    }

    [Fact]
    public async Task PlayAsync_Cancelled_KillsTheRunAndEndsTheSession()
    {
        await using var endpoint = await ScriptedChatEndpoint.StartAsync(
            ScriptedReply.ToolCall("execute_code", Arguments(new { code = "import time\nprint('sleeping', flush=True)\ntime.sleep(120)\n" })));
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cancel.CancelAfter(TimeSpan.FromSeconds(4));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new EpisodeAgent().PlayAsync(server.Client, OpenAIChatClients.For(endpoint), Options("titanic"), cancel.Token));

        var sessionId = SessionIdOf(endpoint);
        var history = (await server.Client.CallToolAsync("get_history", new Dictionary<string, object?> { ["session_id"] = sessionId }, cancellationToken: Ct)).StructuredContent!.Value;
        Assert.Equal("closed", history.GetProperty("state").GetString());
        var run = history.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("action").GetString() == "execute_code");
        Assert.Equal("cancelled", run.GetProperty("status").GetString());
    }

    [Fact]
    public async Task PlayAsync_RateLimitedOnce_RetriesAndPlaysOn()
    {
        await using var endpoint = await ScriptedChatEndpoint.StartAsync(
            ScriptedReply.Error(429, "Rate limit reached for requests", retryAfter: TimeSpan.FromSeconds(1)),
            ScriptedReply.ToolCall("request_info", """{"info_type": "budget"}"""),
            ScriptedReply.Text("Nothing more to do."));
        var model = OpenAICompatibleChatClient.Create(endpoint.BaseAddress, OpenAIChatClients.DefaultModel, OpenAIChatClients.DefaultApiKey, firstRetryDelay: TimeSpan.FromMilliseconds(100));
        var options = Options("titanic");
        options.MaxIdleReplies = 1;

        var result = await new EpisodeAgent().PlayAsync(server.Client, model, options, Ct);

        Assert.Null(result.Error);
        Assert.Equal("idle", result.StoppedBecause);
        Assert.Equal(3, endpoint.Requests.Count);
        Assert.Equal(2, result.Turns);
        Assert.Equal("closed", result.State);
    }

    [Fact]
    public async Task PlayAsync_Unauthorized_StopsAtOnceWithAClearMessageAndClosesTheSession()
    {
        await using var endpoint = await ScriptedChatEndpoint.StartAsync(ScriptedReply.Text("never sent"));
        endpoint.ExpectedApiKey = "sk-the-right-one";
        var model = OpenAICompatibleChatClient.Create(endpoint.BaseAddress, OpenAIChatClients.DefaultModel, "sk-wrong", firstRetryDelay: TimeSpan.FromMilliseconds(100));

        var result = await new EpisodeAgent().PlayAsync(server.Client, model, Options("titanic"), Ct);

        Assert.Equal("error", result.StoppedBecause);
        Assert.StartsWith("The model endpoint refused the credentials (401)", result.Error, StringComparison.Ordinal);
        Assert.Single(endpoint.Requests); // a 401 is not retried
        Assert.Equal("closed", result.State);
    }

    [Fact]
    public async Task PlayAsync_MalformedToolCalls_GoBackToTheModelAsErrorsItCanRecoverFrom()
    {
        await using var endpoint = await ScriptedChatEndpoint.StartAsync(
            ScriptedReply.ToolCall("no_such_tool", "{}"),
            ScriptedReply.ToolCall("execute_code", """{"code": "print(1)" """),
            ScriptedReply.ToolCall("request_info", """{"info_type": "nonsense"}"""),
            ScriptedReply.Text("I will stop here."));
        var options = Options("titanic");
        options.MaxIdleReplies = 1;

        var result = await new EpisodeAgent().PlayAsync(server.Client, OpenAIChatClients.For(endpoint), options, Ct);

        Assert.Equal("idle", result.StoppedBecause);
        Assert.Equal(4, endpoint.Requests.Count);
        Assert.Contains("\"no_such_tool\" not found", endpoint.Requests[1].ToolResults.Last().Content, StringComparison.Ordinal);
        Assert.Contains("[invalid_argument]", endpoint.Requests[2].ToolResults.Last().Content, StringComparison.Ordinal);
        Assert.Contains("code", endpoint.Requests[2].ToolResults.Last().Content, StringComparison.Ordinal);
        Assert.Contains("[invalid_argument] Unknown info_type 'nonsense'", endpoint.Requests[3].ToolResults.Last().Content, StringComparison.Ordinal);
        Assert.Equal(0, result.Steps);
        Assert.Equal("closed", result.State);
    }

    [Fact]
    public async Task PlayAsync_TwoEpisodesOnOneModelClient_LeavesTheCallersClientUndisposed()
    {
        await using var endpoint = await ScriptedChatEndpoint.StartAsync(ScriptedReply.Text("Nothing to do."), ScriptedReply.Text("Still nothing."));
        using var model = new DisposalWatch(OpenAIChatClients.For(endpoint));
        var options = Options("titanic");
        options.MaxIdleReplies = 1;

        var first = await new EpisodeAgent().PlayAsync(server.Client, model, options, Ct);
        var second = await new EpisodeAgent().PlayAsync(server.Client, model, options, Ct);

        Assert.False(model.Disposed, "the agent disposed a model client it does not own");
        Assert.Equal(["idle", "idle"], [first.StoppedBecause, second.StoppedBecause]);
        Assert.NotEqual(first.SessionId, second.SessionId);
    }

    private static AgentOptions Options(string competition, string? experiment = null, long? seed = null) => new()
    {
        CompetitionId = competition,
        Experiment = experiment,
        Seed = seed,
        WaitSeconds = 60,
    };

    private static string Arguments(object value) => JsonSerializer.Serialize(value);

    private static string SessionIdOf(ScriptedChatEndpoint endpoint)
    {
        var task = endpoint.Requests[0].Messages[1].Content!;
        var start = task.IndexOf("(s-", StringComparison.Ordinal) + 1;
        return task[start..task.IndexOf(')', start)];
    }
}
