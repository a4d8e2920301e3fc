using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace MleDojo.Benchmarks;

/// <summary>
/// The cost of a step as an agent sees it: execute_code of a trivial script through a real MCP client over
/// stdio against the real server process, beside starting the same interpreter directly; then a typical step (pandas
/// and scikit-learn, fit, submission) warm, cold and bare; then 8 sessions each running a 2-second script at once. The
/// same measurements run against a second server with the Docker backend (a warm container per session), interleaved
/// with the local one, when an engine and the sandbox image are there, and against a third with the Slurm backend when
/// a cluster is (<see cref="SlurmStepBenchmark"/>).
/// </summary>
internal static class StepBenchmark
{
    private const string Python = "/usr/bin/python3";
    private const int Samples = 30;
    private const string Trivial = "print('ok')\n";
    private const int TypicalSamples = 20;

    // An agent thinks between steps; meanwhile the server forks the session's next spare run and copies the template's
    // pages into it. The paced rows leave it that time after each warm step (local and Docker), so that work does not
    // land on the next sample of another row; the back-to-back rows (an RL loop without think time) leave none.
    internal static readonly TimeSpan ThinkTime = TimeSpan.FromMilliseconds(400);

    // Shorter think times for the typical step (a fast model, or a scripted policy that still parses each result).
    private static readonly TimeSpan[] ShortThinkTimes = [TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(100)];

    // The step issue 14 measures: import pandas and scikit-learn, read the training data, fit, write a submission.
    private const string Typical = """
        import os
        import pandas as pd
        from sklearn.linear_model import LogisticRegression

        train = pd.read_csv("input/train.csv")
        test = pd.read_csv("input/test.csv")
        features = [c for c in train.columns if c not in ("id", "species") and train[c].dtype != object]
        fill = train[features].median()
        model = LogisticRegression(max_iter=1000).fit(train[features].fillna(fill), train["species"])
        submission = pd.DataFrame(model.predict_proba(test[features].fillna(fill)), columns=model.classes_)
        submission.insert(0, "id", test["id"])
        os.makedirs("output", exist_ok=True)
        submission.to_csv("output/submission.csv", index=False)
        print("rows", len(submission))
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        var server = args is ["--server", var path, ..] ? path : Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../src/MleDojo.Server/bin/Release/net10.0/mledojo"));
        var home = Directory.CreateTempSubdirectory("mledojo-bench-home-").FullName;
        var dockerHome = Directory.CreateTempSubdirectory("mledojo-bench-docker-home-").FullName;
        try
        {
            await using var client = await StartServerAsync(server, home, []);
            var docker = await TryStartDockerAsync(server, dockerHome);

            var session = await StartAsync(client);
            var dockerSession = docker.Client is { } d ? await StartAsync(d) : null;
            for (var i = 0; i < 3; i++)
            {
                await ExecuteAsync(client, session, Trivial);
                if (docker.Client is { } warm)
                {
                    await ExecuteAsync(warm, dockerSession!, Trivial);
                }
            }

            var mcp = new List<double>();
            var bare = new List<double>();
            var inDocker = new List<double>();
            var script = Path.Combine(home, "trivial.py");
            await File.WriteAllTextAsync(script, Trivial);
            for (var i = 0; i < Samples; i++)
            {
                // Interleaved, so machine noise hits every side alike.
                mcp.Add(await TimeAsync(() => ExecuteAsync(client, session, Trivial)));
                await Task.Delay(ThinkTime);
                bare.Add(await TimeAsync(() => RunBareAsync(script)));
                if (docker.Client is { } warm)
                {
                    inDocker.Add(await TimeAsync(() => ExecuteAsync(warm, dockerSession!, Trivial)));
                    await Task.Delay(ThinkTime);
                }
            }

            var backToBack = new List<double>();
            for (var i = 0; i < Samples; i++)
            {
                backToBack.Add(await TimeAsync(() => ExecuteAsync(client, session, Trivial)));
            }

            var roundTrips = new List<double>();
            for (var i = 0; i < Samples; i++)
            {
                roundTrips.Add(await TimeAsync(() => client.CallToolAsync("request_info", new Dictionary<string, object?> { ["session_id"] = session, ["info_type"] = "budget" }).AsTask()));
            }

            var mcpMedian = Median(mcp);
            var bareMedian = Median(bare);
            Console.WriteLine($"Step latency, median of {Samples} interleaved samples (client-observed; {ThinkTime.TotalMilliseconds:F0} ms think time after each warm step):");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  execute_code via MCP stdio, local sandbox    {mcpMedian,8:F1} ms"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  the same, back to back (no think time)       {Median(backToBack),8:F1} ms"));
            if (docker.Client is not null)
            {
                var dockerMedian = Median(inDocker);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  execute_code via MCP stdio, docker (warm)    {dockerMedian,8:F1} ms"));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  bare {Python} script                 {bareMedian,8:F1} ms"));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  request_info round trip                     {Median(roundTrips),8:F1} ms (protocol + recording, no sandbox)"));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  local: overhead {mcpMedian - bareMedian:F1} ms over bare, ratio {mcpMedian / bareMedian:F2}x (target: at most 50 ms over bare)"));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  docker: {dockerMedian - mcpMedian:F1} ms over a local step (target: at most 150 ms), p90 {Percentile(inDocker, 0.9):F1} ms"));
            }
            else
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  bare {Python} script                 {bareMedian,8:F1} ms"));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  request_info round trip                     {Median(roundTrips),8:F1} ms (protocol + recording, no sandbox)"));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  local: overhead {mcpMedian - bareMedian:F1} ms over bare, ratio {mcpMedian / bareMedian:F2}x (target: at most 50 ms over bare)"));
                Console.WriteLine($"  docker: skipped ({docker.Reason})");
            }

            await TypicalStepAsync(server, home, client, session, docker.Client, dockerSession);

            var ok = await SlurmStepBenchmark.RunAsync(server, client, session);
            ok &= await ConcurrentAsync(client, "local");
            if (docker.Client is { } concurrent)
            {
                ok &= await ConcurrentAsync(concurrent, "docker");
                await concurrent.DisposeAsync();
            }

            return ok ? 0 : 1;
        }
        finally
        {
            Directory.Delete(home, recursive: true);
            Directory.Delete(dockerHome, recursive: true);
        }
    }

    /// <summary>The typical step through MCP warm (the default) and cold (--cold-runs), and on Docker (warm) when there is an engine, against bare Python on a copy of the same input.</summary>
    private static async Task TypicalStepAsync(string server, string home, McpClient warm, string warmSession, McpClient? docker, string? dockerSession)
    {
        var coldHome = Directory.CreateTempSubdirectory("mledojo-bench-cold-home-").FullName;
        var bareDirectory = Directory.CreateTempSubdirectory("mledojo-bench-bare-").FullName;
        try
        {
            await using var cold = await StartServerAsync(server, coldHome, ["--cold-runs"]);
            var coldSession = await StartAsync(cold);
            var input = Directory.GetDirectories(home, "input", SearchOption.AllDirectories).First(d => File.Exists(Path.Combine(d, "train.csv")));
            Directory.CreateDirectory(Path.Combine(bareDirectory, "input"));
            foreach (var file in Directory.GetFiles(input))
            {
                File.Copy(file, Path.Combine(bareDirectory, "input", Path.GetFileName(file)));
            }

            var script = Path.Combine(bareDirectory, "typical.py");
            await File.WriteAllTextAsync(script, Typical);
            await ExpectSucceededAsync(warm, warmSession);
            await ExpectSucceededAsync(cold, coldSession);
            await RunBareAsync(script, bareDirectory);
            if (docker is not null)
            {
                await ExpectSucceededAsync(docker, dockerSession!);
            }

            var dockerTimes = new List<double>();
            var warmTimes = new List<double>();
            var coldTimes = new List<double>();
            var bareTimes = new List<double>();
            for (var i = 0; i < TypicalSamples; i++)
            {
                warmTimes.Add(await TimeAsync(() => ExpectSucceededAsync(warm, warmSession)));
                await Task.Delay(ThinkTime);
                coldTimes.Add(await TimeAsync(() => ExpectSucceededAsync(cold, coldSession)));
                bareTimes.Add(await TimeAsync(() => RunBareAsync(script, bareDirectory)));
                if (docker is not null)
                {
                    dockerTimes.Add(await TimeAsync(() => ExpectSucceededAsync(docker, dockerSession!)));
                    await Task.Delay(ThinkTime);
                }
            }

            var backToBack = new List<double>();
            for (var i = 0; i < TypicalSamples; i++)
            {
                backToBack.Add(await TimeAsync(() => ExpectSucceededAsync(warm, warmSession)));
            }

            // How much think time the spare needs to be ready and its pages copied: below it, steps approach back to back.
            var shortThinks = new List<(TimeSpan Think, List<double> Times)>();
            foreach (var think in ShortThinkTimes)
            {
                var times = new List<double>();
                for (var i = 0; i < TypicalSamples; i++)
                {
                    times.Add(await TimeAsync(() => ExpectSucceededAsync(warm, warmSession)));
                    await Task.Delay(think);
                }

                shortThinks.Add((think, times));
            }

            var bare = Median(bareTimes);
            Console.WriteLine($"Typical step (pandas + scikit-learn, fit, submission), median of {TypicalSamples} interleaved samples:");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  execute_code via MCP, local, warm           {Median(warmTimes),8:F1} ms  ratio {Median(warmTimes) / bare:F3}x bare (target: at most 0.10x)"));
            foreach (var (think, times) in shortThinks)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  the same, {think.TotalMilliseconds,3:F0} ms think time             {Median(times),8:F1} ms  ratio {Median(times) / bare:F3}x bare"));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  the same, back to back (no think time)      {Median(backToBack),8:F1} ms  ratio {Median(backToBack) / bare:F3}x bare"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  execute_code via MCP, local, cold           {Median(coldTimes),8:F1} ms  ratio {Median(coldTimes) / bare:F3}x bare"));
            if (docker is not null)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  execute_code via MCP, docker, warm          {Median(dockerTimes),8:F1} ms  ratio {Median(dockerTimes) / bare:F3}x bare"));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  bare {Python} typical.py           {bare,8:F1} ms"));
            await Task.Delay(TimeSpan.FromSeconds(1));
            foreach (var (pid, rss, anonymous, spare) in WarmTemplates.Under(home))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  warm template pid {pid}: resident {rss / 1024.0:F1} MiB, of which anonymous {anonymous / 1024.0:F1} MiB; its spare run holds {spare / 1024.0:F1} MiB privately (its copy of the template's pages)"));
            }
        }
        finally
        {
            Directory.Delete(coldHome, recursive: true);
            Directory.Delete(bareDirectory, recursive: true);
        }
    }

    private static async Task ExpectSucceededAsync(McpClient client, string session)
    {
        var status = await ExecuteAsync(client, session, Typical);
        if (status != "succeeded")
        {
            throw new InvalidOperationException($"The typical step ended {status}.");
        }
    }

    private static async Task<bool> ConcurrentAsync(McpClient client, string backend)
    {
        var sessions = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            sessions.Add(await StartAsync(client));
        }

        var started = Stopwatch.GetTimestamp();
        var results = await Task.WhenAll(sessions.Select(s => ExecuteAsync(client, s, "import time\ntime.sleep(2)\nprint('done')\n")));
        var wall = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var ok = results.Count(r => r == "succeeded");
        // The local server's runs wait for their session's template (WarmStartWait, raised for the typical step), so
        // the local row includes 8 templates importing at once; without the wait the first runs go cold instead.
        var note = backend == "local" ? " (each run waits for its new session's warm template to import)" : "";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"8 concurrent sessions x 2 s script ({backend}): {ok}/8 succeeded, wall {wall:F2} s{note}"));
        return ok == 8;
    }

    /// <summary>A second server with the Docker backend, or the reason there is none (no engine, no image).</summary>
    private static async Task<(McpClient? Client, string Reason)> TryStartDockerAsync(string server, string home)
    {
        var errors = new List<string>();
        try
        {
            var client = await StartServerAsync(server, home, ["--sandbox", "docker"], line =>
            {
                lock (errors)
                {
                    errors.Add(line);
                }
            });
            return (client, "");
        }
        catch (Exception ex)
        {
            await Task.Delay(200);
            lock (errors)
            {
                var reason = errors.LastOrDefault(l => l.StartsWith("error:", StringComparison.Ordinal)) ?? ex.Message;
                return (null, reason);
            }
        }
    }

    private static async Task<McpClient> StartServerAsync(string server, string home, string[] extra, Action<string>? stderr = null) =>
        await McpClient.CreateAsync(new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "mledojo",
            Command = server,
            Arguments = ["serve", "--home", home, "--max-steps", "1000", .. extra],
            StandardErrorLines = stderr ?? (_ => { }),

            // Measure the warm path from the first step: runs wait for the session's template instead of going cold.
            EnvironmentVariables = new Dictionary<string, string?> { ["MleDojo__Sandbox__Local__WarmStartWait"] = "00:03:00" },

            // Time to remove its containers when stdin closes (the Docker backend); the local one exits at once.
            ShutdownTimeout = TimeSpan.FromSeconds(30),
        }));

    private static async Task<string> StartAsync(McpClient client)
    {
        var result = await client.CallToolAsync("start_session", new Dictionary<string, object?> { ["competition_id"] = "penguins" });
        return Structured(result).GetProperty("session_id").GetString()!;
    }

    private static async Task<string> ExecuteAsync(McpClient client, string session, string code)
    {
        var result = await client.CallToolAsync("execute_code", new Dictionary<string, object?> { ["session_id"] = session, ["code"] = code, ["wait_s"] = 60 });
        return Structured(result).GetProperty("status").GetString()!;
    }

    private static JsonElement Structured(CallToolResult result) =>
        result.IsError == true
            ? throw new InvalidOperationException(string.Join(" ", result.Content.OfType<TextContentBlock>().Select(t => t.Text)))
            : result.StructuredContent ?? throw new InvalidOperationException("no structured content");

    private static async Task RunBareAsync(string script, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(Python, [script]) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory ?? "" };
        using var process = Process.Start(start)!;
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
    }

    private static async Task<double> TimeAsync(Func<Task> action)
    {
        var started = Stopwatch.GetTimestamp();
        await action();
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    private static double Median(List<double> values) => Percentile(values, 0.5);

    private static double Percentile(List<double> values, double fraction)
    {
        var sorted = values.Order().ToArray();
        var position = fraction * (sorted.Length - 1);
        var low = (int)Math.Floor(position);
        var high = (int)Math.Ceiling(position);
        return sorted[low] + ((sorted[high] - sorted[low]) * (position - low));
    }
}
