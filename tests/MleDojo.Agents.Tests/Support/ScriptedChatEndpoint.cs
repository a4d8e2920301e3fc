using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace MleDojo.Agents.Tests.Support;

/// <summary>
/// A stand-in for an OpenAI-compatible model server, on loopback: <c>POST /v1/chat/completions</c> answers each request
/// with the next <see cref="ScriptedReply"/> of a script, as a whole completion or as a server-sent event stream, and
/// records every request. Tests put the real OpenAI SDK and Microsoft.Extensions.AI in front of it, so everything
/// between the agent and the wire is the production code; only the model is scripted.
/// </summary>
/// <remarks>
/// An exhausted script answers 500 "script exhausted after N replies" (with <c>Retry-After: 0</c>, so a client that
/// retries fails at once too): a test that asks the model more than it planned fails loudly instead of hanging.
/// Any other path answers 404, so a client using another API (e.g. <c>/v1/responses</c>) is told so.
/// </remarks>
public sealed class ScriptedChatEndpoint : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly Queue<ScriptedReply> _script;
    private readonly List<ScriptedRequest> _requests = [];
    private readonly WebApplication _app;
    private int _served;

    private ScriptedChatEndpoint(IEnumerable<ScriptedReply> script, WebApplication app)
    {
        _script = new Queue<ScriptedReply>(script);
        _app = app;
        _app.MapPost("/v1/chat/completions", HandleAsync);
        _app.MapFallback(context => WriteErrorAsync(context, new ScriptedError(
            404, $"The scripted endpoint answers only POST /v1/chat/completions, not {context.Request.Method} {context.Request.Path}.", "invalid_request_error", "unknown_url")));
    }

    /// <summary>The base address to give an OpenAI client, e.g. <c>http://127.0.0.1:PORT/v1/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>
    /// When set, a request whose <c>Authorization</c> is not <c>Bearer</c> this key gets 401 with an OpenAI error body
    /// (and consumes no reply). Set it before the client sends.
    /// </summary>
    public string? ExpectedApiKey { get; set; }

    /// <summary>Every request received, in arrival order, including refused ones (a snapshot).</summary>
    public IReadOnlyList<ScriptedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>How many replies of the script are still to be consumed.</summary>
    public int RemainingReplies
    {
        get
        {
            lock (_gate)
            {
                return _script.Count;
            }
        }
    }

    /// <summary>Starts an endpoint on a free loopback port with the script's replies queued.</summary>
    public static async Task<ScriptedChatEndpoint> StartAsync(params IEnumerable<ScriptedReply> script)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var endpoint = new ScriptedChatEndpoint(script, builder.Build());
        await endpoint._app.StartAsync();
        // The port is known only once Kestrel has bound it.
        endpoint.BaseAddress = new Uri(new Uri(endpoint._app.Urls.Single()), "/v1/");
        return endpoint;
    }

    /// <summary>Appends replies to the script, e.g. for the next turn of a test that goes step by step.</summary>
    public void Enqueue(params IEnumerable<ScriptedReply> replies)
    {
        lock (_gate)
        {
            foreach (var reply in replies)
            {
                _script.Enqueue(reply);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        string body = await reader.ReadToEndAsync(context.RequestAborted);
        ScriptedRequest request;
        try
        {
            request = ScriptedRequest.Parse(body, context.Request.Headers.Authorization.FirstOrDefault());
        }
        catch (JsonException e)
        {
            await WriteErrorAsync(context, new ScriptedError(400, $"The request body is not valid JSON: {e.Message}", "invalid_request_error"));
            return;
        }

        var (reply, number) = Take(request);
        try
        {
            // Computed outside the lock: the function may look at Requests or enqueue more replies.
            while (reply.Compute is { } compute)
            {
                reply = compute(request);
            }
        }
        catch (Exception e)
        {
            await WriteErrorAsync(context, new ScriptedError(500, $"ScriptedChatEndpoint: the reply computed for request {number} threw {e.GetType().Name}: {e.Message}", "server_error", "script_failed"));
            return;
        }

        if (reply.HttpError is { } error)
        {
            await WriteErrorAsync(context, error);
            return;
        }

        string id = $"chatcmpl-scripted-{number}";
        string model = request.Model ?? "scripted-model";
        // Ids like OpenAI's, unique in the endpoint's life, so a test can match a tool result to its call.
        IReadOnlyList<ScriptedToolCall> calls = [.. reply.Calls.Select((c, i) => c with { Id = c.Id ?? $"call_{number}_{i}" })];
        var usage = reply.Usage ?? ScriptedUsage.Estimate(request, reply);
        if (request.Stream)
        {
            await WriteStreamAsync(context, ChatCompletionJson.Chunks(id, model, reply, calls, request.IncludeUsage ? usage : null));
        }
        else
        {
            await WriteJsonAsync(context, 200, ChatCompletionJson.Completion(id, model, reply, calls, usage));
        }
    }

    // Records the request and takes the reply to it with its 1-based number: the next one of the script, or the error
    // for a wrong key (consuming nothing) or an exhausted script.
    private (ScriptedReply Reply, int Number) Take(ScriptedRequest request)
    {
        lock (_gate)
        {
            _requests.Add(request);
            if (ExpectedApiKey is { } key && request.Authorization != $"Bearer {key}")
            {
                return (ScriptedReply.Error(401, "Incorrect API key provided: the scripted endpoint expects another key."), 0);
            }

            if (!_script.TryDequeue(out var reply))
            {
                return (ScriptedReply.Error(new ScriptedError(
                    500,
                    $"ScriptedChatEndpoint: script exhausted after {_served} replies; the client asked for one more.",
                    "server_error",
                    "script_exhausted",
                    RetryAfter: TimeSpan.Zero)), 0);
            }

            _served++;
            return (reply, _served);
        }
    }

    private static async Task WriteStreamAsync(HttpContext context, IEnumerable<JsonObject> chunks)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        foreach (var chunk in chunks)
        {
            await context.Response.WriteAsync($"data: {chunk.ToJsonString()}\n\n", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
        }

        await context.Response.WriteAsync("data: [DONE]\n\n", context.RequestAborted);
    }

    private static Task WriteErrorAsync(HttpContext context, ScriptedError error)
    {
        if (error.RetryAfter is { } retryAfter)
        {
            // Whole seconds: the form of Retry-After that clients read.
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        return WriteJsonAsync(context, error.Status, ChatCompletionJson.ErrorBody(error));
    }

    private static async Task WriteJsonAsync(HttpContext context, int status, JsonObject body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }
}
