using System.Text.Json;
using MleDojo.Core.Serialization;
using MleDojo.Core.Sessions;
using MleDojo.Sessions.Tests.Support;

namespace MleDojo.Sessions.Tests;

/// <summary>What each call does before a session exists, while it is active, and after it has ended.</summary>
public sealed class StateMachineTests(SandboxFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryCall_UnknownSessionId_IsRefusedWithAHelpfulMessage()
    {
        await using var dojo = await Dojo.CreateAsync(fixture);
        var sessions = dojo.Sessions;
        const string id = "s-000000000000";
        var calls = new (string Name, Func<Task> Call)[]
        {
            ("request_info", () => sessions.RequestInfoAsync(id, "overview", Ct)),
            ("validate_code", () => sessions.ValidateAsync(id, Scripts.Hello, cancellationToken: Ct)),
            ("execute_code", () => sessions.ExecuteAsync(id, Scripts.Hello, cancellationToken: Ct)),
            ("get_run", () => sessions.GetRunAsync(id, "run-0001", cancellationToken: Ct)),
            ("cancel_run", () => sessions.CancelRunAsync(id, "run-0001", Ct)),
            ("list_files", () => sessions.ListFilesAsync(id, ".", Ct)),
            ("read_file", () => sessions.ReadFileAsync(id, "input/train.csv", cancellationToken: Ct)),
            ("write_file", () => sessions.WriteFileAsync(id, "notes.txt", "x", Ct)),
            ("submit", () => sessions.SubmitAsync(id, cancellationToken: Ct)),
            ("get_history", () => sessions.GetHistoryAsync(id, Ct)),
            ("reset", () => sessions.ResetAsync(id, Ct)),
            ("end_session", () => sessions.EndAsync(id, Ct)),
        };

        foreach (var (name, call) in calls)
        {
            var error = await Assert.ThrowsAsync<SessionException>(call);
            Assert.True(error.Reason == SessionErrorCode.UnknownSession, $"{name}: {error.Reason} {error.Message}");
            Assert.Contains(id, error.Message);
            Assert.Contains("start_session", error.Message);
        }

        var empty = await Assert.ThrowsAsync<SessionException>(() => sessions.ExecuteAsync("", Scripts.Hello, cancellationToken: Ct));
        Assert.Contains("start_session", empty.Message);

        // Refusals of unknown ids leave no trace behind.
        Assert.Empty(await dojo.RecordedSessionsAsync());
    }

    [Theory]
    [InlineData("submit")]
    [InlineData("truncation")]
    public async Task EpisodeEnd_ReleasesTheSandbox_SoNoProcessOfTheSessionIsLeft(string end)
    {
        await using var dojo = await Dojo.CreateAsync(fixture);
        var budget = end == "truncation" ? new BudgetRequest { MaxSteps = 2 } : null;
        var id = (await dojo.StartAsync(budget: budget)).SessionId;
        var first = await dojo.ExecuteAsync(id, "import os\nprint('uid', os.getuid())\n");
        var uid = int.Parse(first.Stdout.Split(' ')[1].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.SkipWhen(uid == ServerUid(), "Runs keep the server's uid here (the server is not root), so the session's processes cannot be told apart.");

        // Between two runs the session's warm interpreter keeps its next run (the spare) waiting as the session's uid.
        Assert.True(await HostProcesses.EventuallyAsync(() => HostProcesses.OfUid(uid).Count > 0, TimeSpan.FromSeconds(30), Ct), "no spare");
        var run = await dojo.ExecuteAsync(id, Scripts.Perfect);
        if (end == "submit")
        {
            Assert.True((await dojo.Sessions.SubmitAsync(id, cancellationToken: Ct)).Terminated);
        }
        else
        {
            Assert.True(run.Truncated);
        }

        Assert.True(await HostProcesses.EventuallyAsync(() => HostProcesses.OfUid(uid).Count == 0, TimeSpan.FromSeconds(30), Ct), "the session's processes outlived its episode");
        var history = await dojo.Sessions.GetHistoryAsync(id, Ct);
        Assert.NotEqual(EpisodeState.Active, history.State);
    }

    private static int ServerUid() => int.Parse(File.ReadLines("/proc/self/status").First(l => l.StartsWith("Uid:", StringComparison.Ordinal)).Split('\t', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Submit_FinalSubmission_TerminatesAndRefusesFurtherStepsWithTheReasonAndScore()
    {
        await using var dojo = await Dojo.CreateAsync(fixture);
        var started = await dojo.StartAsync();
        var id = started.SessionId;
        var run = await dojo.ExecuteAsync(id, Scripts.Perfect);
        Assert.Equal(1.0, run.PublicScore);

        var submitted = await dojo.Sessions.SubmitAsync(id, cancellationToken: Ct);
        Assert.True(submitted.Terminated);
        Assert.False(submitted.Truncated);
        Assert.Equal(1, submitted.Step);
        Assert.Equal(1.0, submitted.PrivateScore);
        Assert.Equal(0, submitted.Budget.SubmissionsRemaining);

        foreach (var call in new Func<Task>[]
        {
            () => dojo.ExecuteAsync(id, Scripts.Hello),
            () => dojo.ValidateAsync(id, Scripts.Hello),
            () => dojo.Sessions.SubmitAsync(id, cancellationToken: Ct),
            () => dojo.Sessions.SubmitAsync(id, 1, Ct),
            () => dojo.Sessions.WriteFileAsync(id, "output/submission.csv", "id,Label\n", Ct),
        })
        {
            var error = await Assert.ThrowsAsync<SessionException>(call);
            Assert.Equal(SessionErrorCode.EpisodeOver, error.Reason);
            Assert.Contains("terminated", error.Message);
            Assert.Contains("final submission graded", error.Message);
            Assert.Contains("Final private score: 1 (step 1)", error.Message);
            Assert.Contains("reset", error.Message);
        }

        // Inspection stays open after the end.
        var listing = await dojo.Sessions.ListFilesAsync(id, "input", Ct);
        Assert.Equal(0, listing.Budget.SubmissionsRemaining);

        var history = await dojo.Sessions.GetHistoryAsync(id, Ct);
        Assert.Equal(EpisodeState.Terminated, history.State);
        Assert.Equal(1.0, history.BestPublicScore);
        Assert.Equal(1, history.Budget.StepsUsed);
        Assert.Equal(
            ["start_session", "execute_code", "submit", "refused", "refused", "refused", "refused", "refused"],
            history.Steps.Select(s => s.Action == ActionName.StartSession || s.Status != StepStatus.Refused ? DojoJson.WireName(s.Action) : "refused"));
        await dojo.AssertRecordedAsync(id, expectedRunSteps: 1);

        var record = await dojo.RecordedSessionAsync(id);
        Assert.Equal(EpisodeState.Terminated, record!.State);
        Assert.True(record.SawPublicScores);
        Assert.NotNull(record.FinalJson);
    }

    [Fact]
    public async Task End_CalledTwice_ReturnsTheSameFinalRecord()
    {
        await using var dojo = await Dojo.CreateAsync(fixture);
        var id = (await dojo.StartAsync()).SessionId;
        await dojo.ExecuteAsync(id, Scripts.Constant);
        await dojo.ExecuteAsync(id, Scripts.Perfect);

        var first = await dojo.Sessions.EndAsync(id, Ct);
        var second = await dojo.Sessions.EndAsync(id, Ct);

        Assert.Equal(EpisodeState.Closed, first.State);
        Assert.Equal(2, first.StepsUsed);
        Assert.NotNull(first.Final);
        Assert.True(first.Final.Automatic);
        Assert.Equal(2, first.Final.Step);
        Assert.Equal(1.0, first.Final.PrivateScore);
        Assert.Equal(JsonSerializer.Serialize(first), JsonSerializer.Serialize(second));

        var error = await Assert.ThrowsAsync<SessionException>(() => dojo.ExecuteAsync(id, Scripts.Hello));
        Assert.Equal(SessionErrorCode.EpisodeOver, error.Reason);
        Assert.Contains("closed", error.Message);
        Assert.Contains("ended by end_session", error.Message);

        // One end_session step recorded, however often it was called.
        var recorded = await dojo.AssertRecordedAsync(id, expectedRunSteps: 2);
        Assert.Single(recorded, s => s.Action == ActionName.EndSession);
    }

    [Fact]
    public async Task Reset_ActiveSession_StartsANewEpisodeWithTheSameBudgetAndClosesTheOld()
    {
        await using var dojo = await Dojo.CreateAsync(fixture);
        var budget = new BudgetRequest { MaxSteps = 7, RunTimeoutSeconds = 20, MemoryMegabytes = 512 };
        var first = await dojo.StartAsync(budget: budget);
        await dojo.ExecuteAsync(first.SessionId, Scripts.Perfect);

        var second = await dojo.Sessions.ResetAsync(first.SessionId, Ct);

        Assert.NotEqual(first.SessionId, second.SessionId);
        Assert.Equal(first.SessionId, second.PreviousSessionId);
        Assert.Equal(first.CompetitionId, second.CompetitionId);
        Assert.Equal(first.Budget with { EpisodeRemainingSeconds = 0 }, second.Budget with { EpisodeRemainingSeconds = 0 });
        Assert.Equal(7, second.Budget.MaxSteps);
        Assert.Equal(0, second.Budget.StepsUsed);
        Assert.Equal(20, second.Budget.RunTimeoutSeconds);
        Assert.Equal(512, second.Budget.MemoryMegabytes);

        // The new workspace is fresh: the old submission is not there.
        var listing = await dojo.Sessions.ListFilesAsync(second.SessionId, "output", Ct);
        Assert.Empty(listing.Entries);
        var run = await dojo.ExecuteAsync(second.SessionId, Scripts.Constant);
        Assert.Equal(1, run.Step);
        Assert.NotNull(run.PublicScore);

        var old = await dojo.Sessions.GetHistoryAsync(first.SessionId, Ct);
        Assert.Equal(EpisodeState.Closed, old.State);
        var error = await Assert.ThrowsAsync<SessionException>(() => dojo.ExecuteAsync(first.SessionId, Scripts.Hello));
        Assert.Equal(SessionErrorCode.EpisodeOver, error.Reason);
        Assert.Contains("reset", error.Message);
        Assert.Equal(first.SessionId, (await dojo.RecordedSessionAsync(second.SessionId))!.PreviousSessionId);
    }

    [Fact]
    public async Task RequestInfo_EveryType_AnswersWithoutCostingAStep()
    {
        await using var dojo = await Dojo.CreateAsync(fixture);
        var id = (await dojo.StartAsync()).SessionId;
        foreach (var type in InfoTypes.All)
        {
            var info = await dojo.Sessions.RequestInfoAsync(id, type, Ct);
            Assert.Equal(type, info.InfoType);
            Assert.False(string.IsNullOrWhiteSpace(info.Content));
            Assert.Equal(0, info.Budget.StepsUsed);
        }

        var all = await dojo.Sessions.RequestInfoAsync(id, "all", Ct);
        Assert.Contains("accuracy (higher is better)", all.Content);
        Assert.Contains("input/train.csv", all.Content);
        Assert.DoesNotContain("Usage", all.Content);

        var error = await Assert.ThrowsAsync<SessionException>(() => dojo.Sessions.RequestInfoAsync(id, "answers", Ct));
        Assert.Equal(SessionErrorCode.InvalidArgument, error.Reason);
        Assert.Contains("overview", error.Message);
    }
}
