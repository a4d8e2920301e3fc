using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using MleDojo.Core.Competitions;
using MleDojo.Core.Serialization;
using MleDojo.Core.Sessions;

namespace MleDojo.Core.Recording;

/// <summary>
/// Writes recorded episodes as JSONL trajectories for fine-tuning and RL: one line per recorded call, in call
/// order, each line self-contained (episode facts repeated) so lines can be filtered and shuffled freely.
/// </summary>
/// <remarks>
/// A line holds: the session and competition ids, metric and direction; the episode's state, end reason, budget
/// limits, sandbox isolation and final grading; the call's <c>seq</c>, budget <c>step</c>, <c>action</c>,
/// <c>status</c>, <c>arguments</c> and <c>code</c>; the full <c>observation</c> returned to the agent (status,
/// stdout, stderr, submission check, scores, budget); the public and private score and reward; <c>terminated</c>
/// and <c>truncated</c>; the remaining <c>budget</c>; timestamps; and whether the agent had seen public
/// (test-derived) scores by then.
/// </remarks>
public sealed class TrajectoryExporter(SqliteSessionStore store, CompetitionRegistry? registry = null)
{
    private static readonly JsonSerializerOptions LineOptions = new()
    {
        WriteIndented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Writes one session's trajectory and returns the number of lines written.</summary>
    /// <exception cref="KeyNotFoundException">No session with this id is recorded.</exception>
    public async Task<int> ExportSessionAsync(string sessionId, TextWriter writer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var session = await store.GetSessionAsync(sessionId, cancellationToken).ConfigureAwait(false)
            ?? throw new KeyNotFoundException($"No recorded session '{sessionId}'.");
        return await WriteAsync(session, writer, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes every recorded session, oldest first, and returns the sessions and lines written.</summary>
    public async Task<(int Sessions, int Lines)> ExportAllAsync(TextWriter writer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var sessions = await store.ListSessionsAsync(cancellationToken).ConfigureAwait(false);
        var lines = 0;
        foreach (var session in sessions.OrderBy(s => s.CreatedAt).ThenBy(s => s.Id, StringComparer.Ordinal))
        {
            lines += await WriteAsync(session, writer, cancellationToken).ConfigureAwait(false);
        }

        return (sessions.Count, lines);
    }

    private async Task<int> WriteAsync(SessionRecord session, TextWriter writer, CancellationToken cancellationToken)
    {
        var steps = await store.ListStepsAsync(session.Id, cancellationToken).ConfigureAwait(false);
        var spec = registry?.All.FirstOrDefault(c => c.Id == session.CompetitionId);
        var final = Parse(session.FinalJson);
        var sawPublic = false;
        foreach (var step in steps)
        {
            var observation = Parse(step.ResultJson);
            var arguments = Parse(step.ArgumentsJson);
            sawPublic |= step.PublicScore is not null && step.Action == ActionName.ExecuteCode;
            var line = new JsonObject
            {
                ["session_id"] = session.Id,
                ["competition_id"] = session.CompetitionId,
                ["metric"] = spec?.Metric.Name ?? final?["report"]?["metric"]?.DeepClone(),
                ["higher_is_better"] = spec?.Metric.HigherIsBetter ?? !Flag(final?["report"], "is_lower_better"),
                ["seq"] = step.Seq,
                ["step"] = step.Step,
                ["action"] = DojoJson.WireName(step.Action),
                ["status"] = DojoJson.WireName(step.Status),
                ["run_id"] = step.RunId,
                ["created_at"] = step.CreatedAt,
                ["duration_s"] = step.DurationSeconds,
                ["arguments"] = arguments,
                ["code"] = step.Code,
                ["observation"] = observation,
                ["error"] = step.Status == StepStatus.Refused ? arguments?.DeepClone() : null,
                ["public_score"] = step.PublicScore,
                ["private_score"] = step.PrivateScore,
                ["reward"] = step.Reward,
                ["terminated"] = Flag(observation, "terminated") ?? false,
                ["truncated"] = Flag(observation, "truncated") ?? step.Action == ActionName.Truncate,
                ["budget"] = observation?["budget"]?.DeepClone(),
                ["saw_public_scores"] = sawPublic,
                ["episode"] = new JsonObject
                {
                    ["state"] = DojoJson.WireName(session.State),
                    ["end_reason"] = session.EndReason,
                    ["created_at"] = session.CreatedAt,
                    ["ended_at"] = session.EndedAt,
                    ["previous_session_id"] = session.PreviousSessionId,
                    ["labels"] = JsonSerializer.SerializeToNode(session.Labels, DojoJsonContext.Default.SessionLabels),
                    ["budget_limits"] = Parse(session.BudgetJson),
                    ["sandbox"] = session.Sandbox,
                    ["isolation"] = session.Isolation,
                    ["isolated"] = session.Isolated,
                    ["saw_public_scores"] = session.SawPublicScores,
                    ["steps_recorded"] = steps.Count,
                    ["final"] = final is null ? null : new JsonObject
                    {
                        ["step"] = final["step"]?.DeepClone(),
                        ["private_score"] = final["private_score"]?.DeepClone(),
                        ["public_score"] = final["public_score"]?.DeepClone(),
                        ["normalized_score"] = final["normalized_score"]?.DeepClone(),
                        ["position_score"] = final["position_score"]?.DeepClone(),
                        ["medal"] = final["medal"]?.DeepClone(),
                        ["automatic"] = final["automatic"]?.DeepClone(),
                    },
                },
            };
            await writer.WriteLineAsync(line.ToJsonString(LineOptions).AsMemory(), cancellationToken).ConfigureAwait(false);
        }

        return steps.Count;
    }

    private static JsonNode? Parse(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            // A damaged record stays in the export as text rather than stopping it.
            return JsonValue.Create(json);
        }
    }

    private static bool? Flag(JsonNode? node, string name) =>
        node is JsonObject o && o[name] is JsonValue v && v.TryGetValue<bool>(out var b) ? b : null;
}
