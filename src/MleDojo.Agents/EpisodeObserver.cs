using System.Globalization;
using System.Text.Json;
using ModelContextProtocol.Protocol;

namespace MleDojo.Agents;

/// <summary>
/// What the agent knows of its episode, read from the results the server gave: whether it has ended, the best
/// public score, the final grading, and a one-line summary of every tool call, which the context policy shows in
/// place of an old result.
/// </summary>
internal sealed class EpisodeObserver(string sessionId, Action<EpisodeObserver>? changed = null)
{
    private readonly Dictionary<string, string> _summaries = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public string SessionId { get; } = sessionId;

    /// <summary>The episode is over (terminated, truncated or closed): nothing more can change it.</summary>
    public bool Ended { get; private set; }

    public string? State { get; private set; }

    public double? BestPublicScore { get; private set; }

    public int StepsUsed { get; private set; }

    /// <summary>The final grading (a submit result), once one exists.</summary>
    public JsonElement? Final { get; private set; }

    /// <summary>Reads what a tool call returned, under the model's call id.</summary>
    public void Observe(string callId, string tool, CallToolResult result)
    {
        lock (_gate)
        {
            var summary = result.IsError is true ? ErrorSummary(tool, result) : Summary(tool, result.StructuredContent);
            _summaries[callId] = summary;
        }

        changed?.Invoke(this);
    }

    /// <summary>The one-line summary of a call, or null when the call is unknown.</summary>
    public string? SummaryOf(string callId)
    {
        lock (_gate)
        {
            return _summaries.TryGetValue(callId, out var summary) ? summary : null;
        }
    }

    /// <summary>Reads the result of a call the agent made itself (start, submit and end on the way out).</summary>
    public void ObserveOwn(string tool, CallToolResult result) => Observe($"agent:{tool}:{Guid.NewGuid():N}", tool, result);

    private string ErrorSummary(string tool, CallToolResult result)
    {
        var text = string.Join(" ", result.Content.OfType<TextContentBlock>().Select(b => b.Text));
        if (text.StartsWith("[episode_over]", StringComparison.Ordinal))
        {
            Ended = true;
        }

        return $"{tool} error: {(text.Length > 160 ? text[..160] + "..." : text)}";
    }

    private string Summary(string tool, JsonElement? structured)
    {
        if (structured is not { ValueKind: JsonValueKind.Object } result)
        {
            return $"{tool} ok";
        }

        if (result.TryGetProperty("budget", out var budget) && budget.TryGetProperty("steps_used", out var used) && used.TryGetInt32(out var steps))
        {
            StepsUsed = Math.Max(StepsUsed, steps);
        }

        if (Number(result, "best_public_score") is { } best)
        {
            BestPublicScore = best;
        }

        if (tool == "submit")
        {
            Final = result.Clone();
        }
        else if (result.TryGetProperty("final", out var final) && final.ValueKind == JsonValueKind.Object)
        {
            Final = final.Clone();
        }

        if (Flag(result, "terminated") || Flag(result, "truncated"))
        {
            Ended = true;
        }

        if (result.TryGetProperty("state", out var state) && state.GetString() is { } name)
        {
            State = name;
            Ended |= name != "active";
        }

        return tool switch
        {
            "execute_code" or "validate_code" or "get_run" or "cancel_run" => RunSummary(result),
            "submit" => SubmitSummary(result),
            "request_info" => $"request_info {Text(result, "info_type")}: {Text(result, "content").Length:N0} characters (shown earlier)",
            "read_file" => $"read_file {Text(result, "path")} from byte {Number(result, "offset"):0}",
            "list_files" => $"list_files {Text(result, "path")}",
            "write_file" => $"write_file {Text(result, "path")} ({Number(result, "bytes"):0} bytes)",
            "get_history" => $"get_history: {(result.TryGetProperty("steps", out var s) ? s.GetArrayLength() : 0)} calls",
            "end_session" => $"end_session: episode {State}",
            _ => $"{tool} ok",
        };
    }

    private static string RunSummary(JsonElement run)
    {
        var line = $"step {Number(run, "step"):0} {Text(run, "action")} {Text(run, "status")}";
        if (Number(run, "public_score") is { } score)
        {
            line += string.Create(CultureInfo.InvariantCulture, $", public {score:G4} (best {Number(run, "best_public_score"):G4})");
        }
        else if (run.TryGetProperty("submission", out var submission) && submission.ValueKind == JsonValueKind.Object && Flag(submission, "found") && !Flag(submission, "valid"))
        {
            line += ", submission invalid";
        }

        return Flag(run, "truncated") ? line + ", episode truncated" : line;
    }

    private static string SubmitSummary(JsonElement submit) =>
        string.Create(CultureInfo.InvariantCulture, $"submit step {Number(submit, "step"):0}: private {Number(submit, "private_score"):G4}{(Flag(submit, "terminated") ? ", episode terminated" : "")}");

    private static string Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";

    private static double? Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    private static bool Flag(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;
}
