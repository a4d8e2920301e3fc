using System.Collections.Concurrent;
using MleDojo.Core.Sessions;
using MleDojo.Sessions.Tests.Support;

namespace MleDojo.Sessions.Tests;

/// <summary>Runs as an agent drives them: waiting, progress, cancellation, polling, and the files it shares with its code.</summary>
public sealed class RunTests(SandboxFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WriteFile_WrittenFiles_CanBeChangedByAgentCode()
    {
        await using var dojo = await Dojo.CreateAsync(fixture);
        var id = (await dojo.StartAsync()).SessionId;
        await dojo.Sessions.WriteFileAsync(id, "output/submission.csv", "id,Label\n", Ct);
        await dojo.Sessions.WriteFileAsync(id, "lib/helpers.py", "X = 1\n", Ct);

        var run = await dojo.ExecuteAsync(id, """
            for p in ['lib/helpers.py', 'lib/new.py', 'output/submission.csv']:
                try:
                    open(p, 'a').write('#')
                    print('ok', p)
                except OSError as e:
                    print('FAILED', p, e)
            """);

        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.DoesNotContain("FAILED", run.Stdout);
        var overwrite = await dojo.ExecuteAsync(id, Scripts.Perfect);
        Assert.Equal(1.0, overwrite.PublicScore);
    }

    [Fact]
    public async Task Execute_CallCancelled_KillsTheRunAndRecordsIt()
    {
        await using var dojo = await Dojo.CreateAsync(fixture);
        var id = (await dojo.StartAsync()).SessionId;
        var progress = new ConcurrentQueue<RunProgress>();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cancel.CancelAfter(TimeSpan.FromSeconds(15));

        // The client gives up once it has seen the run going.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => dojo.Sessions.ExecuteAsync(
            id, Scripts.Forever, TimeSpan.FromSeconds(60), new SyncProgress(progress, cancel), cancel.Token));

        // Progress ticks carried the run's output while it went on.
        Assert.NotEmpty(progress);
        Assert.All(progress, p => Assert.Equal("run-0001", p.RunId));
        Assert.Contains(progress, p => p.RecentLines.Any(l => l.Contains("started training", StringComparison.Ordinal)));

        var recorded = await dojo.Sessions.GetRunAsync(id, "run-0001", TimeSpan.Zero, cancellationToken: Ct);
        Assert.Equal(RunStatus.Cancelled, recorded.Status);
        Assert.Contains("started training", recorded.Stdout);
        Assert.Equal(0, recorded.Budget.RunsInFlight);
        await dojo.AssertHealthyAsync(id);
        await dojo.AssertRecordedAsync(id, expectedRunSteps: 2);
    }

    [Fact]
    public async Task Execute_RunLongerThanTheWait_AnswersRunningAndGetRunPicksItUp()
    {
        await using var dojo = await Dojo.CreateAsync(fixture);
        var id = (await dojo.StartAsync()).SessionId;

        var started = await dojo.ExecuteAsync(id, "import time\nprint('working', flush=True)\ntime.sleep(2)\n" + Scripts.Perfect, waitSeconds: 0.2);
        Assert.Equal(RunStatus.Running, started.Status);
        Assert.Null(started.Submission);
        Assert.Null(started.PublicScore);

        var finished = await dojo.Sessions.GetRunAsync(id, started.RunId, TimeSpan.FromSeconds(30), cancellationToken: Ct);
        Assert.Equal(RunStatus.Succeeded, finished.Status);
        Assert.Equal(1.0, finished.PublicScore);
        Assert.Contains("working", finished.Stdout);

        var again = await dojo.Sessions.GetRunAsync(id, started.RunId, TimeSpan.Zero, cancellationToken: Ct);
        Assert.Equal(finished.PublicScore, again.PublicScore);
        Assert.Equal(finished.Stdout, again.Stdout);

        var unknown = await Assert.ThrowsAsync<SessionException>(() => dojo.Sessions.GetRunAsync(id, "run-0042", TimeSpan.Zero, cancellationToken: Ct));
        Assert.Equal(SessionErrorCode.UnknownRun, unknown.Reason);
        Assert.Contains("run-0001", unknown.Message);
    }

    [Fact]
    public async Task Execute_EmptyOrOversizedCode_IsRefusedWithoutUsingAStep()
    {
        await using var dojo = await Dojo.CreateAsync(fixture, configure: o => o.MaxCodeChars = 1000);
        var id = (await dojo.StartAsync()).SessionId;

        var empty = await Assert.ThrowsAsync<SessionException>(() => dojo.ExecuteAsync(id, "  \n"));
        Assert.Equal(SessionErrorCode.InvalidArgument, empty.Reason);
        var large = await Assert.ThrowsAsync<SessionException>(() => dojo.ValidateAsync(id, "#" + new string('x', 1000)));
        Assert.Contains("write_file", large.Message);

        var run = await dojo.ExecuteAsync(id, Scripts.Hello);
        Assert.Equal(1, run.Step);
    }

    [Fact]
    public async Task End_DuringARun_KillsItKeepingItsOutput()
    {
        await using var dojo = await Dojo.CreateAsync(fixture);
        var id = (await dojo.StartAsync()).SessionId;
        await dojo.ExecuteAsync(id, Scripts.Perfect);
        var going = await dojo.ExecuteAsync(id, Scripts.Forever, waitSeconds: 0);
        Assert.Equal(RunStatus.Running, going.Status);
        await dojo.WaitForOutputAsync(id, going.RunId, "started training");

        var ended = await dojo.Sessions.EndAsync(id, Ct);

        Assert.Equal(EpisodeState.Closed, ended.State);
        Assert.Equal(1, ended.Final!.Step);

        // Once end_session answers, the killed run is already recorded: a history read at once shows it cancelled.
        var history = await dojo.Sessions.GetHistoryAsync(id, Ct);
        Assert.Equal(StepStatus.Cancelled, history.Steps.Single(s => s.RunId == going.RunId).Status);
        var run = await dojo.Sessions.GetRunAsync(id, going.RunId, TimeSpan.Zero, cancellationToken: Ct);
        Assert.Equal(RunStatus.Cancelled, run.Status);
        Assert.Null(run.PublicScore);
        Assert.Contains("started training", run.Stdout);
        await dojo.AssertRecordedAsync(id, expectedRunSteps: 2);
    }

    [Fact]
    public async Task BudgetSweep_IdleEpisodePastItsDeadline_IsTruncatedWithoutAnyCall()
    {
        await using var dojo = await Dojo.CreateAsync(fixture);
        var id = (await dojo.StartAsync(budget: new BudgetRequest { EpisodeTimeoutSeconds = 2 })).SessionId;
        await dojo.ExecuteAsync(id, Scripts.Perfect);

        // The budget sweep runs every 5 s; nothing calls the session meanwhile.
        EpisodeState? state = null;
        for (var i = 0; i < 100 && state != EpisodeState.Truncated; i++)
        {
            await Task.Delay(200, Ct);
            state = (await dojo.RecordedSessionAsync(id))!.State;
        }

        Assert.Equal(EpisodeState.Truncated, state);
        var recorded = await dojo.RecordedStepsAsync(id);
        Assert.Equal(1.0, recorded.Single(s => s.Action == ActionName.Truncate).PrivateScore);
    }

    /// <summary>Reports on the caller's thread, in order (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class SyncProgress(ConcurrentQueue<RunProgress> sink, CancellationTokenSource cancelOnOutput) : IProgress<RunProgress>
    {
        public void Report(RunProgress value)
        {
            sink.Enqueue(value);
            if (value.RecentLines.Count > 0)
            {
                cancelOnOutput.Cancel();
            }
        }
    }
}
