using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using MleDojo.Agents.Tests.Support;

namespace MleDojo.Agents.Tests;

/// <summary>
/// samples/SemanticKernelAgent as a user runs it: the built sample as its own process, with Semantic Kernel's OpenAI
/// connector in front of the scripted model and its own child server over stdio.
/// </summary>
public sealed partial class SemanticKernelSampleTests : IDisposable
{
    private const string ApiKey = "sk-semantic-kernel-sample";

    private readonly string _home = Directory.CreateTempSubdirectory("mledojo-sk-sample-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SemanticKernelAgent_ScriptedModelSolvesTitanic_PrintsThePrivateScoreAndExitsZero()
    {
        var solution = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "samples", "titanic", "01_gender_rule.py"));
        // Semantic Kernel hands the model the raw MCP tools, so the model passes the session id, read from the conversation.
        await using var endpoint = await ScriptedChatEndpoint.StartAsync(
            ScriptedReply.From(request => ScriptedReply.ToolCall("mledojo-execute_code", JsonSerializer.Serialize(new { session_id = SessionIdIn(request), code = solution }))),
            ScriptedReply.From(request => ScriptedReply.ToolCall("mledojo-submit", JsonSerializer.Serialize(new { session_id = SessionIdIn(request) }))),
            ScriptedReply.Text("Submitted the gender rule."));
        endpoint.ExpectedApiKey = ApiKey;

        var (exit, stdout, stderr) = await RunSampleAsync(
            "--server", RepositoryPaths.ServerExecutable, "--endpoint", endpoint.BaseAddress.ToString(), "--model", "scripted-model", "--api-key-env", "MLEDOJO_TEST_SK_KEY");

        TestContext.Current.TestOutputHelper?.WriteLine(stdout);
        Assert.True(exit == 0, $"exit {exit}\n{stdout}\n{stderr}");
        var score = FinalScore().Match(stdout);
        Assert.True(score.Success, stdout);
        Assert.InRange(double.Parse(score.Groups[1].Value, CultureInfo.InvariantCulture), 0.6, 1.0);

        // Three model calls, each with the server's tools as functions of the "mledojo" plugin, bar the lifecycle ones.
        Assert.Equal(3, endpoint.Requests.Count);
        Assert.All(endpoint.Requests, r => Assert.Equal("Bearer " + ApiKey, r.Authorization));
        Assert.All(endpoint.Requests, r => Assert.Equal("scripted-model", r.Model));
        var tools = endpoint.Requests[0].Tools;
        Assert.Contains("mledojo-execute_code", tools);
        Assert.Contains("mledojo-submit", tools);
        Assert.DoesNotContain("mledojo-start_session", tools);
        Assert.All(tools, t => Assert.StartsWith("mledojo-", t, StringComparison.Ordinal));
        Assert.Contains("You are competing in", endpoint.Requests[0].Messages[0].Content, StringComparison.Ordinal);

        // The tool results went back to the model: the run's public score, then the graded submission.
        Assert.Contains(endpoint.Requests[1].ToolResults, r => r.Content?.Contains("\"public_score\"", StringComparison.Ordinal) == true);
        Assert.Contains(endpoint.Requests[2].ToolResults, r => r.Content?.Contains("\"private_score\"", StringComparison.Ordinal) == true);
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

    // The sample tells the model its session id; the start_session result it quotes carries it as JSON.
    private static string SessionIdIn(ScriptedRequest request) =>
        request.Messages.Select(m => SessionId().Match(m.Content ?? "")).First(m => m.Success).Groups[1].Value;

    [GeneratedRegex("\"session_id\"\\s*:\\s*\"([^\"]+)\"")]
    private static partial Regex SessionId();

    [GeneratedRegex(@"^Final private score: ([0-9.]+)", RegexOptions.Multiline)]
    private static partial Regex FinalScore();

    private async Task<(int Exit, string Stdout, string Stderr)> RunSampleAsync(params string[] arguments)
    {
        // The sample is built with these tests (a project reference), in the same configuration.
        var sample = Path.Combine(RepositoryPaths.Root, "samples", "SemanticKernelAgent", "bin", RepositoryPaths.BuildConfiguration, "net10.0", "SemanticKernelAgent.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in (string[])[sample, .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        // The server inherits the sample's environment: a data root of its own, and the key the endpoint expects.
        start.Environment["MLEDOJO_HOME"] = _home;
        start.Environment["MLEDOJO_TEST_SK_KEY"] = ApiKey;

        return await ChildProcess.RunAsync(start, TimeSpan.FromMinutes(3), Ct);
    }
}
