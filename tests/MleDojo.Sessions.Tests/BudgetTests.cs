using MleDojo.Core.Sessions;
using MleDojo.Sessions.Tests.Support;

namespace MleDojo.Sessions.Tests;

/// <summary>Budgets are enforced by the engine: steps, run and episode wall-clock, runs in flight, submissions.</summary>
public sealed class BudgetTests(SandboxFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task MaxSteps_ValidateAndExecuteUpToTheLast_TruncateWithTheBestSubmissionGraded()
    {
        await using var dojo = await Dojo.CreateAsync(fixture);
        var id = (await dojo.StartAsync(budget: new BudgetRequest { MaxSteps = 3 })).SessionId;

        var first = await dojo.ValidateAsync(id, Scripts.Constant);
        Assert.Equal(1, first.Step);
        Assert.False(first.Truncated);
        Assert.Equal(2, first.Budget.StepsRemaining);

        var second = await dojo.ExecuteAsync(id, Scripts.Perfect);
        Assert.Equal(2, second.Step);
        Assert.False(second.Truncated);
        Assert.Null(second.Final);
        Assert.Equal(1, second.Budget.StepsRemaining);

        var last = await dojo.ExecuteAsync(id, Scripts.Constant);
        Assert.Equal(3, last.Step);
        Assert.Equal(RunStatus.Succeeded, last.Status);
        Assert.NotNull(last.PublicScore);
        Assert.True(last.Truncated);
        Assert.False(last.Terminated);
        Assert.Contains("max_steps", last.Note);
        Assert.Equal(0, last.Budget.StepsRemaining);
        Assert.NotNull(last.Final);
        Assert.True(last.Final.Automatic);
        Assert.True(last.Final.Truncated);
        Assert.Equal(2, last.Final.Step);
        Assert.Equal(1.0, last.Final.PrivateScore);

        foreach (var call in new Func<Task>[] { () => dojo.ExecuteAsync(id, Scripts.Hello), () => dojo.ValidateAsync(id, Scripts.Hello), () => dojo.Sessions.SubmitAsync(id, cancellationToken: Ct) })
        {
            var error = await Assert.ThrowsAsync<SessionException>(call);
            Assert.True(error.Reason is SessionErrorCode.EpisodeOver or SessionErrorCode.BudgetExhausted, error.Reason.ToString());
            Assert.Contains("max_steps", error.Message);
            Assert.Contains("Final private score: 1 (step 2)", error.Message);
        }

        var ended = await dojo.Sessions.EndAsync(id, Ct);
        Assert.Equal(EpisodeState.Truncated, ended.State);
        Assert.Equal(2, ended.Final!.Step);
        var recorded = await dojo.AssertRecordedAsync(id, expectedRunSteps: 3);
        Assert.Single(recorded, s => s.Action == ActionName.Truncate && s.PrivateScore == 1.0);
    }

    [Fact]
    public async Task Start_BudgetAboveACeiling_IsRefusedNamingTheField()
    {
        await using var dojo = await Dojo.CreateAsync(fixture);

        var error = await Assert.ThrowsAsync<SessionException>(() => dojo.StartAsync(budget: new BudgetRequest { MaxSteps = 21, MemoryMegabytes = 2048 }));
        Assert.Equal(SessionErrorCode.BudgetAboveCeiling, error.Reason);
        Assert.Contains("max_steps 21 is above the server ceiling 20", error.Message);
        Assert.Contains("memory_mb 2048 is above the server ceiling 1024", error.Message);

        var negative = await Assert.ThrowsAsync<SessionException>(() => dojo.StartAsync(budget: new BudgetRequest { RunTimeoutSeconds = 0 }));
        Assert.Contains("run_timeout_s must be positive", negative.Message);
        Assert.Empty(await dojo.RecordedSessionsAsync());

        var lower = await dojo.StartAsync(budget: new BudgetRequest { MaxSteps = 4, EpisodeTimeoutSeconds = 100 });
        Assert.Equal(4, lower.Budget.MaxSteps);
        Assert.Equal(100, lower.Budget.EpisodeTimeoutSeconds);
        Assert.Equal(Dojo.TestCeilings.RunTimeoutSeconds, lower.Budget.RunTimeoutSeconds);
    }

    [Fact]
    public async Task Execute_PastTheRunTimeout_KillsTheRunKeepingItsOutput()
    {
        await using var dojo = await Dojo.CreateAsync(fixture);
        var id = (await dojo.StartAsync(budget: new BudgetRequest { RunTimeoutSeconds = 2 })).SessionId;

        var run = await dojo.ExecuteAsync(id, Scripts.Forever);

        Assert.Equal(RunStatus.TimedOut, run.Status);
        Assert.Null(run.ExitCode);
        Assert.Contains("started training", run.Stdout);
        Assert.Contains("wall-clock", run.Note);
        Assert.InRange(run.DurationSeconds, 1.5, 20);
        Assert.False(run.Truncated);
        Assert.Equal(0, run.Budget.RunsInFlight);
        await dojo.AssertHealthyAsync(id);
        await dojo.AssertRecordedAsync(id, expectedRunSteps: 2);
    }

    [Fact]
    public async Task Execute_PastTheEpisodeDeadline_CutsTheRunAndTruncatesWithTheBestSubmissionGraded()
    {
        await using var dojo = await Dojo.CreateAsync(fixture);
        var started = await dojo.StartAsync(budget: new BudgetRequest { EpisodeTimeoutSeconds = 6 });
        var id = started.SessionId;
        var scored = await dojo.ExecuteAsync(id, Scripts.Perfect);
        Assert.Equal(1.0, scored.PublicScore);
        Assert.InRange(scored.Budget.EpisodeRemainingSeconds, 0, 6);

        // The run may go on for 30 s, but the episode has only a few seconds left.
        var cut = await dojo.ExecuteAsync(id, Scripts.Forever, waitSeconds: 30);

        Assert.True(cut.Status is RunStatus.TimedOut or RunStatus.Cancelled, cut.Status.ToString());
        Assert.Contains("started training", cut.Stdout);
        Assert.InRange(cut.DurationSeconds, 0, 15);
        Assert.True(cut.Truncated, cut.Note);
        Assert.Contains("episode wall-clock", cut.Note);
        Assert.NotNull(cut.Final);
        Assert.Equal(1, cut.Final.Step);
        Assert.Equal(1.0, cut.Final.PrivateScore);
        Assert.Equal(0, cut.Budget.EpisodeRemainingSeconds);

        var error = await Assert.ThrowsAsync<SessionException>(() => dojo.ExecuteAsync(id, Scripts.Hello));
        Assert.Equal(SessionErrorCode.EpisodeOver, error.Reason);
        Assert.Contains("episode wall-clock budget of 6 s spent", error.Message);
        var history = await dojo.Sessions.GetHistoryAsync(id, Ct);
        Assert.Equal(EpisodeState.Truncated, history.State);
        await dojo.AssertRecordedAsync(id, expectedRunSteps: 2);
    }

    [Fact]
    public async Task Execute_WhileARunIsInFlight_IsRefused()
    {
        await using var dojo = await Dojo.CreateAsync(fixture);
        var id = (await dojo.StartAsync()).SessionId;

        var going = await dojo.ExecuteAsync(id, Scripts.Forever, waitSeconds: 0);
        Assert.Equal(RunStatus.Running, going.Status);
        Assert.Equal("run-0001", going.RunId);
        Assert.Equal(1, going.Budget.RunsInFlight);
        Assert.Contains("get_run", going.Note);

        var error = await Assert.ThrowsAsync<SessionException>(() => dojo.ExecuteAsync(id, Scripts.Hello, waitSeconds: 0));
        Assert.Equal(SessionErrorCode.TooManyRuns, error.Reason);
        Assert.Contains("run-0001", error.Message);
        Assert.Contains("cancel_run", error.Message);

        // Still running when polled briefly; cancelling keeps what it printed.
        await dojo.WaitForOutputAsync(id, going.RunId, "started training");
        var polled = await dojo.Sessions.GetRunAsync(id, going.RunId, TimeSpan.FromSeconds(0.5), cancellationToken: Ct);
        Assert.Equal(RunStatus.Running, polled.Status);
        var cancelled = await dojo.Sessions.CancelRunAsync(id, going.RunId, Ct);
        Assert.Equal(RunStatus.Cancelled, cancelled.Status);
        Assert.Contains("started training", cancelled.Stdout);
        Assert.Equal(0, cancelled.Budget.RunsInFlight);

        // The refused call cost no step; the next run is step 2.
        var next = await dojo.ExecuteAsync(id, Scripts.Hello);
        Assert.Equal(2, next.Step);
        var again = await dojo.Sessions.GetRunAsync(id, going.RunId, TimeSpan.Zero, cancellationToken: Ct);
        Assert.Equal(RunStatus.Cancelled, again.Status);
        await dojo.AssertRecordedAsync(id, expectedRunSteps: 2);
    }

    [Fact]
    public async Task Submit_SecondOfTwoAllowed_TerminatesWithTheBestPrivateAsFinal()
    {
        await using var dojo = await Dojo.CreateAsync(fixture, c => c with { MaxSubmissions = 3 });
        var id = (await dojo.StartAsync(budget: new BudgetRequest { MaxSubmissions = 2 })).SessionId;
        await dojo.ExecuteAsync(id, Scripts.Perfect);
        await dojo.ExecuteAsync(id, Scripts.Constant);

        var first = await dojo.Sessions.SubmitAsync(id, 1, Ct);
        Assert.False(first.Terminated);
        Assert.Equal(1, first.Budget.SubmissionsRemaining);
        Assert.Equal(1.0, first.PrivateScore);

        var second = await dojo.Sessions.SubmitAsync(id, 2, Ct);
        Assert.True(second.Terminated);
        Assert.Equal(0, second.Budget.SubmissionsRemaining);
        Assert.True(second.PrivateScore < 1.0);

        var ended = await dojo.Sessions.EndAsync(id, Ct);
        Assert.Equal(EpisodeState.Terminated, ended.State);
        Assert.Equal(1, ended.Final!.Step);
        Assert.Equal(1.0, ended.Final.PrivateScore);
        Assert.False(ended.Final.Automatic);
        var error = await Assert.ThrowsAsync<SessionException>(() => dojo.Sessions.SubmitAsync(id, 1, Ct));
        Assert.Contains("all 2 final submissions graded", error.Message);
    }

    [Fact]
    public async Task End_AfterFewerSubmissionsThanAllowed_KeepsTheAgentsChoice()
    {
        await using var dojo = await Dojo.CreateAsync(fixture, c => c with { MaxSubmissions = 2 });
        var id = (await dojo.StartAsync()).SessionId;
        await dojo.ExecuteAsync(id, Scripts.Perfect);
        await dojo.ExecuteAsync(id, Scripts.Constant);
        var chosen = await dojo.Sessions.SubmitAsync(id, 2, Ct);
        Assert.False(chosen.Terminated);

        var ended = await dojo.Sessions.EndAsync(id, Ct);

        // The episode's result is the submission the agent made, not a better step picked for it.
        Assert.Equal(EpisodeState.Closed, ended.State);
        Assert.Equal(2, ended.Final!.Step);
        Assert.False(ended.Final.Automatic);
        Assert.Equal(chosen.PrivateScore, ended.Final.PrivateScore);
        var record = await dojo.RecordedSessionAsync(id);
        Assert.Contains("\"step\":2", record!.FinalJson);
    }

    [Fact]
    public async Task EveryCall_Result_CarriesTheRemainingBudgetGoingDown()
    {
        await using var dojo = await Dojo.CreateAsync(fixture);
        var started = await dojo.StartAsync(budget: new BudgetRequest { MaxSteps = 5 });
        var id = started.SessionId;
        Assert.Equal(5, started.Budget.StepsRemaining);
        Assert.Equal(1, started.Budget.SubmissionsRemaining);

        var budgets = new List<BudgetStatus> { started.Budget };
        budgets.Add((await dojo.ValidateAsync(id, Scripts.Hello)).Budget);
        budgets.Add((await dojo.Sessions.RequestInfoAsync(id, "budget", Ct)).Budget);
        budgets.Add((await dojo.ExecuteAsync(id, Scripts.Perfect)).Budget);
        await Task.Delay(200, Ct);
        budgets.Add((await dojo.Sessions.GetHistoryAsync(id, Ct)).Budget);
        var submitted = await dojo.Sessions.SubmitAsync(id, cancellationToken: Ct);

        Assert.Equal([5, 4, 4, 3, 3], budgets.Select(b => b.StepsRemaining));
        for (var i = 1; i < budgets.Count; i++)
        {
            Assert.True(budgets[i].EpisodeRemainingSeconds <= budgets[i - 1].EpisodeRemainingSeconds);
        }

        Assert.True(budgets[^1].EpisodeRemainingSeconds < started.Budget.EpisodeTimeoutSeconds);
        Assert.Equal(0, submitted.Budget.SubmissionsRemaining);
        Assert.Equal(0, submitted.Budget.EpisodeRemainingSeconds);
    }
}
