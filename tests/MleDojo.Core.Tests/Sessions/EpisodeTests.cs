using MleDojo.Core.Grading;
using MleDojo.Core.Sessions;
using Microsoft.Extensions.Time.Testing;

namespace MleDojo.Core.Tests.Sessions;

/// <summary>The rules of an episode, without a sandbox, a store or a clock of the machine's.</summary>
public sealed class EpisodeTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Start);

    [Fact]
    public void Budget_AtStart_ReportsEveryLimitAndTheWholeClock()
    {
        var episode = CreateSut(new BudgetLimits { MaxSteps = 7, EpisodeTimeoutSeconds = 600, MaxSubmissions = 2, MaxRunsInFlight = 3 });

        var budget = episode.Budget();

        Assert.Equal(7, budget.MaxSteps);
        Assert.Equal(0, budget.StepsUsed);
        Assert.Equal(7, budget.StepsRemaining);
        Assert.Equal(600, budget.EpisodeRemainingSeconds);
        Assert.Equal(2, budget.SubmissionsRemaining);
        Assert.Equal(3, budget.MaxRunsInFlight);
        Assert.Equal(0, budget.RunsInFlight);
    }

    [Fact]
    public void Budget_AsTimePasses_CountsTheClockDownAndStopsAtZero()
    {
        var episode = CreateSut(new BudgetLimits { EpisodeTimeoutSeconds = 100 });

        _time.Advance(TimeSpan.FromSeconds(30.25));
        Assert.Equal(69.8, episode.Budget().EpisodeRemainingSeconds); // rounded to a tenth

        _time.Advance(TimeSpan.FromSeconds(500));
        Assert.Equal(0, episode.Budget().EpisodeRemainingSeconds);
    }

    [Fact]
    public void PlanRun_BeforeItStarts_UsesNoStep()
    {
        var episode = CreateSut();

        var plan = episode.PlanRun();

        Assert.Equal(1, plan.Step);
        Assert.Equal("run-0001", plan.RunId);
        Assert.Equal("runs/step-0001.py", plan.ScriptPath);
        Assert.Equal(0, episode.StepsUsed);
        Assert.Equal(1, episode.PlanRun().Step);
    }

    [Fact]
    public void RunStarted_CountsTheStepAndHoldsASlotUntilItEnds()
    {
        var episode = CreateSut();

        episode.RunStarted(episode.PlanRun());

        Assert.Equal(1, episode.StepsUsed);
        Assert.Equal(1, episode.RunsInFlight);
        Assert.Equal(2, episode.PlanRun().Step);
        episode.RunEnded();
        Assert.Equal(0, episode.RunsInFlight);
        Assert.Equal(1, episode.StepsUsed);
    }

    [Fact]
    public void PlanRun_NearTheDeadline_CutsTheTimeoutToTheClockAndSaysTheRunEndsTheEpisode()
    {
        var episode = CreateSut(new BudgetLimits { RunTimeoutSeconds = 60, EpisodeTimeoutSeconds = 100 });

        var early = episode.PlanRun();
        _time.Advance(TimeSpan.FromSeconds(80));
        var late = episode.PlanRun();

        Assert.Equal(TimeSpan.FromSeconds(60), early.Timeout);
        Assert.False(early.EndsAtDeadline);
        Assert.Equal(TimeSpan.FromSeconds(20), late.Timeout);
        Assert.True(late.EndsAtDeadline);
    }

    [Fact]
    public void PlanRun_PastTheDeadline_StillGivesAtLeastOneSecond()
    {
        var episode = CreateSut(new BudgetLimits { EpisodeTimeoutSeconds = 10 });

        _time.Advance(TimeSpan.FromSeconds(11));

        Assert.Equal(TimeSpan.FromSeconds(1), episode.PlanRun().Timeout);
    }

    [Fact]
    public void RefuseRun_WhenEveryStepIsUsed_RefusesWithBudgetExhausted()
    {
        var episode = CreateSut(new BudgetLimits { MaxSteps = 1, MaxRunsInFlight = 2 });
        episode.RunStarted(episode.PlanRun());

        var refusal = episode.RefuseRun(["run-0001"]);

        Assert.Equal(SessionErrorCode.BudgetExhausted, refusal?.Code);
        Assert.Contains("All 1 steps are used", refusal!.Message);
    }

    [Fact]
    public void RefuseRun_WithTheRunsInFlightLimitReached_NamesTheRunsGoing()
    {
        var episode = CreateSut(new BudgetLimits { MaxRunsInFlight = 1 });
        Assert.Null(episode.RefuseRun([]));
        episode.RunStarted(episode.PlanRun());

        var refusal = episode.RefuseRun(["run-0001"]);

        Assert.Equal(SessionErrorCode.TooManyRuns, refusal?.Code);
        Assert.Contains("(run-0001)", refusal!.Message);
        Assert.Contains("get_run", refusal.Message);
        episode.RunEnded();
        Assert.Null(episode.RefuseRun([]));
    }

    [Fact]
    public void TruncationDue_WhileBudgetsLast_IsNull()
    {
        var episode = CreateSut(new BudgetLimits { MaxSteps = 2, EpisodeTimeoutSeconds = 100 });
        episode.RunStarted(episode.PlanRun());
        episode.RunEnded();
        _time.Advance(TimeSpan.FromSeconds(99));

        Assert.Null(episode.TruncationDue());
    }

    [Fact]
    public void TruncationDue_AtTheDeadline_NamesTheWallClockBudget()
    {
        var episode = CreateSut(new BudgetLimits { EpisodeTimeoutSeconds = 100 });

        _time.Advance(TimeSpan.FromSeconds(100));

        Assert.Equal("episode wall-clock budget of 100 s spent", episode.TruncationDue());
    }

    [Fact]
    public void TruncationDue_ARunCutAtTheDeadline_EndsTheEpisodeEvenIfTheClockReadsEarlier()
    {
        var episode = CreateSut(new BudgetLimits { EpisodeTimeoutSeconds = 100 });

        Assert.Null(episode.TruncationDue(runCutAtDeadline: false));
        Assert.Equal("episode wall-clock budget of 100 s spent", episode.TruncationDue(runCutAtDeadline: true));
    }

    [Fact]
    public void TruncationDue_LastStepStillRunning_WaitsForIt()
    {
        var episode = CreateSut(new BudgetLimits { MaxSteps = 1 });
        episode.RunStarted(episode.PlanRun());

        Assert.Null(episode.TruncationDue());
        episode.RunEnded();
        Assert.Equal("max_steps budget of 1 steps used", episode.TruncationDue());
    }

    [Theory]
    [InlineData(true, new[] { 0.5, 0.9, 0.7 }, 2)]
    [InlineData(false, new[] { 0.5, 0.9, 0.3 }, 3)]
    [InlineData(true, new[] { 0.8, 0.8 }, 1)] // a tie keeps the earlier step
    public void RunScored_TracksTheBestStepInTheMetricsDirection(bool higherIsBetter, double[] scores, int expectedBest)
    {
        var episode = CreateSut(higherIsBetter: higherIsBetter);

        for (var i = 0; i < scores.Length; i++)
        {
            episode.RunStarted(episode.PlanRun());
            episode.RunScored(i + 1, scores[i], $"snap-{i + 1}");
            episode.RunEnded();
        }

        Assert.Equal(expectedBest, episode.BestStep);
        Assert.Equal(scores[expectedBest - 1], episode.BestPublicScore);
        Assert.Equal($"snap-{expectedBest}", episode.SnapshotOf(expectedBest));
        Assert.True(episode.SawPublicScores);
    }

    [Fact]
    public void RunScored_ReturnsTheRewardOfThePublicScore()
    {
        var episode = new Episode(new BudgetLimits(), higherIsBetter: true, Start, score => score * 10, _time);

        Assert.Equal(7.5, episode.RunScored(1, 0.75, "snap"));
    }

    [Fact]
    public void Scores_OnlyExecuteCodeOfAnActiveEpisode()
    {
        var episode = CreateSut();

        Assert.True(episode.Scores(ActionName.ExecuteCode));
        Assert.False(episode.Scores(ActionName.ValidateCode));
        episode.Close("ended by end_session", graded: null);
        Assert.False(episode.Scores(ActionName.ExecuteCode));
    }

    [Fact]
    public void RefuseSubmit_WithNothingScored_SaysHowToGetASubmission()
    {
        var episode = CreateSut();

        var refusal = episode.RefuseSubmit(null, out _);

        Assert.Equal(SessionErrorCode.NothingToSubmit, refusal?.Code);
        Assert.Contains("execute_code", refusal!.Message);
    }

    [Fact]
    public void RefuseSubmit_AnUnscoredStep_ListsTheStepsThatCanBeSubmitted()
    {
        var episode = CreateSut();
        episode.RunScored(2, 0.5, "a");
        episode.RunScored(4, 0.6, "b");

        var refusal = episode.RefuseSubmit(3, out _);

        Assert.Equal(SessionErrorCode.InvalidArgument, refusal?.Code);
        Assert.Contains("Steps you can submit: 2, 4.", refusal!.Message);
    }

    [Fact]
    public void RefuseSubmit_WithoutAStep_ChoosesTheBestPublicScore()
    {
        var episode = CreateSut();
        episode.RunScored(1, 0.9, "a");
        episode.RunScored(2, 0.6, "b");

        Assert.Null(episode.RefuseSubmit(null, out var chosen));
        Assert.Equal(1, chosen);
        Assert.Null(episode.RefuseSubmit(2, out chosen));
        Assert.Equal(2, chosen);
    }

    [Fact]
    public void Submitted_TheLastAllowedSubmission_TerminatesWithTheBestPrivateScore()
    {
        var episode = CreateSut(new BudgetLimits { MaxSubmissions = 2 }, higherIsBetter: false);

        Assert.False(episode.Submitted(Graded(step: 1, privateScore: 0.4)));
        Assert.Equal(EpisodeState.Active, episode.State);
        Assert.Equal(1, episode.Budget().SubmissionsRemaining);
        Assert.True(episode.Submitted(Graded(step: 2, privateScore: 0.2)));

        Assert.Equal(EpisodeState.Terminated, episode.State);
        Assert.Equal("all 2 final submissions graded", episode.EndReason);
        Assert.Equal(2, episode.Final?.Step);
        Assert.Equal(Start, episode.EndedAt);
        Assert.Equal(0, episode.Budget().SubmissionsRemaining);
    }

    [Fact]
    public void Submitted_AnUngradableSubmission_LosesToAGradedOne()
    {
        var episode = CreateSut(new BudgetLimits { MaxSubmissions = 2 });

        episode.Submitted(Graded(step: 1, privateScore: 0.1));
        episode.Submitted(Graded(step: 2, privateScore: null));

        Assert.Equal(1, episode.Final?.Step);
    }

    [Fact]
    public void Truncate_WithoutSubmissions_KeepsTheGradedBestStepMarkedTruncated()
    {
        var episode = CreateSut();
        episode.RunScored(1, 0.7, "a");
        Assert.Equal(1, episode.StepToGradeAtEnd);

        episode.Truncate("episode wall-clock budget of 100 s spent", Graded(step: 1, privateScore: 0.6));

        Assert.Equal(EpisodeState.Truncated, episode.State);
        Assert.True(episode.Final?.Truncated);
        Assert.Equal(0.6, episode.Final?.PrivateScore);
        Assert.Null(episode.TruncationDue());
        Assert.Equal(0, episode.Budget().EpisodeRemainingSeconds);
    }

    [Fact]
    public void Truncate_AfterSubmissions_KeepsTheAgentsBestSubmission()
    {
        var episode = CreateSut(new BudgetLimits { MaxSubmissions = 3 });
        episode.RunScored(1, 0.7, "a");
        episode.RunScored(2, 0.9, "b");
        episode.Submitted(Graded(step: 1, privateScore: 0.5));

        Assert.Null(episode.StepToGradeAtEnd);
        episode.Truncate("max_steps budget of 50 steps used", graded: null);

        Assert.Equal(1, episode.Final?.Step);
        Assert.True(episode.Final?.Truncated);
    }

    [Fact]
    public void Close_WithNothingScored_EndsWithoutAFinalGrading()
    {
        var episode = CreateSut();

        episode.Close("ended by end_session", graded: null);

        Assert.Equal(EpisodeState.Closed, episode.State);
        Assert.Null(episode.Final);
        Assert.Null(episode.StepToGradeAtEnd);
    }

    [Fact]
    public void RefuseChange_AfterTheEnd_SaysWhyWithTheFinalScoreAndWhatStillWorks()
    {
        var episode = CreateSut();
        episode.RunScored(3, 0.7, "a");
        episode.Submitted(Graded(step: 3, privateScore: 0.8125));

        var refusal = episode.RefuseChange();

        Assert.Equal(SessionErrorCode.EpisodeOver, refusal?.Code);
        Assert.Equal("The episode is terminated: final submission graded. Final private score: 0.8125 (step 3). Start a new episode with reset or start_session; get_history still works.", refusal!.Message);
        Assert.Equal(SessionErrorCode.EpisodeOver, episode.RefuseRun([])?.Code);
        Assert.Equal(SessionErrorCode.EpisodeOver, episode.RefuseSubmit(3, out _)?.Code);
    }

    [Fact]
    public void Restore_AfterReplay_GivesBackTheRecordedEpisode()
    {
        var recorded = CreateSut(new BudgetLimits { MaxSubmissions = 2 });
        recorded.RunStarted(recorded.PlanRun());
        recorded.RunScored(1, 0.5, "a");
        recorded.RunEnded();

        var restored = CreateSut(new BudgetLimits { MaxSubmissions = 2 });
        restored.ReplayStep(1);
        restored.ReplayStep(3);
        restored.ReplayScore(1, 0.5, "a");
        restored.ReplaySubmission(Graded(step: 1, privateScore: 0.4));
        restored.Restore(EpisodeState.Active, clockStartedAt: null, endReason: null, endedAt: null, sawPublicScores: true, final: null);

        Assert.Equal(3, restored.StepsUsed);
        Assert.Equal(0, restored.RunsInFlight);
        Assert.Equal(1, restored.BestStep);
        Assert.Equal(1, restored.Budget().SubmissionsRemaining);
        Assert.True(restored.IsActive);
    }

    [Fact]
    public void Queued_LongPastItsWallClock_IsNeitherTruncatedNorCountingDownAndRefusesChanges()
    {
        var episode = CreateSut(new BudgetLimits { EpisodeTimeoutSeconds = 100 });
        episode.Queue();

        _time.Advance(TimeSpan.FromSeconds(1000));

        Assert.Equal(EpisodeState.Queued, episode.State);
        Assert.False(episode.HasEnded);
        Assert.Null(episode.TruncationDue());
        Assert.Null(episode.ClockStartedAt);
        Assert.Equal(100, episode.Budget().EpisodeRemainingSeconds);
        Assert.Equal(SessionErrorCode.SessionQueued, episode.RefuseRun([])?.Code);
        Assert.Equal(SessionErrorCode.SessionQueued, episode.RefuseSubmit(null, out _)?.Code);
    }

    [Fact]
    public void StartClock_OfAQueuedEpisode_MakesItActiveWithTheWholeClockFromThen()
    {
        var episode = CreateSut(new BudgetLimits { EpisodeTimeoutSeconds = 100 });
        episode.Queue();
        _time.Advance(TimeSpan.FromSeconds(1000));

        episode.StartClock(_time.GetUtcNow());
        _time.Advance(TimeSpan.FromSeconds(40));

        Assert.True(episode.IsActive);
        Assert.Equal(Start.AddSeconds(1000), episode.ClockStartedAt);
        Assert.Equal(Start, episode.StartedAt);
        Assert.Equal(60, episode.Budget().EpisodeRemainingSeconds);
        Assert.Null(episode.TruncationDue());
        _time.Advance(TimeSpan.FromSeconds(60));
        Assert.NotNull(episode.TruncationDue());
    }

    [Fact]
    public void Close_OfAQueuedEpisode_EndsItWithNothingGraded()
    {
        var episode = CreateSut();
        episode.Queue();

        episode.Close("ended by end_session", episode.StepToGradeAtEnd is null ? null : Graded(1, 0.5));

        Assert.Equal(EpisodeState.Closed, episode.State);
        Assert.Null(episode.Final);
        Assert.Equal(0, episode.StepsUsed);
    }

    [Fact]
    public void Queue_AfterAStep_IsRefused()
    {
        var episode = CreateSut();
        episode.RunStarted(episode.PlanRun());

        Assert.Throws<InvalidOperationException>(episode.Queue);
    }

    [Fact]
    public void Restore_OfAQueuedRecord_KeepsTheClockStopped()
    {
        var episode = CreateSut(new BudgetLimits { EpisodeTimeoutSeconds = 100 });

        episode.Restore(EpisodeState.Queued, clockStartedAt: null, endReason: null, endedAt: null, sawPublicScores: false, final: null);
        _time.Advance(TimeSpan.FromSeconds(1000));

        Assert.True(episode.IsQueued);
        Assert.Null(episode.TruncationDue());
        Assert.Equal(100, episode.Budget().EpisodeRemainingSeconds);
    }

    private Episode CreateSut(BudgetLimits? limits = null, bool higherIsBetter = true) =>
        new(limits ?? new BudgetLimits(), higherIsBetter, Start, score => score, _time);

    private static SubmitResult Graded(int step, double? privateScore) => new()
    {
        SessionId = "s-test",
        Step = step,
        PrivateScore = privateScore,
        Automatic = false,
        Terminated = false,
        Truncated = false,
        SawPublicScores = true,
        Report = new GradeReport
        {
            CompetitionId = "c",
            Metric = "accuracy",
            IsLowerBetter = false,
            SubmissionExists = true,
            ValidSubmission = true,
            Errors = [],
            CreatedAt = Start,
        },
        Budget = new BudgetStatus
        {
            MaxSteps = 1,
            StepsUsed = 0,
            RunTimeoutSeconds = 1,
            EpisodeTimeoutSeconds = 1,
            EpisodeRemainingSeconds = 1,
            RunsInFlight = 0,
            MaxRunsInFlight = 1,
            MemoryMegabytes = 64,
            Cpus = 1,
            SubmissionsRemaining = 1,
        },
    };
}
