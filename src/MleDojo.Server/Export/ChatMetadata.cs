using System.Text.Json;
using System.Text.Json.Nodes;
using MleDojo.Core.Recording;
using MleDojo.Core.Serialization;
using MleDojo.Core.Sessions;

namespace MleDojo.Server.Export;

/// <summary>What an RL trainer needs beside the conversation: who played, how the episode ended, and every step's reward.</summary>
internal static class ChatMetadata
{
    private static readonly JsonSerializerOptions Contract = new() { TypeInfoResolver = DojoJson.TypeInfoResolver };

    public static JsonObject Of(SessionRecord session, IReadOnlyList<StepRecord> steps, bool reconstructed)
    {
        var final = ChatMessages.Parse(session.FinalJson);
        return new JsonObject
        {
            ["session_id"] = session.Id,
            ["competition_id"] = session.CompetitionId,
            ["labels"] = JsonSerializer.SerializeToNode(session.Labels, Contract),
            ["reconstructed"] = reconstructed,
            ["state"] = DojoJson.WireName(session.State),
            ["terminated"] = session.State == EpisodeState.Terminated,
            ["truncated"] = session.State == EpisodeState.Truncated,
            ["end_reason"] = session.EndReason,
            ["saw_public_scores"] = session.SawPublicScores,
            ["private_score"] = final?["private_score"]?.DeepClone(),
            ["normalized_score"] = final?["normalized_score"]?.DeepClone(),
            ["steps"] = new JsonArray([.. steps.Select(s => (JsonNode)new JsonObject
            {
                ["seq"] = s.Seq,
                ["tool_call_id"] = reconstructed && s.Action is not (ActionName.Truncate or ActionName.Resume) ? $"call_{s.Seq}" : null,
                ["action"] = DojoJson.WireName(s.Action),
                ["status"] = DojoJson.WireName(s.Status),
                ["step"] = s.Step,
                ["public_score"] = s.PublicScore,
                ["private_score"] = s.PrivateScore,
                ["reward"] = s.Reward,
            })]),
        };
    }
}
