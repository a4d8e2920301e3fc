using MleDojo.Server.Tests.Support;

namespace MleDojo.Server.Tests.Importing;

/// <summary>
/// Imported competitions end to end over the real MCP stdio server: import, start a session, execute code that
/// writes a submission, submit, and get a position score and a medal from the imported leaderboard.
/// </summary>
[Collection(ImportedServerCollection.Name)]
public sealed class ImportedEpisodeTests(ImportedServerFixture fixture)
{
    private ServerProcess Server => fixture.Server;

    public static TheoryData<string, string, string> Solutions => new()
    {
        // Each script reproduces its fixture's target rule exactly, so it beats every team on the leaderboard.
        { "spaceship-titanic", "accuracy", """
            import pandas as pd
            t = pd.read_csv("input/test.csv")
            t["Transported"] = t["CryoSleep"] | ((t["HomePlanet"] == "Europa") & (t["RoomService"] < 1000))
            t[["PassengerId", "Transported"]].to_csv("output/submission.csv", index=False)
            """ },
        { "custom-weighted-error", "external:weighted-absolute-error", """
            import pandas as pd
            t = pd.read_csv("input/test.csv")
            t["y"] = (2 * t["x1"] + t["x2"] + 1).round(3)
            t[["row_id", "y"]].to_csv("output/submission.csv", index=False)
            """ },
        { "givemesomecredit", "roc_auc", """
            import pandas as pd
            t = pd.read_csv("input/test.csv")
            t["Probability"] = (t["RevolvingUtilizationOfUnsecuredLines"] > 0.7).astype(float)
            t[["Id", "Probability"]].to_csv("output/submission.csv", index=False)
            """ },
        { "custom-dojo-metric", "external:metric.py", """
            import numpy as np
            import pandas as pd
            t = pd.read_csv("input/test.csv")
            t["colour"] = np.where(t["a"] > 0.3, "red", np.where(t["b"] > 0, "green", "blue"))
            t[["id", "colour"]].to_csv("output/submission.csv", index=False)
            """ },
    };

    [Theory]
    [MemberData(nameof(Solutions))]
    public async Task Episode_ImportedCompetition_PlaysThroughToAGoldMedal(string id, string metric, string solution)
    {
        using var timeout = ToolCalls.Within(TimeSpan.FromSeconds(180));
        var ct = timeout.Token;

        var started = await Server.OkAsync("start_session", new() { ["competition_id"] = id }, ct);
        var session = started.Str("session_id");
        var inputs = started.GetProperty("workspace").GetProperty("input_files").EnumerateArray().Select(f => f.GetString()!).ToList();
        Assert.Contains("sample_submission.csv", inputs);
        Assert.DoesNotContain(inputs, f => f.Contains("answer", StringComparison.OrdinalIgnoreCase));

        var info = await Server.OkAsync("request_info", new() { ["session_id"] = session, ["info_type"] = "metric" }, ct);
        Assert.Contains(metric, info.Str("content"), StringComparison.Ordinal);

        var executed = await Server.OkAsync("execute_code", new() { ["session_id"] = session, ["code"] = solution }, ct);
        Assert.Equal("succeeded", executed.Str("status"));
        Assert.True(executed.GetProperty("submission").Flag("valid"), executed.GetProperty("submission").ToString());
        Assert.NotNull(executed.Num("public_score"));
        Assert.Equal(1.0, executed.Num("reward"));

        var submitted = await Server.OkAsync("submit", new() { ["session_id"] = session }, ct);
        Assert.NotNull(submitted.Num("private_score"));
        Assert.Equal(1.0, submitted.Num("position_score"));
        Assert.Equal("gold", submitted.Str("medal"));
        Assert.True(submitted.Flag("terminated"));
    }

    [Fact]
    public async Task Submit_WeakSubmission_GetsALowPositionAndNoMedal()
    {
        using var timeout = ToolCalls.Within(TimeSpan.FromSeconds(120));
        var ct = timeout.Token;
        var session = (await Server.OkAsync("start_session", new() { ["competition_id"] = "spaceship-titanic" }, ct)).Str("session_id");

        var executed = await Server.OkAsync("execute_code", new()
        {
            ["session_id"] = session,
            ["code"] =
            "import shutil\nshutil.copy('input/sample_submission.csv', 'output/submission.csv')\n"
        }, ct);
        Assert.True(executed.GetProperty("submission").Flag("valid"));

        var submitted = await Server.OkAsync("submit", new() { ["session_id"] = session }, ct);
        Assert.Equal("none", submitted.Str("medal"));
        Assert.InRange(submitted.Num("position_score")!.Value, 0.0, 0.1);
    }

    [Fact]
    public async Task ExecuteCode_SubmissionTheOwnGraderRejects_IsAValidationErrorTheAgentSees()
    {
        using var timeout = ToolCalls.Within(TimeSpan.FromSeconds(120));
        var ct = timeout.Token;
        var session = (await Server.OkAsync("start_session", new() { ["competition_id"] = "custom-weighted-error" }, ct)).Str("session_id");

        // grade.py raises InvalidSubmissionError for negative values; our own checks (ids, columns) pass.
        var executed = await Server.OkAsync("execute_code", new() { ["session_id"] = session, ["code"] = """
            import pandas as pd
            t = pd.read_csv("input/test.csv")
            t["y"] = -1.0
            t[["row_id", "y"]].to_csv("output/submission.csv", index=False)
            """ }, ct);

        var submission = executed.GetProperty("submission");
        Assert.False(submission.Flag("valid"));
        var error = Assert.Single(submission.GetProperty("errors").EnumerateArray());
        Assert.Equal("rejected_by_grader", error.Str("code"));
        Assert.Contains("must not be negative", error.Str("message"), StringComparison.Ordinal);
        Assert.Null(executed.Num("public_score"));
        await Server.ErrorAsync("submit", new() { ["session_id"] = session }, ct);
    }

    [Fact]
    public void Import_Output_SaysHowEachCompetitionIsGradedAndThatItsSampleGrades()
    {
        Assert.Contains("library metric accuracy from the known-metrics table", fixture.ImportOutput["spaceship-titanic"], StringComparison.Ordinal);
        Assert.Contains("own grade.py in a separate grader process", fixture.ImportOutput["custom-weighted-error"], StringComparison.Ordinal);
        Assert.Contains("library metric roc_auc", fixture.ImportOutput["givemesomecredit"], StringComparison.Ordinal);
        Assert.Contains("own metric.py in a separate grader process", fixture.ImportOutput["custom-dojo-metric"], StringComparison.Ordinal);
        foreach (var output in fixture.ImportOutput.Values)
        {
            Assert.Contains("sample_submission.csv scores public", output, StringComparison.Ordinal);
            Assert.Contains("position score and medals enabled", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ListCompetitions_ImportedFilter_ListsEveryImportedCompetition()
    {
        using var timeout = ToolCalls.Within(TimeSpan.FromSeconds(60));
        var listed = await Server.OkAsync("list_competitions", new() { ["category"] = "imported" }, timeout.Token);
        var ids = listed.GetProperty("competitions").EnumerateArray().Select(c => c.Str("id")).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(ImportedServerFixture.Competitions.Select(c => c.Id).Order(StringComparer.Ordinal), ids);
        Assert.All(listed.GetProperty("competitions").EnumerateArray(), c => Assert.True(c.GetProperty("rows").GetInt32() > 0, c.ToString()));
    }
}
