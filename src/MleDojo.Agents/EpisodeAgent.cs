using System.ClientModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Microsoft.Extensions.AI;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace MleDojo.Agents;

/// <summary>
/// An LLM agent that plays one episode against any MleDojo server, over MCP only: it starts a session, takes its
/// system prompt from the server's <c>solve_competition</c> prompt, hands the model the server's tools (with the
/// session id filled in) through <see cref="FunctionInvokingChatClient"/>, and loops until the episode ends, a budget
/// of the agent is spent, the model stops calling tools, or the call is cancelled. On the way out it always submits its
/// best step or ends the session, so no episode is left open.
/// </summary>
public sealed class EpisodeAgent
{
    private const string Nudge = "Continue: use the tools to improve your solution, or call submit when you are done.";

    private readonly TimeProvider _time;

    /// <summary>Creates the agent.</summary>
    /// <param name="timeProvider">The clock for the transcript's timings. The default is the system clock.</param>
    public EpisodeAgent(TimeProvider? timeProvider = null) => _time = timeProvider ?? TimeProvider.System;

    /// <summary>Plays one episode.</summary>
    /// <param name="server">A connected MCP client of an MleDojo server.</param>
    /// <param name="model">The model. Function invocation is added here; pass the bare client.</param>
    /// <param name="options">The competition, labels, budgets and context policy.</param>
    /// <param name="cancellationToken">Cancels the episode: the session is still ended, and the cancellation rethrown.</param>
    /// <returns>The score card. When the model's endpoint refused the agent for good (credentials, unknown model), the
    /// episode is still closed and <see cref="AgentEpisodeResult.Error"/> says why.</returns>
    /// <exception cref="AgentException">The session could not be started.</exception>
    public Task<AgentEpisodeResult> PlayAsync(McpClient server, IChatClient model, AgentOptions options, CancellationToken cancellationToken = default) =>
        PlayAsync(server, model, options, progress: null, cancellationToken);

    /// <summary>Plays one episode, reporting where it stands after every tool result.</summary>
    /// <param name="server">A connected MCP client of an MleDojo server.</param>
    /// <param name="model">The model. Function invocation is added here; pass the bare client.</param>
    /// <param name="options">The competition, labels, budgets and context policy.</param>
    /// <param name="progress">Told the steps, best public score and model calls after every tool result.</param>
    /// <param name="cancellationToken">Cancels the episode: the session is still ended, and the cancellation rethrown.</param>
    /// <returns>The score card, as <see cref="PlayAsync(McpClient, IChatClient, AgentOptions, CancellationToken)"/>'s.</returns>
    public async Task<AgentEpisodeResult> PlayAsync(McpClient server, IChatClient model, AgentOptions options, IProgress<AgentProgress>? progress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        Validator.ValidateObject(options, new ValidationContext(options), validateAllProperties: true);

        var agentName = options.AgentName ?? model.GetService<ChatClientMetadata>()?.DefaultModelId ?? "unnamed-agent";
        var started = await CallAsync(server, "start_session", new()
        {
            ["competition_id"] = options.CompetitionId,
            ["agent"] = agentName,
            ["experiment"] = options.Experiment,
            ["seed"] = options.Seed,
            ["max_steps"] = options.MaxSteps,
            ["run_timeout_s"] = options.RunTimeoutSeconds,
            ["episode_timeout_s"] = options.EpisodeTimeoutSeconds,
        }, cancellationToken).ConfigureAwait(false);
        if (started.IsError is true || started.StructuredContent is not { } session)
        {
            throw new AgentException($"start_session failed: {TextOf(started)}");
        }

        var meter = new UsageMeter(options);
        var observer = new EpisodeObserver(
            session.GetProperty("session_id").GetString()!,
            progress is null ? null : o => progress.Report(new AgentProgress(o.SessionId, o.StepsUsed, o.BestPublicScore, meter.Calls)));
        var transcript = new AgentTranscript();
        string stoppedBecause;
        string? error = null;
        try
        {
            stoppedBecause = await AllocationQueue.WaitAsync(server, observer.SessionId, session, options, _time, cancellationToken).ConfigureAwait(false) is { } active
                ? await LoopAsync(server, model, options, observer, meter, transcript, active, cancellationToken).ConfigureAwait(false)
                : "queued";
        }
        catch (ClientResultException ex) when (ex.Status is 401 or 403 or 404)
        {
            stoppedBecause = "error";
            error = ex.Status == 404
                ? $"The model endpoint does not know the model or the path (404): {ex.Message}"
                : $"The model endpoint refused the credentials ({ex.Status}): {ex.Message} Check the API key.";
        }
        finally
        {
            // Whatever happened, the episode does not stay open; the cleanup is not the caller's to cancel.
            await CloseAsync(server, observer, CancellationToken.None).ConfigureAwait(false);
        }

        var final = observer.Final;
        var result = new AgentEpisodeResult
        {
            SessionId = observer.SessionId,
            CompetitionId = options.CompetitionId,
            Agent = agentName,
            State = observer.State,
            StoppedBecause = stoppedBecause,
            PrivateScore = Number(final, "private_score"),
            PublicScore = Number(final, "public_score"),
            NormalizedScore = Number(final, "normalized_score"),
            Medal = final is { } f && f.TryGetProperty("medal", out var medal) && medal.ValueKind == JsonValueKind.String ? medal.GetString() : null,
            BestPublicScore = observer.BestPublicScore,
            Steps = observer.StepsUsed,
            Turns = meter.Calls,
            TokensIn = meter.InputTokens,
            TokensOut = meter.OutputTokens,
            Cost = meter.Cost,
            Error = error,
            Transcript = transcript,
        };
        return result;
    }

    private async Task<string> LoopAsync(McpClient server, IChatClient model, AgentOptions options, EpisodeObserver observer, UsageMeter meter, AgentTranscript transcript, JsonElement session, CancellationToken cancellationToken)
    {
        var prompt = await server.GetPromptAsync("solve_competition", new Dictionary<string, object?> { ["competition_id"] = options.CompetitionId }, cancellationToken: cancellationToken).ConfigureAwait(false);
        var system = string.Join("\n", prompt.Messages.Select(m => m.Content).OfType<TextContentBlock>().Select(b => b.Text));
        var tools = (await server.ListToolsAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
            .Where(t => AgentTools.IsOffered(t.Name))
            .Select(t => (AITool)new EpisodeTool(t, server, observer, options))
            .ToList();
        // Not disposed: disposing the pipeline would dispose the caller's model client, which may play more episodes.
        var chat = new ChatClientBuilder(model)
            .UseFunctionInvocation(configure: f =>
            {
                f.MaximumIterationsPerRequest = options.MaxTurns;
                f.IncludeDetailedErrors = true;
            })
            .Use(inner => new EpisodeChatClient(inner, new ContextPolicy(options, observer), meter, transcript, _time))
            .Build();
        var chatOptions = new ChatOptions { Tools = tools, Temperature = options.Temperature };
        List<ChatMessage> messages =
        [
            new(ChatRole.System, system),
            new(ChatRole.User, $"Your session is started; the tools fill in its id ({observer.SessionId}) for you. What start_session returned:\n{EpisodeTool.ForModel(new CallToolResult { StructuredContent = session }, options.MaxToolOutputChars)}"),
        ];

        try
        {
            return await ConverseAsync(chat, messages, chatOptions, observer, meter, options, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            transcript.RecordTail(messages, _time.GetUtcNow());
        }
    }

    private static async Task<string> ConverseAsync(IChatClient chat, List<ChatMessage> messages, ChatOptions chatOptions, EpisodeObserver observer, UsageMeter meter, AgentOptions options, CancellationToken cancellationToken)
    {
        var idle = 0;
        while (true)
        {
            var response = await chat.GetResponseAsync(messages, chatOptions, cancellationToken).ConfigureAwait(false);
            messages.AddRange(response.Messages);
            if (observer.Ended)
            {
                return "episode_ended";
            }

            if (meter.Exhausted is { } spent)
            {
                return spent;
            }

            // The loop hands back every message of its iterations; only how it ended says whether the model is still working.
            if (response.Messages.LastOrDefault() is not { } last || last.Role == ChatRole.Tool || last.Contents.OfType<FunctionCallContent>().Any())
            {
                idle = 0;
                continue;
            }

            if (++idle >= options.MaxIdleReplies)
            {
                return "idle";
            }

            messages.Add(new ChatMessage(ChatRole.User, Nudge));
        }
    }

    /// <summary>Submits the best step if the episode is still open, then ends the session if it still is.</summary>
    private static async Task CloseAsync(McpClient server, EpisodeObserver observer, CancellationToken cancellationToken)
    {
        var id = new Dictionary<string, object?> { ["session_id"] = observer.SessionId };
        if (!observer.Ended && observer.BestPublicScore is not null)
        {
            observer.ObserveOwn("submit", await CallAsync(server, "submit", id, cancellationToken).ConfigureAwait(false));
        }

        // end_session grades the best step when nothing was submitted, and answers with the final record either way.
        observer.ObserveOwn("end_session", await CallAsync(server, "end_session", id, cancellationToken).ConfigureAwait(false));
    }

    private static Task<CallToolResult> CallAsync(McpClient server, string tool, Dictionary<string, object?> arguments, CancellationToken cancellationToken) =>
        server.CallToolAsync(tool, arguments.Where(a => a.Value is not null).ToDictionary(), cancellationToken: cancellationToken).AsTask();

    private static string TextOf(CallToolResult result) => string.Join("\n", result.Content.OfType<TextContentBlock>().Select(b => b.Text));

    private static double? Number(JsonElement? element, string name) =>
        element is { ValueKind: JsonValueKind.Object } e && e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;
}
