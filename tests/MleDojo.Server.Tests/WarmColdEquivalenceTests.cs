using MleDojo.Server.Tests.Support;

namespace MleDojo.Server.Tests;

/// <summary>
/// The warm path (the default) and the cold one (<c>--cold-runs</c>) give agent code the same results: every script in
/// samples/titanic prints the same output both ways, and each run says which path it took.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class WarmColdEquivalenceTests
{
    [Fact]
    public async Task TitanicSamples_PrintTheSameOutputWarmAndCold()
    {
        Assert.SkipWhen(Environment.GetEnvironmentVariable("MLEDOJO_TEST_SANDBOX") is { Length: > 0 }, "Warm runs are the local backend's.");
        using var timeout = ToolCalls.Within(TimeSpan.FromMinutes(10));
        var ct = timeout.Token;
        await using var cold = await ServerProcess.StartAsync(serveArguments: ["--cold-runs"], cancellationToken: ct);

        // Runs wait for the template, so that every sample runs warm rather than the first ones going cold while it imports.
        await using var warmServer = await ServerProcess.StartAsync(
            environment: new Dictionary<string, string?> { ["MleDojo__Sandbox__Local__WarmStartWait"] = "00:03:00" }, cancellationToken: ct);
        var warmSession = (await warmServer.OkAsync("start_session", new() { ["competition_id"] = "titanic", ["max_steps"] = 20 }, ct)).Str("session_id");
        var coldSession = (await cold.OkAsync("start_session", new() { ["competition_id"] = "titanic", ["max_steps"] = 20 }, ct)).Str("session_id");

        foreach (var sample in Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "samples", "titanic"), "*.py").Order(StringComparer.Ordinal))
        {
            var code = await File.ReadAllTextAsync(sample, ct);
            var warm = await warmServer.OkAsync("validate_code", new() { ["session_id"] = warmSession, ["code"] = code, ["wait_s"] = 300 }, ct);
            var coldRun = await cold.OkAsync("validate_code", new() { ["session_id"] = coldSession, ["code"] = code, ["wait_s"] = 300 }, ct);

            Assert.Equal("succeeded", warm.Str("status"));
            Assert.Equal("succeeded", coldRun.Str("status"));
            Assert.Equal("warm", warm.Str("interpreter"));
            Assert.Equal("cold", coldRun.Str("interpreter"));
            Assert.Equal(coldRun.Str("stdout"), warm.Str("stdout"));
        }
    }
}
