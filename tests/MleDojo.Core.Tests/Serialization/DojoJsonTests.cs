using System.Text.Json;
using MleDojo.Core.Grading;
using MleDojo.Core.Serialization;
using MleDojo.Core.Sessions;
using MleDojo.Core.Tests.Recording;

namespace MleDojo.Core.Tests.Serialization;

/// <summary>
/// The wire values did not change when the enums became types: every enum's JSON string is pinned here, and the
/// records a server wrote before read back and write again byte for byte.
/// </summary>
public sealed class DojoJsonTests
{
    [Fact]
    public void WireName_OfEveryEpisodeState_IsPinned() =>
        AssertWireNames(["active", "terminated", "truncated", "closed", "queued"], Enum.GetValues<EpisodeState>());

    [Fact]
    public void WireName_OfEveryRunStatus_IsPinned() =>
        AssertWireNames(["running", "succeeded", "failed", "timed_out", "cancelled", "output_limit_exceeded", "interrupted"], Enum.GetValues<RunStatus>());

    [Fact]
    public void WireName_OfEveryStepStatus_IsPinned() =>
        AssertWireNames(["running", "succeeded", "failed", "timed_out", "cancelled", "output_limit_exceeded", "interrupted", "ok", "refused"], Enum.GetValues<StepStatus>());

    [Fact]
    public void WireName_OfEveryActionName_IsPinned() =>
        AssertWireNames(
            ["start_session", "request_info", "validate_code", "execute_code", "write_file", "submit", "end_session", "truncate", "resume"],
            Enum.GetValues<ActionName>());

    [Fact]
    public void StepStatusOf_EveryRunStatus_HasTheSameWireName() =>
        Assert.All(Enum.GetValues<RunStatus>(), s => Assert.Equal(DojoJson.WireName(s), DojoJson.WireName(StepStatuses.Of(s))));

    [Fact]
    public void ParseWireName_OfACSharpNameOrANumber_IsRefused()
    {
        Assert.Throws<FormatException>(() => DojoJson.ParseWireName<EpisodeState>("Active"));
        Assert.Throws<JsonException>(() => DojoJson.Deserialize<RunStatus>("3"));
    }

    [Fact]
    public void RoundTrip_OfResultsTheOldServerStored_IsByteIdentical()
    {
        Assert.Equal(OldStoreFile.RunResultJson, DojoJson.Serialize(DojoJson.Deserialize<RunResult>(OldStoreFile.RunResultJson)));
        Assert.Equal(OldStoreFile.FinalJson, DojoJson.Serialize(DojoJson.Deserialize<SubmitResult>(OldStoreFile.FinalJson)));
        Assert.Equal(OldStoreFile.BudgetJson, DojoJson.Serialize(DojoJson.Deserialize<BudgetLimits>(OldStoreFile.BudgetJson)));
        var run = DojoJson.Deserialize<RunResult>(OldStoreFile.RunResultJson);
        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Equal(ActionName.ExecuteCode, run.Action);
    }

    [Fact]
    public void SerializeObject_OfStepArguments_WritesWhatTheOldServerWrote()
    {
        Assert.Equal(OldStoreFile.StartArgumentsJson, DojoJson.SerializeObject(new StepArguments.Start("titanic", new BudgetRequest { MaxSteps = 5 })));
        Assert.Equal(OldStoreFile.SubmitArgumentsJson, DojoJson.SerializeObject(new StepArguments.Submit(null)));
        Assert.Equal(OldStoreFile.InfoArgumentsJson, DojoJson.SerializeObject(new StepArguments.Info("metric")));
        Assert.Equal(OldStoreFile.WriteArgumentsJson, DojoJson.SerializeObject(new StepArguments.Write("notes.md", 1)));
        // The one change: a refusal's reason is the code the caller was given (the migration rewrites old rows so).
        Assert.Equal(OldStoreFile.RefusedArgumentsJson.Replace("\"EpisodeOver\"", "\"episode_over\"", StringComparison.Ordinal), DojoJson.SerializeObject(new StepArguments.Refusal(
            SessionErrorCode.EpisodeOver,
            "The episode is terminated: final submission graded. Final private score: 0.770909 (step 1). Start a new episode with reset or start_session; get_history still works.")));
        Assert.Equal("""{"reason":"max_steps budget of 2 steps used"}""", DojoJson.SerializeObject(new StepArguments.Truncate("max_steps budget of 2 steps used")));
        Assert.Equal("""{"server_restart":true}""", DojoJson.SerializeObject(new StepArguments.Resume(ServerRestart: true)));
    }

    [Fact]
    public void Serialize_OfAnEndResult_WritesTheStateAsItsWireName()
    {
        var report = DojoJson.Deserialize<GradeReport>("""{"competition_id":"c","metric":"m","is_lower_better":false,"submission_exists":true,"valid_submission":true,"errors":[],"created_at":"2026-01-01T00:00:00+00:00"}""");
        Assert.Equal("c", report.CompetitionId);
        var budget = DojoJson.Deserialize<RunResult>(OldStoreFile.RunResultJson).Budget;

        var json = DojoJson.Serialize(new EndResult("s-1", EpisodeState.Truncated, "why", 3, null, null, budget));

        Assert.StartsWith("""{"session_id":"s-1","state":"truncated","end_reason":"why","steps_used":3,""", json, StringComparison.Ordinal);
    }

    private static void AssertWireNames<TEnum>(string[] expected, TEnum[] values)
        where TEnum : struct, Enum
    {
        Assert.Equal(expected, values.Select(DojoJson.WireName));
        Assert.All(values, v =>
        {
            // The store's options, and any options without an enum converter of their own (the type's converter).
            Assert.Equal($"\"{DojoJson.WireName(v)}\"", DojoJson.Serialize(v));
            Assert.Equal($"\"{DojoJson.WireName(v)}\"", JsonSerializer.Serialize(v));
            Assert.Equal(v, DojoJson.ParseWireName<TEnum>(DojoJson.WireName(v)));
            Assert.Equal(v, DojoJson.Deserialize<TEnum>($"\"{DojoJson.WireName(v)}\""));
        });
    }
}
