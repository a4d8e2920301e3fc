using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace MleDojo.Samples.ScriptedAgent;

/// <summary>
/// Plays one episode the way an agent would, but from a fixed script: every call goes over MCP (stdio) to a
/// real <c>mledojo serve</c> process, and everything printed is read from the tools' structured content.
/// </summary>
internal sealed class EpisodeRunner(AgentOptions options, TextWriter output)
{
    private static readonly string[] ScoringScripts = ["01_gender_rule.py", "02_logistic_regression.py", "03_gradient_boosting.py"];
    private const string ExploreScript = "00_explore.py";

    private readonly ConcurrentQueue<string> _serverLog = new();
    private readonly ScoreCard _card = new();

    /// <summary>The newest lines the server wrote to stderr (its log), for failure reports.</summary>
    public IReadOnlyList<string> ServerLogTail => [.. _serverLog];

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var scripts = LoadScripts();
        await using var client = await ConnectAsync(cancellationToken).ConfigureAwait(false);

        Section("Server");
        output.WriteLine($"  {client.ServerInfo?.Name ?? "(unnamed server)"} {client.ServerInfo?.Version}, protocol {client.NegotiatedProtocolVersion}, over stdio: {options.Server} {string.Join(' ', ServeArguments)}");
        var tools = await client.ListToolsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        output.WriteLine($"  {tools.Count} tools: {string.Join(", ", tools.Select(t => t.Name).Order(StringComparer.Ordinal))}");

        Section("list_competitions");
        var catalog = await CallAsync(client, "list_competitions", [], cancellationToken).ConfigureAwait(false);
        foreach (var competition in catalog.Get("competitions")?.EnumerateArray() ?? [])
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {competition.Str("id"),-20} {competition.Str("metric"),-22} {(competition.Flag("higher_is_better") ? "higher" : "lower"),-6} {competition.Num("rows"),6} rows  {competition.Str("title")}"));
        }

        Section($"start_session({options.Competition})");
        var started = await CallAsync(client, "start_session", new() { ["competition_id"] = options.Competition }, cancellationToken).ConfigureAwait(false);
        var sessionId = started.Need("session_id", "start_session");
        var budget = started.Get("budget") ?? default;
        output.WriteLine($"  session {sessionId}: {started.Str("title")}, metric {started.Str("metric")} ({(started.Flag("higher_is_better") ? "higher" : "lower")} is better)");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  budget: {budget.Num("max_steps")} steps, {budget.Num("run_timeout_s")} s per run, {budget.Num("episode_timeout_s")} s per episode, {budget.Num("memory_mb")} MB, {budget.Num("cpus")} CPUs, {budget.Num("submissions_remaining")} final submission(s)"));
        output.WriteLine($"  sandbox: {started.Str("sandbox")}");
        output.WriteLine($"  workspace: {started.Get("workspace")?.Str("root")} (input: {string.Join(", ", started.Get("workspace")?.Get("input_files")?.EnumerateArray().Select(f => f.GetString()) ?? [])})");

        foreach (var infoType in new[] { "overview", "data_structure", "metric" })
        {
            Section($"request_info({infoType})");
            var info = await CallAsync(client, "request_info", new() { ["session_id"] = sessionId, ["info_type"] = infoType }, cancellationToken).ConfigureAwait(false);
            var content = info.Need("content", "request_info");
            foreach (var line in content.Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0).Take(6))
            {
                output.WriteLine($"  | {Json.Shorten(line, 110)}");
            }

            output.WriteLine($"  ({content.Length:N0} characters)");
        }

        Section($"validate_code({ExploreScript})");
        var explored = await RunScriptAsync(client, "validate_code", sessionId, ExploreScript, scripts[ExploreScript], cancellationToken).ConfigureAwait(false);
        foreach (var line in Json.Tail(explored.Str("stdout"), 4))
        {
            output.WriteLine($"  | {Json.Shorten(line, 110)}");
        }

        foreach (var script in ScoringScripts)
        {
            Section($"execute_code({script})");
            var run = await RunScriptAsync(client, "execute_code", sessionId, script, scripts[script], cancellationToken).ConfigureAwait(false);
            if (run.Num("public_score") is null)
            {
                var errors = run.Get("submission")?.Get("errors")?.EnumerateArray().Select(e => e.Str("message")) ?? [];
                throw new AgentFailure($"{script} produced no public score. Submission: {run.Get("submission")?.GetRawText() ?? "none"}. {string.Join(" ", errors)}");
            }
        }

        Section("Score card");
        output.WriteLine(_card.ToString());

        Section("submit (default: best public score)");
        var submitted = await CallAsync(client, "submit", new() { ["session_id"] = sessionId }, cancellationToken).ConfigureAwait(false);
        var report = submitted.Get("report") ?? default;
        output.WriteLine($"  graded step {submitted.Num("step")}: private {Json.Score(submitted.Num("private_score"))}, public {Json.Score(submitted.Num("public_score"))}");
        output.WriteLine($"  normalised score {Json.Score(submitted.Num("normalized_score"))} (baseline {Json.Score(report.Num("baseline_score"))} -> 0, reference {Json.Score(report.Num("reference_score"))} -> 1)");
        if (submitted.Num("position_score") is { } position)
        {
            output.WriteLine($"  leaderboard position score {Json.Score(position)}, medal {submitted.Str("medal") ?? "none"}");
        }

        output.WriteLine($"  terminated {(submitted.Flag("terminated") ? "yes" : "no")}, saw public scores {(submitted.Flag("saw_public_scores") ? "yes" : "no")}");
        if (!submitted.Flag("terminated"))
        {
            throw new AgentFailure("submit did not end the episode (terminated=false) although one final submission is the default.");
        }

        Section("get_history");
        var history = await CallAsync(client, "get_history", new() { ["session_id"] = sessionId }, cancellationToken).ConfigureAwait(false);
        foreach (var step in history.Get("steps")?.EnumerateArray() ?? [])
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  #{step.Num("seq"),-3} {step.Str("action"),-14} {step.Str("status"),-10} step {step.Num("step")?.ToString(CultureInfo.InvariantCulture) ?? "-",-3} public {Json.Score(step.Num("public_score")),-7} private {Json.Score(step.Num("private_score")),-7} {Json.Seconds(step.Num("duration_s"))}"));
        }

        Section("end_session");
        var ended = await CallAsync(client, "end_session", new() { ["session_id"] = sessionId }, cancellationToken).ConfigureAwait(false);
        output.WriteLine($"  state {ended.Str("state")} ({ended.Str("end_reason")}), {ended.Num("steps_used")} steps used");

        var final = ended.Get("final") ?? submitted;
        Section("Result");
        output.WriteLine($"  {options.Competition}: private {started.Str("metric")} {Json.Score(final.Num("private_score"))} (step {final.Num("step")}), normalised score {Json.Score(final.Num("normalized_score"))}, best public {Json.Score(ended.Num("best_public_score"))}");
        return 0;
    }

    private IReadOnlyList<string> ServeArguments => ["serve", .. options.ServeArguments];

    private Dictionary<string, string> LoadScripts()
    {
        var scripts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in ScoringScripts.Prepend(ExploreScript))
        {
            var path = Path.Combine(options.Samples, name);
            if (!File.Exists(path))
            {
                throw new AgentFailure($"Sample script {path} is missing; pass --samples <dir> with {ExploreScript} and {string.Join(", ", ScoringScripts)}.");
            }

            scripts[name] = File.ReadAllText(path);
        }

        return scripts;
    }

    private async Task<McpClient> ConnectAsync(CancellationToken cancellationToken)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            // The server reads MleDojo:* settings from the environment too; progress every second shows in a short demo.
            ["MleDojo__Sessions__ProgressIntervalSeconds"] = options.ProgressIntervalSeconds.ToString(CultureInfo.InvariantCulture),
        };
        if (options.Home is not null)
        {
            environment["MLEDOJO_HOME"] = options.Home;
        }

        // The transport inherits this process's environment, so MLEDOJO_HOME passes through unless --home overrides it.
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "mledojo",
            Command = options.Server,
            Arguments = [.. ServeArguments],
            EnvironmentVariables = environment,
            StandardErrorLines = OnServerLog,
            ShutdownTimeout = TimeSpan.FromSeconds(10),
        });
        try
        {
            return await McpClient.CreateAsync(transport, new McpClientOptions
            {
                ClientInfo = new Implementation { Name = "mledojo-scripted-agent", Version = "1.0.0" },
            }, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new AgentFailure($"The server did not start or did not answer the MCP handshake: {ex.Message.Trim()}");
        }
    }

    private void OnServerLog(string line)
    {
        _serverLog.Enqueue(line);
        while (_serverLog.Count > 40 && _serverLog.TryDequeue(out _))
        {
        }

        if (options.Verbose)
        {
            Console.Error.WriteLine($"  [server] {line}");
        }
    }

    /// <summary>validate_code or execute_code, following a run that outlives the call with get_run, and adding it to the score card.</summary>
    private async Task<JsonElement> RunScriptAsync(McpClient client, string tool, string sessionId, string script, string code, CancellationToken cancellationToken)
    {
        var run = await CallAsync(client, tool, new() { ["session_id"] = sessionId, ["code"] = code }, cancellationToken).ConfigureAwait(false);
        while (run.Str("status") == "running")
        {
            var runId = run.Need("run_id", tool);
            output.WriteLine($"  {runId} still running after {Json.Seconds(run.Num("duration_s"))}; waiting with get_run");
            run = await CallAsync(client, "get_run", new() { ["session_id"] = sessionId, ["run_id"] = runId, ["wait_s"] = 45 }, cancellationToken).ConfigureAwait(false);
        }

        output.WriteLine($"  => {_card.Add(script, run)}");
        if (run.Str("status") != "succeeded")
        {
            var stderr = string.Join("\n    ", Json.Tail(run.Str("stderr"), 8));
            throw new AgentFailure($"{tool}({script}) ended with status {run.Str("status")} (exit code {run.Num("exit_code")?.ToString(CultureInfo.InvariantCulture) ?? "none"}). {run.Str("note")}\n    {stderr}");
        }

        if (run.Flag("terminated") || run.Flag("truncated"))
        {
            throw new AgentFailure($"The episode ended early after {script}: {run.Str("note")}");
        }

        return run;
    }

    /// <summary>Calls a tool, showing its progress notifications, and returns its structured content; a tool error is a failure.</summary>
    private async Task<JsonElement> CallAsync(McpClient client, string tool, Dictionary<string, object?> arguments, CancellationToken cancellationToken)
    {
        var result = await client.CallToolAsync(tool, arguments, new ProgressPrinter(output), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (result.IsError == true)
        {
            throw new AgentFailure($"{tool} returned an error: {TextOf(result)}");
        }

        if (result.StructuredContent is not { ValueKind: JsonValueKind.Object } content)
        {
            throw new AgentFailure($"{tool} returned no structured content (text: {Json.Shorten(TextOf(result), 300)}).");
        }

        return content;
    }

    private static string TextOf(CallToolResult result) =>
        string.Join(" ", result.Content.OfType<TextContentBlock>().Select(b => b.Text));

    private void Section(string title) => output.WriteLine($"\n== {title}");

    /// <summary>Prints each progress notification as it arrives (synchronously: Progress&lt;T&gt; would post to the thread pool and reorder them).</summary>
    private sealed class ProgressPrinter(TextWriter output) : IProgress<ProgressNotificationValue>
    {
        public void Report(ProgressNotificationValue value) =>
            output.WriteLine($"  .. progress {value.Progress.ToString("0", CultureInfo.InvariantCulture)}: {Json.Shorten(value.Message ?? "", 120)}");
    }
}
