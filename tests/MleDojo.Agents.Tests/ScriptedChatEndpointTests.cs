using System.ClientModel;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MleDojo.Agents.Tests.Support;
using Microsoft.Extensions.AI;

namespace MleDojo.Agents.Tests;

/// <summary>
/// The scripted endpoint as the real OpenAI SDK and Microsoft.Extensions.AI see it: what a reply becomes on the client
/// side, and what the endpoint records of the client's requests.
/// </summary>
public sealed class ScriptedChatEndpointTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetResponse_TextReply_ReturnsTheTextAndRecordsTheRequest()
    {
        await using var endpoint = await ScriptedChatEndpoint.StartAsync(ScriptedReply.Text("Hello from the script."));
        var client = OpenAIChatClients.For(endpoint, model: "gpt-test");

        var response = await client.GetResponseAsync([new(ChatRole.System, "Be brief."), new(ChatRole.User, "Hi")], cancellationToken: Token);

        Assert.Equal("Hello from the script.", response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        var request = Assert.Single(endpoint.Requests);
        Assert.Equal("gpt-test", request.Model);
        Assert.False(request.Stream);
        Assert.Null(request.Temperature);
        Assert.Equal($"Bearer {OpenAIChatClients.DefaultApiKey}", request.Authorization);
        Assert.Equal(["system", "user"], request.Messages.Select(m => m.Role));
        Assert.Equal(["Be brief.", "Hi"], request.Messages.Select(m => m.Content));
        Assert.Empty(request.Tools);
    }

    [Fact]
    public async Task GetResponse_WithTemperature_RecordsIt()
    {
        await using var endpoint = await ScriptedChatEndpoint.StartAsync(ScriptedReply.Text("ok"));
        var client = OpenAIChatClients.For(endpoint);

        await client.GetResponseAsync("Hi", new ChatOptions { Temperature = 0.25f }, Token);

        Assert.Equal(0.25, Assert.Single(endpoint.Requests).Temperature!.Value, 3);
    }

    [Fact]
    public async Task GetStreamingResponse_TextReply_StreamsTheText()
    {
        await using var endpoint = await ScriptedChatEndpoint.StartAsync(ScriptedReply.Text("Streamed reply, in several pieces."));
        var client = OpenAIChatClients.For(endpoint);

        var updates = await client.GetStreamingResponseAsync("Hi", cancellationToken: Token).ToListAsync(Token);

        Assert.True(updates.Count(u => u.Text.Length > 0) > 1, "the text should arrive in more than one delta");
        var response = updates.ToChatResponse();
        Assert.Equal("Streamed reply, in several pieces.", response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.True(Assert.Single(endpoint.Requests).Stream);
    }

    [Fact]
    public async Task GetResponse_ScriptedUsage_IsReported()
    {
        await using var endpoint = await ScriptedChatEndpoint.StartAsync(ScriptedReply.Text("ok").WithUsage(123, 45));
        var client = OpenAIChatClients.For(endpoint);

        var response = await client.GetResponseAsync("Hi", cancellationToken: Token);

        Assert.Equal(123, response.Usage?.InputTokenCount);
        Assert.Equal(45, response.Usage?.OutputTokenCount);
        Assert.Equal(168, response.Usage?.TotalTokenCount);
    }

    [Fact]
    public async Task GetResponse_DefaultUsage_EstimatesFromTheCharacters()
    {
        await using var endpoint = await ScriptedChatEndpoint.StartAsync(ScriptedReply.Text(new string('x', 400)));
        var client = OpenAIChatClients.For(endpoint);

        var response = await client.GetResponseAsync("Hi", cancellationToken: Token);

        Assert.Equal(Assert.Single(endpoint.Requests).Body.Length / 4, response.Usage?.InputTokenCount);
        Assert.Equal(100, response.Usage?.OutputTokenCount);
    }

    [Fact]
    public async Task GetStreamingResponse_ScriptedUsage_IsReportedWhenAskedFor()
    {
        await using var endpoint = await ScriptedChatEndpoint.StartAsync(ScriptedReply.Text("ok").WithUsage(7, 3));
        var client = OpenAIChatClients.For(endpoint);

        var response = await client.GetStreamingResponseAsync("Hi", cancellationToken: Token).ToChatResponseAsync(Token);

        // The adapter asks for usage in every stream (stream_options.include_usage), so the usage event is sent.
        Assert.True(Assert.Single(endpoint.Requests).IncludeUsage);
        Assert.Equal(7, response.Usage?.InputTokenCount);
        Assert.Equal(3, response.Usage?.OutputTokenCount);
    }

    [Fact]
    public async Task FunctionInvocation_ToolCall_InvokesTheFunctionAndSendsItsResultBack()
    {
        await using var endpoint = await ScriptedChatEndpoint.StartAsync(
            ScriptedReply.ToolCall("execute_code", """{"code": "print(1)"}"""),
            ScriptedReply.From(request => ScriptedReply.Text($"The tool said: {request.ToolResults.Last().Content}")));
        var (client, tool, calls) = ClientWithExecuteCode(endpoint);

        var response = await client.GetResponseAsync("Run something.", new ChatOptions { Tools = [tool] }, Token);

        Assert.Equal(["print(1)"], calls);
        // A function's string result reaches the model JSON-serialized, quotes included.
        Assert.Equal("The tool said: \"stdout: 1\"", response.Text);
        AssertToolRoundTrip(endpoint.Requests, "execute_code", """{"code": "print(1)"}""", "\"stdout: 1\"");
    }

    [Fact]
    public async Task FunctionInvocation_StreamedToolCall_InvokesTheFunctionAndSendsItsResultBack()
    {
        await using var endpoint = await ScriptedChatEndpoint.StartAsync(
            ScriptedReply.ToolCall("execute_code", """{"code": "print(1)"}"""),
            ScriptedReply.Text("done"));
        var (client, tool, calls) = ClientWithExecuteCode(endpoint);

        var response = await client.GetStreamingResponseAsync("Run something.", new ChatOptions { Tools = [tool] }, Token)
            .ToChatResponseAsync(Token);

        Assert.Equal(["print(1)"], calls);
        Assert.Equal("done", response.Text);
        AssertToolRoundTrip(endpoint.Requests, "execute_code", """{"code": "print(1)"}""", "\"stdout: 1\"");
    }

    [Fact]
    public async Task FunctionInvocation_ParallelToolCalls_InvokesEachAndAnswersEachCall()
    {
        await using var endpoint = await ScriptedChatEndpoint.StartAsync(
            ScriptedReply.ToolCalls(("execute_code", """{"code": "a"}"""), ("execute_code", """{"code": "b"}""")),
            ScriptedReply.Text("done"));
        var (client, tool, calls) = ClientWithExecuteCode(endpoint);

        await client.GetResponseAsync("Run two things.", new ChatOptions { Tools = [tool] }, Token);

        Assert.Equal(["a", "b"], calls.Order());
        var second = endpoint.Requests[1];
        var assistant = second.Messages.Single(m => m.Role == "assistant");
        Assert.Equal(assistant.ToolCalls.Select(c => c.Id), second.ToolResults.Select(m => m.ToolCallId));
    }

    [Fact]
    public async Task FunctionInvocation_MalformedArguments_SendsTheErrorToTheModelInsteadOfThrowing()
    {
        await using var endpoint = await ScriptedChatEndpoint.StartAsync(
            ScriptedReply.ToolCall("execute_code", """{"code": "print(1)" """),
            ScriptedReply.Text("I will fix my JSON."));
        var (client, tool, calls) = ClientWithExecuteCode(endpoint);

        var response = await client.GetResponseAsync("Run something.", new ChatOptions { Tools = [tool] }, Token);

        Assert.Empty(calls);
        Assert.Equal("I will fix my JSON.", response.Text);
        var call = endpoint.Requests[1].Messages.Single(m => m.Role == "assistant").ToolCalls.Single();
        // The adapter cannot echo arguments it failed to parse: the model gets "null" back, not what it wrote.
        Assert.Equal("null", call.Arguments);
        var result = Assert.Single(endpoint.Requests[1].ToolResults);
        Assert.Equal(call.Id, result.ToolCallId);
        // Without IncludeDetailedErrors the model is told only that the call failed.
        Assert.Equal("Error: Function failed.", result.Content);
    }

    [Fact]
    public async Task FunctionInvocation_MalformedArgumentsWithDetailedErrors_SendsTheParseError()
    {
        await using var endpoint = await ScriptedChatEndpoint.StartAsync(
            ScriptedReply.ToolCall("execute_code", """{"code": "print(1)" """),
            ScriptedReply.Text("I will fix my JSON."));
        var (_, tool, calls) = ClientWithExecuteCode(endpoint);
        var client = new ChatClientBuilder(OpenAIChatClients.For(endpoint, maxRetries: 0))
            .UseFunctionInvocation(configure: f => f.IncludeDetailedErrors = true)
            .Build();

        await client.GetResponseAsync("Run something.", new ChatOptions { Tools = [tool] }, Token);

        Assert.Empty(calls);
        var result = Assert.Single(endpoint.Requests[1].ToolResults);
        // Not a JSON error: the adapter turned the unparsable arguments into none, so the function misses its parameter.
        Assert.Equal(
            "Error: Function failed. Exception: The arguments dictionary is missing a value for the required parameter 'code'. (Parameter 'arguments')",
            result.Content);
    }

    [Fact]
    public async Task FunctionInvocation_UnknownTool_SendsNotFoundToTheModel()
    {
        await using var endpoint = await ScriptedChatEndpoint.StartAsync(
            ScriptedReply.ToolCall("no_such_tool", "{}"),
            ScriptedReply.Text("Sorry."));
        var (client, tool, calls) = ClientWithExecuteCode(endpoint);

        await client.GetResponseAsync("Run something.", new ChatOptions { Tools = [tool] }, Token);

        Assert.Empty(calls);
        var result = Assert.Single(endpoint.Requests[1].ToolResults);
        Assert.Contains("no_such_tool", result.Content);
        Assert.Contains("not found", result.Content, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task GetResponse_RateLimitedWithoutRetries_ThrowsWithStatus429AndRetryAfter()
    {
        await using var endpoint = await ScriptedChatEndpoint.StartAsync(ScriptedReply.Error(429, retryAfter: TimeSpan.FromSeconds(2)));
        var client = OpenAIChatClients.For(endpoint, maxRetries: 0);

        var error = await Assert.ThrowsAsync<ClientResultException>(() => client.GetResponseAsync("Hi", cancellationToken: Token));

        Assert.Equal(429, error.Status);
        Assert.True(error.GetRawResponse()!.Headers.TryGetValue("Retry-After", out string? retryAfter));
        Assert.Equal("2", retryAfter);
        Assert.Contains("Rate limit reached", error.Message);
    }

    [Fact]
    public async Task GetResponse_RateLimitedThenText_SdkRetriesAndSucceeds()
    {
        await using var endpoint = await ScriptedChatEndpoint.StartAsync(
            ScriptedReply.Error(429, retryAfter: TimeSpan.FromSeconds(1)),
            ScriptedReply.Text("after the wait"));
        var client = OpenAIChatClients.For(endpoint);

        var response = await client.GetResponseAsync("Hi", cancellationToken: Token);

        Assert.Equal("after the wait", response.Text);
        Assert.Equal(2, endpoint.Requests.Count);
    }

    [Theory]
    [InlineData(401)]
    [InlineData(500)]
    [InlineData(503)]
    public async Task GetResponse_ScriptedHttpError_ThrowsWithItsStatus(int status)
    {
        await using var endpoint = await ScriptedChatEndpoint.StartAsync(ScriptedReply.Error(status, "scripted failure"));
        var client = OpenAIChatClients.For(endpoint, maxRetries: 0);

        var error = await Assert.ThrowsAsync<ClientResultException>(() => client.GetResponseAsync("Hi", cancellationToken: Token));

        Assert.Equal(status, error.Status);
        Assert.Contains("scripted failure", error.Message);
    }

    [Fact]
    public async Task GetResponse_WrongApiKey_Throws401WithoutConsumingTheScript()
    {
        await using var endpoint = await ScriptedChatEndpoint.StartAsync(ScriptedReply.Text("only for the right key"));
        endpoint.ExpectedApiKey = "sk-right";
        var client = OpenAIChatClients.For(endpoint, apiKey: "sk-wrong");

        var error = await Assert.ThrowsAsync<ClientResultException>(() => client.GetResponseAsync("Hi", cancellationToken: Token));

        Assert.Equal(401, error.Status);
        Assert.Contains("invalid_api_key", error.Message);
        Assert.Equal(1, endpoint.RemainingReplies);
        var right = await OpenAIChatClients.For(endpoint, apiKey: "sk-right").GetResponseAsync("Hi", cancellationToken: Token);
        Assert.Equal("only for the right key", right.Text);
    }

    [Fact]
    public async Task GetResponse_ScriptExhausted_ThrowsSayingSo()
    {
        await using var endpoint = await ScriptedChatEndpoint.StartAsync(ScriptedReply.Text("the only reply"));
        var client = OpenAIChatClients.For(endpoint, maxRetries: 0);
        await client.GetResponseAsync("Hi", cancellationToken: Token);

        var error = await Assert.ThrowsAsync<ClientResultException>(() => client.GetResponseAsync("Again", cancellationToken: Token));

        Assert.Equal(500, error.Status);
        Assert.Contains("script exhausted after 1 replies", error.Message);
    }

    [Fact]
    public async Task GetResponse_ScriptExhaustedWithDefaultRetries_FailsWithoutWaiting()
    {
        await using var endpoint = await ScriptedChatEndpoint.StartAsync();
        var client = OpenAIChatClients.For(endpoint);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<ClientResultException>(() => client.GetResponseAsync("Hi", cancellationToken: Token));

        Assert.Contains("script exhausted after 0 replies", error.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}: the retries should not back off");
    }

    [Fact]
    public async Task Post_StreamWithIncludeUsage_SendsChunksUsageAndDone()
    {
        await using var endpoint = await ScriptedChatEndpoint.StartAsync(
            ScriptedReply.ToolCall("execute_code", """{"code": "x"}""") with { Content = "Running it." });
        using var http = new HttpClient();
        string body = """{"model":"m","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"Hi"}]}""";

        using var response = await http.PostAsync(new Uri(endpoint.BaseAddress, "chat/completions"), new StringContent(body, Encoding.UTF8, "application/json"), Token);
        string events = await response.Content.ReadAsStringAsync(Token);

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        string[] data = [.. events.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Select(e => e["data: ".Length..])];
        Assert.Equal("[DONE]", data[^1]);
        var chunks = data[..^1].Select(d => JsonDocument.Parse(d).RootElement).ToList();
        Assert.All(chunks, c => Assert.Equal("chat.completion.chunk", c.GetProperty("object").GetString()));
        Assert.Equal("assistant", chunks[0].GetProperty("choices")[0].GetProperty("delta").GetProperty("role").GetString());
        Assert.Equal("tool_calls", chunks[^2].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Equal(0, chunks[^1].GetProperty("choices").GetArrayLength());
        Assert.True(chunks[^1].GetProperty("usage").GetProperty("completion_tokens").GetInt32() > 0);
    }

    [Fact]
    public async Task Post_OtherPath_Answers404SayingWhatIsServed()
    {
        await using var endpoint = await ScriptedChatEndpoint.StartAsync();
        using var http = new HttpClient();

        using var response = await http.PostAsync(new Uri(endpoint.BaseAddress, "responses"), new StringContent("{}"), Token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("only POST /v1/chat/completions", await response.Content.ReadAsStringAsync(Token));
    }

    // A function-invoking client over the endpoint, with an execute_code tool that records its code and prints 1.
    private static (IChatClient Client, AIFunction Tool, List<string> Calls) ClientWithExecuteCode(ScriptedChatEndpoint endpoint)
    {
        List<string> calls = [];
        var tool = AIFunctionFactory.Create(
            (string code) =>
            {
                lock (calls)
                {
                    calls.Add(code);
                }

                return "stdout: 1";
            },
            "execute_code",
            "Runs Python code.");
        var client = new ChatClientBuilder(OpenAIChatClients.For(endpoint, maxRetries: 0)).UseFunctionInvocation().Build();
        return (client, tool, calls);
    }

    // The first request offers the tool; the second carries the assistant's call and the tool's result, matched by id.
    private static void AssertToolRoundTrip(IReadOnlyList<ScriptedRequest> requests, string name, string arguments, string result)
    {
        Assert.Equal(2, requests.Count);
        Assert.Equal([name], requests[0].Tools);
        var assistant = requests[1].Messages.Single(m => m.Role == "assistant");
        var call = Assert.Single(assistant.ToolCalls);
        Assert.Equal(name, call.Name);
        // The adapter sends back the arguments it parsed, re-serialized (indented), not the model's text.
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(arguments), JsonNode.Parse(call.Arguments)), call.Arguments);
        var toolMessage = Assert.Single(requests[1].ToolResults);
        Assert.Equal(call.Id, toolMessage.ToolCallId);
        Assert.Equal(result, toolMessage.Content);
    }
}
