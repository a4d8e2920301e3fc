using System.Text.Json.Nodes;
using MleDojo.Core.Recording;
using MleDojo.Core.Serialization;
using MleDojo.Core.Sessions;
using MleDojo.Server.Cli;
using MleDojo.Sessions.Tests.Support;

namespace MleDojo.Sessions.Tests;

/// <summary>Recorded episodes exported as JSONL trajectories, through the exporter and the <c>mledojo export</c> verb.</summary>
public sealed class ExportTests(SandboxFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ExportSession_PlayedSession_WritesOneLinePerRecordedCallWithEverythingForTraining()
    {
        await using var dojo = await Dojo.CreateAsync(fixture);
        var id = (await dojo.StartAsync()).SessionId;
        await dojo.Sessions.RequestInfoAsync(id, "overview", Ct);
        await dojo.ValidateAsync(id, Scripts.Constant);
        await dojo.Sessions.WriteFileAsync(id, "notes.md", "try a threshold on x1", Ct);
        var executed = await dojo.ExecuteAsync(id, Scripts.Perfect);
        await Assert.ThrowsAsync<SessionException>(() => dojo.Sessions.SubmitAsync(id, 1, Ct)); // a validate step: refused
        var submitted = await dojo.Sessions.SubmitAsync(id, cancellationToken: Ct);
        var history = await dojo.Sessions.GetHistoryAsync(id, Ct);

        var text = new StringWriter();
        var written = await new TrajectoryExporter(new SqliteSessionStore(dojo.DataRoot.DatabasePath), dojo.Registry).ExportSessionAsync(id, text, Ct);

        var lines = Lines(text.ToString());
        Assert.Equal(history.Steps.Count, written);
        Assert.Equal(history.Steps.Count, lines.Count);
        Assert.Equal(history.Steps.Select(s => s.Seq), lines.Select(l => (int)l["seq"]!));
        Assert.Equal(history.Steps.Select(s => DojoJson.WireName(s.Action)), lines.Select(l => (string)l["action"]!));
        Assert.All(lines, l =>
        {
            Assert.Equal(id, (string)l["session_id"]!);
            Assert.Equal(Competitions.Label, (string)l["competition_id"]!);
            Assert.Equal("accuracy", (string)l["metric"]!);
            Assert.True((bool)l["higher_is_better"]!);
            Assert.Equal("terminated", (string)l["episode"]!["state"]!);
            Assert.Equal(1.0, (double)l["episode"]!["final"]!["private_score"]!);
            Assert.True((bool)l["episode"]!["saw_public_scores"]!);
            Assert.NotNull(l["created_at"]);
        });

        var runs = lines.Where(l => l["step"] is not null).ToList();
        Assert.Equal(["validate_code", "execute_code"], runs.Select(l => (string)l["action"]!));
        Assert.All(runs, l =>
        {
            Assert.False(string.IsNullOrEmpty((string?)l["code"]));
            Assert.NotNull(l["observation"]!["stdout"]);
            Assert.NotNull(l["observation"]!["stderr"]);
            Assert.NotNull(l["observation"]!["submission"]!["valid"]);
            Assert.NotNull(l["budget"]!["steps_remaining"]);
            Assert.NotNull(l["duration_s"]);
        });
        Assert.Equal(Scripts.Perfect, (string)runs[1]["code"]!);
        Assert.Equal("succeeded", (string)runs[1]["observation"]!["status"]!);
        Assert.Contains("wrote 60 rows", (string)runs[1]["observation"]!["stdout"]!);
        Assert.Equal(executed.PublicScore, (double)runs[1]["public_score"]!);
        Assert.Equal(executed.Reward, (double)runs[1]["reward"]!);
        Assert.Null(runs[0]["public_score"]);

        // Whether the agent had seen test-derived signal, step by step.
        Assert.Equal(
            lines.Select(l => (int)l["seq"]! >= (int)runs[1]["seq"]!),
            lines.Select(l => (bool)l["saw_public_scores"]!));

        var refused = lines.Single(l => (string)l["status"]! == "refused");
        // The code the agent was given with the refusal, as in "[invalid_argument] ...".
        Assert.Equal("invalid_argument", (string)refused["error"]!["reason"]!);
        var submit = lines.Single(l => (string)l["action"]! == "submit" && (string)l["status"]! == "ok");
        Assert.Equal(submitted.PrivateScore, (double)submit["private_score"]!);
        Assert.True((bool)submit["terminated"]!);
        Assert.False((bool)submit["truncated"]!);
        Assert.Equal(0, (int)submit["budget"]!["submissions_remaining"]!);
        Assert.Equal("try a threshold on x1", (string)lines.Single(l => (string)l["action"]! == "write_file")["code"]!);
    }

    [Fact]
    public async Task ExportVerb_SessionOrAll_WritesThemAndRefusesUnknownIds()
    {
        await using var dojo = await Dojo.CreateAsync(fixture, c => c with { MaxSteps = 2 });
        var first = (await dojo.StartAsync()).SessionId;
        await dojo.ExecuteAsync(first, Scripts.Perfect);
        var second = (await dojo.Sessions.ResetAsync(first, Ct)).SessionId;
        await dojo.ExecuteAsync(second, Scripts.Constant);
        await dojo.ExecuteAsync(second, Scripts.Hello); // the last step: truncated
        var regression = (await dojo.StartAsync(Competitions.Regression)).SessionId;
        await dojo.ValidateAsync(regression, Scripts.Values("50"));

        var one = Path.Combine(dojo.Root, "one.jsonl");
        Assert.Equal(0, await MledojoAsync(dojo, "export", "--session", second, "--out", one));
        var lines = Lines(await File.ReadAllTextAsync(one, Ct));
        Assert.Equal((await dojo.RecordedStepsAsync(second)).Count, lines.Count);
        Assert.All(lines, l => Assert.Equal(second, (string)l["session_id"]!));
        Assert.All(lines, l => Assert.Equal(first, (string)l["episode"]!["previous_session_id"]!));
        var truncate = lines.Single(l => (string)l["action"]! == "truncate");
        Assert.True((bool)truncate["truncated"]!);
        Assert.Equal("truncated", (string)lines[0]["episode"]!["state"]!);
        Assert.Contains(lines, l => (string?)l["code"] == Scripts.Hello && (bool)l["truncated"]!);

        var all = Path.Combine(dojo.Root, "all.jsonl");
        Assert.Equal(0, await MledojoAsync(dojo, "export", "--all", "--out", all));
        var every = Lines(await File.ReadAllTextAsync(all, Ct));
        var expected = 0;
        foreach (var id in new[] { first, second, regression })
        {
            var count = (await dojo.RecordedStepsAsync(id)).Count;
            Assert.Equal(count, every.Count(l => (string)l["session_id"]! == id));
            expected += count;
        }

        Assert.Equal(expected, every.Count);
        Assert.Equal([first, second, regression], every.Select(l => (string)l["session_id"]!).Distinct());
        Assert.All(every.Where(l => (string)l["session_id"]! == regression), l =>
        {
            Assert.Equal("rmse", (string)l["metric"]!);
            Assert.False((bool)l["higher_is_better"]!);
            Assert.False((bool)l["saw_public_scores"]!);
        });

        var missing = Path.Combine(dojo.Root, "missing.jsonl");
        Assert.Equal(1, await MledojoAsync(dojo, "export", "--session", "s-000000000000", "--out", missing));
        Assert.False(File.Exists(missing));
        Assert.False(File.Exists(missing + ".partial"));
        Assert.Equal(1, await MledojoAsync(dojo, "export", "--out", missing));
        Assert.Equal(1, await MledojoAsync(dojo, "export", "--all", "--session", first));
    }

    private static Task<int> MledojoAsync(Dojo dojo, params string[] args) =>
        CommandLine.Build().Parse([.. args, "--home", dojo.DataRoot.Path, "--competitions", dojo.CompetitionsDirectory]).InvokeAsync(cancellationToken: Ct);

    [Fact]
    public async Task ExportSession_LabelledSessionAfterARestart_CarriesWhoPlayedOnEveryLine()
    {
        await using var dojo = await Dojo.CreateAsync(fixture);
        var labels = new SessionLabels { Agent = "my-aide-variant", Experiment = "e7", Seed = 11, ClientName = "claude-code", ClientVersion = "2.0.1" };
        var id = (await dojo.Sessions.StartAsync(Competitions.Label, budget: null, labels, Ct)).SessionId;
        await dojo.ValidateAsync(id, Scripts.Constant);

        // Who played outlives the process that recorded it.
        await dojo.RestartAsync();
        var history = await dojo.Sessions.GetHistoryAsync(id, Ct);
        var text = new StringWriter();
        await new TrajectoryExporter(new SqliteSessionStore(dojo.DataRoot.DatabasePath), dojo.Registry).ExportSessionAsync(id, text, Ct);

        Assert.Equal(labels, history.Labels);
        Assert.All(Lines(text.ToString()), line =>
        {
            var exported = line["episode"]!["labels"]!;
            Assert.Equal("my-aide-variant", (string)exported["agent"]!);
            Assert.Equal("e7", (string)exported["experiment"]!);
            Assert.Equal(11, (long)exported["seed"]!);
            Assert.Equal("claude-code", (string)exported["client_name"]!);
            Assert.Equal("2.0.1", (string)exported["client_version"]!);
        });
    }

    private static List<JsonObject> Lines(string jsonl)
    {
        Assert.EndsWith("\n", jsonl);
        return [.. jsonl.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => Assert.IsType<JsonObject>(JsonNode.Parse(line)))];
    }
}
