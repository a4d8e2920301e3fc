using MleDojo.Agents.Tests.Support;
using ModelContextProtocol.Client;

namespace MleDojo.Agents.Tests;

/// <summary>
/// The agent on a busy Slurm cluster (scripts/slurm-cluster.sh): a session that starts queued is waited out without a
/// single model call, then played; one still queued past the agent's patience is ended. Skipped without a cluster,
/// except under CI.
/// </summary>
public sealed class QueuedEpisodeAgentTests : IAsyncDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("mledojo-agents-queue-").FullName;
    private readonly string _shared = Directory.CreateTempSubdirectory("mledojo-agents-shared-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PlayAsync_SessionQueuedOnAFullPartition_WaitsWithoutCallingTheModelThenPlays()
    {
        Assert.SkipWhen(
            string.IsNullOrEmpty(Environment.GetEnvironmentVariable("SLURM_CONF")) && Environment.GetEnvironmentVariable("CI") is null or "" or "false",
            "No Slurm cluster: SLURM_CONF is not set (eval \"$(scripts/slurm-cluster.sh start)\").");
        await using var server = await ConnectAsync();
        var blocker = await SlurmQueue.SubmitBlockerAsync("mledojo-agents", cpus: 4);
        try
        {
            Assert.True(await SlurmQueue.EventuallyAsync(async () => await SlurmQueue.JobStateAsync(blocker) == "RUNNING", TimeSpan.FromSeconds(60), Ct), "the blocker never ran");

            // Given an agent whose patience runs out while the partition stays full: it ends the session, unplayed.
            await using (var impatient = await ScriptedChatEndpoint.StartAsync(ScriptedReply.Text("never asked")))
            {
                var options = Options();
                options.MaxQueueWaitSeconds = 3;
                var gaveUp = await new EpisodeAgent().PlayAsync(server, OpenAIChatClients.For(impatient), options, Ct);

                Assert.Equal("queued", gaveUp.StoppedBecause);
                Assert.Equal("closed", gaveUp.State);
                Assert.Empty(impatient.Requests);
                Assert.Equal(0, gaveUp.Steps);
            }

            // When a patient agent starts while the partition is full, and it frees up some seconds later.
            await using var endpoint = await ScriptedChatEndpoint.StartAsync(
                ScriptedReply.ToolCall("execute_code", """{"code": "print('ran on the cluster')"}"""),
                ScriptedReply.Text("Done."));
            var playing = new EpisodeAgent().PlayAsync(server, OpenAIChatClients.For(endpoint), Options(), Ct);
            await Task.Delay(TimeSpan.FromSeconds(6), Ct);
            Assert.Empty(endpoint.Requests);
            Assert.False(playing.IsCompleted);
            await SlurmQueue.CancelAsync(blocker);
            var result = await playing.WaitAsync(TimeSpan.FromMinutes(5), Ct);

            // Then the model was first asked once the session was active, and the run used a step.
            Assert.True(result.Error is null, result.Error);
            Assert.Equal(1, result.Steps);
            Assert.Equal(2, endpoint.Requests.Count);
            var task = endpoint.Requests[0].Messages[1].Content!;
            Assert.Contains("\"state\":\"active\"", task.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
            Assert.DoesNotContain("\"queue\"", task, StringComparison.Ordinal);
        }
        finally
        {
            await SlurmQueue.CancelAsync(blocker);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var directory in new[] { _home, _shared })
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Temporary files; the OS cleans them eventually.
            }
        }

        await Task.CompletedTask;
    }

    private static AgentOptions Options() => new()
    {
        CompetitionId = "titanic",
        WaitSeconds = 60,
        MaxIdleReplies = 1,
        QueuePollSeconds = 0.5,
    };

    private Task<McpClient> ConnectAsync() =>
        McpClient.CreateAsync(
            new StdioClientTransport(new StdioClientTransportOptions
            {
                Name = "mledojo",
                Command = RepositoryPaths.ServerExecutable,
                Arguments = ["serve", "--sandbox", "slurm", "--slurm-partition", "mledojo-agents", "--slurm-shared-root", _shared],

                // start_session answers queued at once rather than waiting for the allocation.
                EnvironmentVariables = new Dictionary<string, string?> { ["MLEDOJO_HOME"] = _home, ["MleDojo__Sandbox__Slurm__AllocationWait"] = "00:00:01" },
                ShutdownTimeout = TimeSpan.FromSeconds(30),
            }),
            cancellationToken: Ct);
}
