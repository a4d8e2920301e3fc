using System.Text.RegularExpressions;
using MleDojo.Server.Tests.Support;

namespace MleDojo.Server.Tests;

/// <summary>How failures reach an agent over MCP: domain refusals as actionable tool errors, server faults as a correlation id.</summary>
public sealed partial class ErrorMappingTests
{
    [Fact]
    public async Task ToolCall_RefusedByTheEngine_ReturnsTheCodeTheMessageAndWhatToDo()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await ServerProcess.StartAsync(cancellationToken: ct);

        var unknown = await server.ErrorAsync("start_session", new() { ["competition_id"] = "no-such-competition" }, ct);
        var badInfo = await server.ErrorAsync("request_info", new() { ["session_id"] = "s-000000000000", ["info_type"] = "overview" }, ct);

        Assert.StartsWith("[unknown_competition] Unknown competition 'no-such-competition'.", unknown, StringComparison.Ordinal);
        Assert.Contains("titanic", unknown, StringComparison.Ordinal);
        Assert.EndsWith("Use list_competitions to see them.", unknown, StringComparison.Ordinal);
        Assert.StartsWith("[unknown_session] No session 's-000000000000'. Start one with start_session.", badInfo, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ToolCall_MissingARequiredArgument_IsAnInvalidArgumentNamingIt()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await ServerProcess.StartAsync(cancellationToken: ct);
        var session = (await server.OkAsync("start_session", new() { ["competition_id"] = "titanic" }, ct)).Str("session_id");

        var error = await server.ErrorAsync("execute_code", new() { ["session_id"] = session }, ct);

        Assert.StartsWith("[invalid_argument]", error, StringComparison.Ordinal);
        Assert.Contains("'code'", error, StringComparison.Ordinal);
        Assert.DoesNotContain("internal_error", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ToolCall_FailingUnexpectedly_GivesTheAgentACorrelationIdThatTheLogHasWithTheException()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await ServerProcess.StartAsync(cancellationToken: ct);
        var session = (await server.OkAsync("start_session", new() { ["competition_id"] = "titanic" }, ct)).Str("session_id");

        // A server-side file the engine trusts goes missing: nothing the agent did, so it must not read as its fault.
        File.Delete(Path.Combine(server.Home, "prepared", "titanic", "public", "sample_submission.csv"));
        var error = await server.ErrorAsync("request_info", new() { ["session_id"] = session, ["info_type"] = "sample_submission" }, ct);

        var id = CorrelationId().Match(error);
        Assert.True(id.Success, error);
        Assert.StartsWith("[internal_error]", error, StringComparison.Ordinal);
        Assert.DoesNotContain(server.Home, error, StringComparison.Ordinal);
        Assert.DoesNotContain("FileNotFoundException", error, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", error, StringComparison.Ordinal);
        var log = await ReadLogsAsync(server.Home, ct);
        var line = log.Split('\n').FirstOrDefault(l => l.Contains(id.Groups[1].Value, StringComparison.Ordinal));
        Assert.True(line is not null, $"correlation id {id.Groups[1].Value} is not in the server log");
        Assert.Contains("FileNotFoundException", log[log.IndexOf(line, StringComparison.Ordinal)..], StringComparison.Ordinal);

        // The session is unharmed: the next call works.
        Assert.Equal("overview", (await server.OkAsync("request_info", new() { ["session_id"] = session, ["info_type"] = "overview" }, ct)).Str("info_type"));
    }

    private static async Task<string> ReadLogsAsync(string home, CancellationToken cancellationToken)
    {
        var text = "";
        foreach (var file in Directory.EnumerateFiles(Path.Combine(home, "logs")))
        {
            // The server keeps the file open: share it.
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            text += await reader.ReadToEndAsync(cancellationToken);
        }

        return text;
    }

    [GeneratedRegex("Correlation id: ([0-9a-f]{12})")]
    private static partial Regex CorrelationId();
}
