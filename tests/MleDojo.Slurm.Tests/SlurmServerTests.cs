using MleDojo.Sandbox.Docker;
using ModelContextProtocol.Client;

namespace MleDojo.Slurm.Tests;

/// <summary>
/// The real server (<c>mledojo serve --sandbox slurm</c>) driven over stdio: sessions queue on a small partition and all
/// reach a graded submission, nothing of the answers or the database reaches the shared root, and a server killed with
/// SIGKILL is followed by one that re-attaches its live sessions, cancels its orphans and leaves foreign jobs alone.
/// </summary>
public sealed class SlurmServerTests(SlurmFixture fixture) : IAsyncLifetime
{
    private readonly SlurmServerHome _server = new("mledojo-stest");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        fixture.Require();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        _server.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Serve_MoreSessionsThanThePartitionHolds_AllReachAGradedSubmissionAndNoAnswerReachesTheSharedRoot()
    {
        // The small partition holds two sessions of the default budget (2 CPUs each) at once; five start together.
        await using var client = await StartServerAsync("mledojo-small");
        var episodes = await Task.WhenAll(Enumerable.Range(0, 5).Select(async _ =>
        {
            var started = SlurmServerHome.Structured(await client.CallToolAsync("start_session", new Dictionary<string, object?> { ["competition_id"] = "titanic" }, cancellationToken: Ct));
            var session = started.GetProperty("session_id").GetString()!;
            try
            {
                var step = SlurmServerHome.Structured(await client.CallToolAsync("execute_code", new Dictionary<string, object?> { ["session_id"] = session, ["code"] = SlurmServerHome.TitanicSubmission, ["wait_s"] = 120 }, cancellationToken: Ct));
                var submitted = SlurmServerHome.Structured(await client.CallToolAsync("submit", new Dictionary<string, object?> { ["session_id"] = session }, cancellationToken: Ct));
                return (Session: session, Sandbox: started.GetProperty("sandbox").GetString(), Step: step.ToString(), Score: submitted.GetProperty("private_score").GetDouble(), Terminated: submitted.GetProperty("terminated").GetBoolean());
            }
            finally
            {
                // Ending releases the allocation, which the queued sessions wait for, whatever happened above.
                await client.CallToolAsync("end_session", new Dictionary<string, object?> { ["session_id"] = session }, cancellationToken: Ct);
            }
        }));

        Assert.All(episodes, e => Assert.StartsWith("slurm", e.Sandbox, StringComparison.Ordinal));
        Assert.All(episodes, e => Assert.True(e.Terminated && e.Score > 0.5, e.Step));
        Assert.Equal(5, episodes.Select(e => e.Session).Distinct().Count());

        // The answers and the database stayed in the data root: no file under the shared root has their bytes or names.
        var answers = Directory.EnumerateFiles(Path.Combine(_server.Home, "prepared", "titanic"), "*", SearchOption.AllDirectories)
            .Where(f => f.Contains($"{Path.DirectorySeparatorChar}private{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllBytes)
            .ToList();
        Assert.NotEmpty(answers);
        foreach (var file in Directory.EnumerateFiles(_server.Shared, "*", SearchOption.AllDirectories))
        {
            Assert.DoesNotContain("mledojo.db", Path.GetFileName(file), StringComparison.Ordinal);
            Assert.DoesNotContain($"{Path.DirectorySeparatorChar}private{Path.DirectorySeparatorChar}", file, StringComparison.Ordinal);
            var bytes = File.ReadAllBytes(file);
            Assert.DoesNotContain(answers, a => a.AsSpan().SequenceEqual(bytes));
        }
    }

    [Fact]
    public async Task Serve_KilledThenRestarted_ResumesLiveSessionsCancelsOrphansAndLeavesForeignJobs()
    {
        var instance = DockerInstance.ForDataRoot(_server.Home);
        string session;
        long job;

        // Given a server with a live session that ran a step in its allocation.
        var client = await StartServerAsync(partition: null);
        try
        {
            session = SlurmServerHome.Structured(await client.CallToolAsync("start_session", new Dictionary<string, object?> { ["competition_id"] = "titanic" }, cancellationToken: Ct)).GetProperty("session_id").GetString()!;
            var step = SlurmServerHome.Structured(await client.CallToolAsync("execute_code", new Dictionary<string, object?> { ["session_id"] = session, ["code"] = "print('before')\n", ["wait_s"] = 60 }, cancellationToken: Ct));
            Assert.Equal("succeeded", step.GetProperty("status").GetString());
            job = await SlurmQueue.JobOfSessionAsync(session);

            // When it is killed with SIGKILL: nothing runs its shutdown.
            foreach (var pid in HostProcesses.WithToken(_server.Home).Where(pid => pid != Environment.ProcessId))
            {
                System.Diagnostics.Process.GetProcessById(pid).Kill();
            }

            Assert.True(await HostProcesses.EventuallyAsync(() => HostProcesses.WithToken(_server.Home).Count == 0, TimeSpan.FromSeconds(15), Ct));
        }
        finally
        {
            await DisposeQuietlyAsync(client);
        }

        // An allocation of this instance whose session the store does not know, and jobs that are not this instance's.
        var orphan = await SlurmQueue.SubmitForeignAsync($"mledojo-{instance[..8]}-s-000000000000", $"mledojo.instance={instance} mledojo.session=s-000000000000");
        var foreign = await SlurmQueue.SubmitForeignAsync($"mledojo-{instance[..8]}-{session}", $"mledojo.instance=someone-else mledojo.session={session}");
        try
        {
            Assert.Equal("RUNNING", await SlurmQueue.JobStateAsync(job));

            // Then the next server on the same data root cancels the orphan at start-up and the session resumes in its allocation.
            await using var restarted = await StartServerAsync(partition: null);
            await restarted.ListToolsAsync(cancellationToken: Ct);
            Assert.True(await SlurmQueue.EventuallyAsync(async () => await SlurmQueue.JobStateAsync(orphan) is null or "CANCELLED", TimeSpan.FromSeconds(30), Ct));
            var step = SlurmServerHome.Structured(await restarted.CallToolAsync("execute_code", new Dictionary<string, object?> { ["session_id"] = session, ["code"] = "print('after')\n", ["wait_s"] = 60 }, cancellationToken: Ct));
            Assert.Equal("succeeded", step.GetProperty("status").GetString());
            Assert.Contains("after", step.GetProperty("stdout").GetString(), StringComparison.Ordinal);
            Assert.Equal(job, await SlurmQueue.JobOfSessionAsync(session));
            Assert.Equal("RUNNING", await SlurmQueue.JobStateAsync(foreign));
        }
        finally
        {
            await SlurmQueue.CancelAsync(foreign);
            await SlurmQueue.CancelAsync(orphan);
        }

        // A clean shutdown released the session's allocation.
        Assert.True(await SlurmQueue.EventuallyAsync(async () => await SlurmQueue.JobStateAsync(job) is null or "CANCELLED", TimeSpan.FromSeconds(30), Ct));
    }

    // Queued sessions wait in start_session until their allocation starts.
    private Task<McpClient> StartServerAsync(string? partition) =>
        _server.StartServerAsync(partition, new Dictionary<string, string?> { ["MleDojo__Sandbox__Slurm__AllocationWait"] = "00:10:00" }, Ct);

    private static async Task DisposeQuietlyAsync(McpClient client)
    {
        try
        {
            await client.DisposeAsync();
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or OperationCanceledException)
        {
            // The server was killed under the client.
        }
    }
}
