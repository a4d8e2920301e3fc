using System.Diagnostics;
using System.Text.Json;
using MleDojo.Agents.Tests.Support;

namespace MleDojo.Agents.Tests;

/// <summary><c>mledojo eval</c> as a user runs it: the real executable, one child server, the scripted model for both agents.</summary>
public sealed class EvalCommandTests : IDisposable
{
    private const string Marker = "What start_session returned:";
    private readonly string _home = Directory.CreateTempSubdirectory("mledojo-eval-").FullName;
    private int _replyDelayMs;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string CellDirectory => Path.Combine(_home, "experiments", "grid-test");

    [Fact]
    public async Task Eval_KilledMidRunThenResumed_RecordsEveryCellOnceWithoutReplayingFinishedOnes()
    {
        // Each cell's model answers once without a tool call (idle_replies: 1), so any cell order works.
        await using var endpoint = await ScriptedChatEndpoint.StartAsync(Enumerable.Range(0, 100).Select(_ => ScriptedReply.From(_ =>
        {
            Thread.Sleep(Volatile.Read(ref _replyDelayMs));
            return ScriptedReply.Text("done");
        })));
        var config = WriteConfig(endpoint.BaseAddress);

        // First run, slowed down, killed (with its child server) once the first cell is recorded.
        _replyDelayMs = 1500;
        var start = Start(["eval", "--config", config, "--parallel", "2"]);
        using (var first = Process.Start(start)!)
        {
            var drained = Task.WhenAll(first.StandardOutput.ReadToEndAsync(Ct), first.StandardError.ReadToEndAsync(Ct));
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (CellFiles().Length == 0 && !first.HasExited && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50, Ct);
            }

            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync(Ct);
            await drained;
        }

        var before = CellFiles().ToDictionary(Path.GetFileName, f => (Session: Read(f).GetProperty("session_id").GetString(), Written: File.GetLastWriteTimeUtc(f)));
        Assert.InRange(before.Count, 1, 7);
        var requestsBefore = endpoint.Requests.Count;

        // Without --resume the finished cells are not played over.
        var (refused, _, refusal) = await RunAsync(["eval", "--config", config]);
        Assert.Equal(2, refused);
        Assert.Contains("--resume", refusal, StringComparison.Ordinal);

        _replyDelayMs = 0;
        var (exit, stdout, stderr) = await RunAsync(["eval", "--config", config, "--parallel", "2", "--resume", "--json"]);
        Assert.True(exit == 0, $"exit {exit}\n{stdout}\n{stderr}");

        using var json = JsonDocument.Parse(stdout);
        var cells = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(8, cells.Count);
        Assert.Equal(8, CellFiles().Length);
        Assert.Equal(8, cells.Select(c => c.GetProperty("session_id").GetString()).Distinct().Count());
        Assert.Equal(
            [.. from a in new[] { "alpha", "beta" } from c in new[] { "penguins", "titanic" } from s in new[] { 0, 1 } select $"{a}/{c}/{s}"],
            cells.Select(c => $"{c.GetProperty("agent").GetString()}/{c.GetProperty("competition_id").GetString()}/{c.GetProperty("seed").GetInt64()}").Order(StringComparer.Ordinal));

        // The cells finished before the kill were kept as they were, and the model was not asked about them again.
        foreach (var (name, (session, written)) in before)
        {
            Assert.Equal(session, Read(Path.Combine(CellDirectory, name)).GetProperty("session_id").GetString());
            Assert.Equal(written, File.GetLastWriteTimeUtc(Path.Combine(CellDirectory, name)));
        }

        var resumed = endpoint.Requests.Skip(requestsBefore).ToList();
        Assert.Equal(8 - before.Count, resumed.Count);
        var finishedSessions = before.Values.Select(v => v.Session).ToHashSet();
        Assert.All(resumed, r => Assert.DoesNotContain(Started(r).GetProperty("session_id").GetString(), finishedSessions));

        // Each session was started with its cell's labels and the experiment's budget.
        foreach (var request in endpoint.Requests.Where(r => cells.Any(c => c.GetProperty("session_id").GetString() == Started(r).GetProperty("session_id").GetString())))
        {
            var started = Started(request);
            var cell = cells.Single(c => c.GetProperty("session_id").GetString() == started.GetProperty("session_id").GetString());
            var labels = started.GetProperty("labels");
            Assert.Equal(cell.GetProperty("agent").GetString(), labels.GetProperty("agent").GetString());
            Assert.Equal(cell.GetProperty("agent").GetString() == "alpha" ? "scripted-a" : "scripted-b", request.Model);
            Assert.Equal("grid-test", labels.GetProperty("experiment").GetString());
            Assert.Equal(cell.GetProperty("seed").GetInt64(), labels.GetProperty("seed").GetInt64());
            Assert.Equal(cell.GetProperty("competition_id").GetString(), started.GetProperty("competition_id").GetString());
            Assert.Equal(7, started.GetProperty("budget").GetProperty("max_steps").GetInt32());
            Assert.Equal(120, started.GetProperty("budget").GetProperty("run_timeout_s").GetInt32());
            Assert.Equal(900, started.GetProperty("budget").GetProperty("episode_timeout_s").GetInt32());
        }

        Assert.All(cells, c => Assert.True(File.Exists(Path.Combine(_home, "transcripts", $"{c.GetProperty("session_id").GetString()}.json"))));
    }

    [Fact]
    public async Task Eval_ConfigWithErrors_ExitsTwoNamingEachBadKey()
    {
        var config = Path.Combine(_home, "bad.yaml");
        File.WriteAllText(config, """
            id: grid test
            agents:
              - name: alpha
                model: m
                endpoint: localhost:11434
                api_key_env: OPENAI_API_KEY
                temprature: 0.2
              - model: m
                endpoint: https://api.example.com/v1
                api_key_env: MLEDOJO_EVAL_UNSET_KEY
            competitions: [titanic, no-such-competition]
            seeds: [0, -1]
            max_steps: many
            """);

        var (exit, _, stderr) = await RunAsync(["eval", "--config", config]);

        Assert.Equal(2, exit);
        foreach (var key in new[] { "id:", "agents[0].endpoint:", "agents[0].temprature: unknown key", "agents[1].name: missing", "agents[1].api_key_env: $MLEDOJO_EVAL_UNSET_KEY is not set", "competitions[1]: 'no-such-competition'", "seeds[1]:", "max_steps:" })
        {
            Assert.Contains(key, stderr, StringComparison.Ordinal);
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_home, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>The start_session result the agent put in its first message, parsed.</summary>
    private static JsonElement Started(ScriptedRequest request)
    {
        var text = request.Messages.First(m => m.Role == "user" && m.Content?.Contains(Marker, StringComparison.Ordinal) == true).Content!;
        using var document = JsonDocument.Parse(text[(text.IndexOf(Marker, StringComparison.Ordinal) + Marker.Length)..]);
        return document.RootElement.Clone();
    }

    private static JsonElement Read(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.Clone();
    }

    private string[] CellFiles() =>
        Directory.Exists(CellDirectory) ? [.. Directory.GetFiles(CellDirectory, "*.json").Where(f => !Path.GetFileName(f).StartsWith('.'))] : [];

    private string WriteConfig(Uri endpoint)
    {
        var path = Path.Combine(_home, "experiment.yaml");
        File.WriteAllText(path, $"""
            id: grid-test
            agents:
              - name: alpha
                model: scripted-a
                endpoint: {endpoint}
                api_key_env: MLEDOJO_EVAL_TEST_KEY
                idle_replies: 1
              - name: beta
                model: scripted-b
                endpoint: {endpoint}
                api_key_env: MLEDOJO_EVAL_TEST_KEY
                idle_replies: 1
                max_turns: 5
            competitions: [titanic, penguins]
            seeds: [0, 1]
            max_steps: 7
            run_timeout_s: 120
            episode_timeout_s: 900
            """);
        return path;
    }

    private ProcessStartInfo Start(string[] arguments)
    {
        var start = new ProcessStartInfo(RepositoryPaths.ServerExecutable) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])["--home", _home, .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    private Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string[] arguments) =>
        ChildProcess.RunAsync(Start(arguments), TimeSpan.FromMinutes(4), Ct);
}
