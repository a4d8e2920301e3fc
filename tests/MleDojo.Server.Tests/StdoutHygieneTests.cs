using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using MleDojo.Server.Tests.Support;

namespace MleDojo.Server.Tests;

/// <summary>
/// stdout carries the protocol and nothing else. The SDK client skips lines it cannot parse, so a stray log
/// line would not fail the other tests: here the server is driven with raw JSON-RPC and every stdout line is
/// checked, through calls that log (a session start, a refusal with a stack trace) and agent code that prints.
/// </summary>
public sealed class StdoutHygieneTests
{
    [Fact]
    public async Task Serve_EveryStdoutLine_IsJsonRpcAndTheLogGoesToStderr()
    {
        using var timeout = ToolCalls.Within(TimeSpan.FromSeconds(90));
        var ct = timeout.Token;
        var home = Directory.CreateTempSubdirectory("mledojo-stdout-").FullName;
        var start = new ProcessStartInfo(RepositoryPaths.ServerExecutable, ["serve"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["MLEDOJO_HOME"] = home;
        using var process = Process.Start(start)!;
        var stdout = new BlockingCollection<string>();
        var stderr = new ConcurrentQueue<string>();
        var reader = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync(ct) is { } line)
            {
                stdout.Add(line, ct);
            }

            stdout.CompleteAdding();
        }, ct);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                stderr.Enqueue(e.Data);
            }
        };
        process.BeginErrorReadLine();
        var lines = new List<string>();
        var session = "";

        async Task SendAsync(object message)
        {
            await process.StandardInput.WriteLineAsync(JsonSerializer.Serialize(message).AsMemory(), ct);
            await process.StandardInput.FlushAsync(ct);
        }

        JsonNode Response(int id)
        {
            foreach (var line in stdout.GetConsumingEnumerable(ct))
            {
                lines.Add(line);
                var message = JsonNode.Parse(line);
                if (message?["id"]?.GetValue<int>() == id)
                {
                    return message;
                }
            }

            throw new InvalidOperationException($"stdout closed before the response to request {id}. stderr:\n{string.Join('\n', stderr)}");
        }

        try
        {
            await SendAsync(new { jsonrpc = "2.0", id = 1, method = "initialize", @params = new { protocolVersion = "2025-11-25", capabilities = new { }, clientInfo = new { name = "raw", version = "1" } } });
            Assert.NotNull(Response(1)["result"]?["serverInfo"]);
            await SendAsync(new { jsonrpc = "2.0", method = "notifications/initialized" });
            await SendAsync(new { jsonrpc = "2.0", id = 2, method = "tools/list" });
            Assert.Equal(14, Response(2)["result"]!["tools"]!.AsArray().Count);
            await SendAsync(new { jsonrpc = "2.0", id = 3, method = "tools/call", @params = new { name = "start_session", arguments = new { competition_id = "titanic" } } });
            session = Response(3)["result"]!["structuredContent"]!["session_id"]!.GetValue<string>();
            await SendAsync(new { jsonrpc = "2.0", id = 4, method = "tools/call", @params = new { name = "start_session", arguments = new { competition_id = "nope" } } });
            Assert.True(Response(4)["result"]!["isError"]!.GetValue<bool>());
            const string noisy = "import sys\nprint('agent stdout line')\nprint('agent stderr line', file=sys.stderr)\n";
            await SendAsync(new { jsonrpc = "2.0", id = 5, method = "tools/call", @params = new { name = "execute_code", arguments = new { session_id = session, code = noisy } } });
            Assert.Equal("agent stdout line\n", Response(5)["result"]!["structuredContent"]!["stdout"]!.GetValue<string>());

            process.StandardInput.Close();
            await reader.WaitAsync(ct);
            lines.AddRange(stdout.GetConsumingEnumerable(ct));
            await process.WaitForExitAsync(ct);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            Directory.Delete(home, recursive: true);
        }

        // Every line parses as a JSON-RPC message, so none is a log line or a line the agent code printed.
        Assert.All(lines, line =>
        {
            var message = JsonNode.Parse(line) as JsonObject;
            Assert.True(message is not null && message["jsonrpc"]?.GetValue<string>() == "2.0", $"not a JSON-RPC message on stdout: {line}");
        });
        Assert.Contains(stderr, l => l.Contains(session, StringComparison.Ordinal) && l.Contains("started on", StringComparison.Ordinal));
        Assert.Contains(stderr, l => l.Contains("Unknown competition 'nope'", StringComparison.Ordinal));
        Assert.Equal(0, process.ExitCode);
    }
}
