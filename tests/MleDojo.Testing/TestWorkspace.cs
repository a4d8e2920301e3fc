using MleDojo.Core.Execution;

namespace MleDojo.Testing;

/// <summary>
/// A throw-away server data layout: <c>home/prepared/comp/private/answers.csv</c> (what agents must never see), the
/// session workspace under <c>sessions/</c>, and a second session's workspace next to it. Shared by the local and the
/// Docker sandbox tests, which attack the same layout.
/// </summary>
public sealed class TestWorkspace : IAsyncDisposable
{
    public const string AnswersSecret = "ANSWER-SECRET-7f3a9c";
    public const string OtherSessionSecret = "OTHER-SESSION-SECRET-51d2";

    private static int _counter;
    private int _runs;

    /// <param name="rootPrefix">The temporary root's name prefix; attack scripts search the filesystem for it.</param>
    /// <param name="createScriptsDirectory">Creates <c>scripts/</c> now, before the sandbox prepares the workspace, rather than with the first script.</param>
    /// <param name="parent">Where the root is made (the Slurm backend's shared root); null for the temporary directory.</param>
    public TestWorkspace(string rootPrefix = "mledojo-test-", bool createScriptsDirectory = false, string? parent = null)
    {
        Root = parent is null
            ? Directory.CreateTempSubdirectory(rootPrefix).FullName
            : Directory.CreateDirectory(Path.Combine(parent, rootPrefix + Guid.NewGuid().ToString("N")[..10])).FullName;
        AnswersPath = Path.Combine(Root, "home", "prepared", "comp", "private", "answers.csv");
        Directory.CreateDirectory(Path.GetDirectoryName(AnswersPath)!);
        File.WriteAllText(AnswersPath, $"id,target\n1,{AnswersSecret}\n");

        SessionId = $"test-{Environment.ProcessId}-{Interlocked.Increment(ref _counter)}-{Guid.NewGuid():N}";
        Path_ = Path.Combine(Root, "sessions", SessionId, "workspace");
        Directory.CreateDirectory(Path.Combine(Path_, "input"));
        File.WriteAllText(Path.Combine(Path_, "input", "train.csv"), "id,x,y\n1,2,3\n");
        if (createScriptsDirectory)
        {
            Directory.CreateDirectory(Path.Combine(Path_, "scripts"));
        }

        OtherWorkspace = Path.Combine(Root, "sessions", "other", "workspace");
        Directory.CreateDirectory(OtherWorkspace);
        OtherSecretPath = Path.Combine(OtherWorkspace, "notes.txt");
        File.WriteAllText(OtherSecretPath, OtherSessionSecret);
    }

    public string Root { get; }

    public string SessionId { get; }

    /// <summary>Host path of the session workspace.</summary>
    public string Path_ { get; }

    public string AnswersPath { get; }

    public string OtherWorkspace { get; }

    public string OtherSecretPath { get; }

    /// <summary>Opens the temporary root to other users, as the host-path modes (unshare, none) need.</summary>
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public TestWorkspace Traversable()
    {
        File.SetUnixFileMode(Root, (UnixFileMode)Convert.ToInt32("755", 8));
        return this;
    }

    public SandboxSpec Spec(SandboxLimits? limits = null) =>
        new(SessionId, Path_, ["input"], limits ?? DefaultLimits);

    public static SandboxLimits DefaultLimits => new(MemoryBytes: 2L << 30, Cpus: 1, MaxProcesses: 64, MaxOutputBytes: 4 << 20);

    /// <summary>Writes a script into the workspace (as the server would) and returns a request for it.</summary>
    public SandboxRunRequest Script(string code, TimeSpan? timeout = null)
    {
        var runId = $"run-{Interlocked.Increment(ref _runs):D4}";
        Directory.CreateDirectory(Path.Combine(Path_, "scripts"));
        File.WriteAllText(Path.Combine(Path_, "scripts", runId + ".py"), code);
        return new SandboxRunRequest(runId, $"scripts/{runId}.py", timeout ?? TimeSpan.FromSeconds(30), "logs");
    }

    public ValueTask DisposeAsync()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return ValueTask.CompletedTask;
    }
}
