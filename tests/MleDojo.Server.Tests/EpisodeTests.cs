using MleDojo.Server.Tests.Support;

namespace MleDojo.Server.Tests;

/// <summary>Whole episodes over stdio: scoring, submission, the end of the episode and budgets.</summary>
[Collection(ServerCollection.Name)]
public sealed class EpisodeTests(ServerFixture fixture)
{
    private ServerProcess Server => fixture.Server;

    [Fact]
    public async Task Episode_TitanicPlayedThrough_ScoresSubmitsAndRefusesFurtherSteps()
    {
        using var timeout = ToolCalls.Within(TimeSpan.FromSeconds(120));
        var ct = timeout.Token;

        var started = await Server.OkAsync("start_session", new() { ["competition_id"] = "titanic" }, ct);
        var id = started.Str("session_id");
        Assert.Equal("titanic", started.Str("competition_id"));
        Assert.Contains("train.csv", started.GetProperty("workspace").GetProperty("input_files").EnumerateArray().Select(f => f.GetString()));
        Assert.Contains("Titanic", started.Str("overview"), StringComparison.Ordinal);
        var steps = started.GetProperty("budget").Num("max_steps");

        var info = await Server.OkAsync("request_info", new() { ["session_id"] = id, ["info_type"] = "metric" }, ct);
        Assert.Contains("accuracy", info.Str("content"), StringComparison.Ordinal);

        var validated = await Server.OkAsync("validate_code", new() { ["session_id"] = id, ["code"] = Repo.TitanicSample("00_explore.py") }, ct);
        Assert.Equal("succeeded", validated.Str("status"));
        Assert.Equal(0, validated.Num("exit_code"));
        Assert.Contains("survival rate", validated.Str("stdout"), StringComparison.Ordinal);
        Assert.Null(validated.Num("public_score"));
        Assert.Equal(steps - 1, validated.GetProperty("budget").Num("steps_remaining"));

        var executed = await Server.OkAsync("execute_code", new() { ["session_id"] = id, ["code"] = Repo.TitanicSample("02_logistic_regression.py") }, ct);
        Assert.Equal("succeeded", executed.Str("status"));
        Assert.Equal("execute_code", executed.Str("action"));
        Assert.Contains("validation accuracy", executed.Str("stdout"), StringComparison.Ordinal);
        Assert.True(executed.GetProperty("submission").Flag("valid"), executed.GetProperty("submission").ToString());
        var publicScore = Assert.IsType<double>(executed.Num("public_score"));
        Assert.InRange(publicScore, 0.6, 1.0);
        Assert.Equal(publicScore, executed.Num("best_public_score"));
        Assert.False(executed.Flag("terminated"));
        Assert.False(executed.Flag("truncated"));
        Assert.Equal(steps - 2, executed.GetProperty("budget").Num("steps_remaining"));

        var submitted = await Server.OkAsync("submit", new() { ["session_id"] = id }, ct);
        Assert.Equal(executed.Num("step"), submitted.Num("step"));
        Assert.InRange(Assert.IsType<double>(submitted.Num("private_score")), 0.6, 1.0);
        Assert.Equal(publicScore, submitted.Num("public_score"));
        Assert.NotNull(submitted.Num("normalized_score"));
        Assert.True(submitted.Flag("terminated"));
        Assert.False(submitted.Flag("automatic"));
        Assert.True(submitted.Flag("saw_public_scores"));
        Assert.Equal(0, submitted.GetProperty("budget").Num("submissions_remaining"));

        // The episode is over: every step-taking call is a tool error that says so and what to do.
        foreach (var (tool, arguments) in new (string, Dictionary<string, object?>)[]
        {
            ("execute_code", new() { ["session_id"] = id, ["code"] = "print(1)" }),
            ("validate_code", new() { ["session_id"] = id, ["code"] = "print(1)" }),
            ("submit", new() { ["session_id"] = id }),
        })
        {
            var error = await Server.ErrorAsync(tool, arguments, ct);
            Assert.Contains("episode is terminated", error, StringComparison.Ordinal);
            Assert.Contains("final submission graded", error, StringComparison.Ordinal);
            Assert.Contains("start_session", error, StringComparison.Ordinal);
        }

        var history = await Server.OkAsync("get_history", new() { ["session_id"] = id }, ct);
        Assert.Equal("terminated", history.Str("state"));
        var actions = history.GetProperty("steps").EnumerateArray().Select(s => (s.Str("action"), s.Str("status"))).ToList();
        Assert.Contains(("execute_code", "succeeded"), actions);
        Assert.Contains(("submit", "ok"), actions);
        Assert.Contains(("execute_code", "refused"), actions);

        var ended = await Server.OkAsync("end_session", new() { ["session_id"] = id }, ct);
        Assert.Equal("terminated", ended.Str("state"));
        Assert.Equal(submitted.Num("private_score"), ended.GetProperty("final").Num("private_score"));
    }

    [Fact]
    public async Task ExecuteCode_LastStep_TruncatesAndGradesTheBestSubmission()
    {
        using var timeout = ToolCalls.Within(TimeSpan.FromSeconds(90));
        var ct = timeout.Token;
        var id = await fixture.StartSessionAsync(ct, maxSteps: 2);
        var rule = Repo.TitanicSample("01_gender_rule.py");

        var first = await Server.OkAsync("execute_code", new() { ["session_id"] = id, ["code"] = rule }, ct);
        Assert.Equal("succeeded", first.Str("status"));
        Assert.False(first.Flag("truncated"));
        Assert.Equal(1, first.GetProperty("budget").Num("steps_remaining"));

        var second = await Server.OkAsync("execute_code", new() { ["session_id"] = id, ["code"] = rule }, ct);
        Assert.Equal("succeeded", second.Str("status"));
        Assert.NotNull(second.Num("public_score"));
        Assert.True(second.Flag("truncated"));
        Assert.False(second.Flag("terminated"));
        Assert.Equal(0, second.GetProperty("budget").Num("steps_remaining"));
        Assert.Contains("max_steps", second.Str("note"), StringComparison.Ordinal);
        var final = second.GetProperty("final");
        Assert.True(final.Flag("automatic"));
        Assert.True(final.Flag("truncated"));
        Assert.InRange(Assert.IsType<double>(final.Num("private_score")), 0.5, 1.0);

        var refused = await Server.ErrorAsync("execute_code", new() { ["session_id"] = id, ["code"] = rule }, ct);
        Assert.Contains("episode is truncated", refused, StringComparison.Ordinal);
        Assert.Contains("max_steps budget of 2 steps used", refused, StringComparison.Ordinal);
        Assert.Contains("Final private score", refused, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartSession_UnknownCompetition_IsAToolErrorListingTheKnownOnes()
    {
        var error = await Server.ErrorAsync("start_session", new() { ["competition_id"] = "no-such-competition" }, TestContext.Current.CancellationToken);

        Assert.Contains("no-such-competition", error, StringComparison.Ordinal);
        foreach (var known in new[] { "titanic", "penguins", "house-prices-ames", "telco-churn" })
        {
            Assert.Contains(known, error, StringComparison.Ordinal);
        }

        Assert.Contains("list_competitions", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("get_history")]
    [InlineData("request_info")]
    [InlineData("execute_code")]
    [InlineData("submit")]
    public async Task ToolCall_UnknownSessionId_IsAToolErrorSayingSo(string tool)
    {
        var arguments = new Dictionary<string, object?> { ["session_id"] = "s-doesnotexist" };
        if (tool == "execute_code")
        {
            arguments["code"] = "print(1)";
        }

        var error = await Server.ErrorAsync(tool, arguments, TestContext.Current.CancellationToken);

        Assert.Contains("[unknown_session]", error, StringComparison.Ordinal);
        Assert.Contains("'s-doesnotexist'", error, StringComparison.Ordinal);
        Assert.Contains("start_session", error, StringComparison.Ordinal);
    }
}
