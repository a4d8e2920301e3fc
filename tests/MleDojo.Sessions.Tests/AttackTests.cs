using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using MleDojo.Core.Grading;
using MleDojo.Core.Sessions;
using MleDojo.Sessions.Tests.Support;
using static MleDojo.Sessions.Tests.Support.Scripts;

namespace MleDojo.Sessions.Tests;

/// <summary>
/// Agent code trying to cheat or to hurt the server, sent through the engine as an agent would. Each test checks
/// that the attack failed, that the manager is still healthy (a normal run works afterwards) and that the record
/// is intact (every call in get_history and in the SQLite file).
/// </summary>
public sealed class AttackTests(SandboxFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Execute_ReadingAnswersByPath_IsBlocked()
    {
        await using var dojo = await Dojo.CreateAsync(fixture);
        var id = (await dojo.StartAsync()).SessionId;
        var answers = dojo.AnswersPath(Competitions.Label);
        Assert.True(File.Exists(answers));

        var run = await dojo.ExecuteAsync(id, $$"""
            import os
            home = os.environ.get('MLEDOJO_HOME', {{Py(dojo.DataRoot.Path)}})
            for path in [{{Py(answers)}}, home + '/prepared/{{Competitions.Label}}/private/answers.csv', '/proc/1/root' + {{Py(answers)}}, '../../prepared/{{Competitions.Label}}/private/answers.csv']:
                try:
                    print('LEAK', open(path).read())
                except OSError as e:
                    print('blocked', type(e).__name__)
            print('env', sorted(k for k in os.environ if 'MLEDOJO' in k))
            """);

        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.DoesNotContain("LEAK", run.Stdout);
        Assert.DoesNotContain("Usage", run.Stdout);
        Assert.Equal(4, run.Stdout.Split('\n').Count(l => l.StartsWith("blocked", StringComparison.Ordinal)));
        Assert.Contains("env []", run.Stdout);
        await dojo.AssertHealthyAsync(id);
        await dojo.AssertRecordedAsync(id, expectedRunSteps: 2);
    }

    [Fact]
    public async Task Execute_WalkingTheFilesystem_FindsNoAnswersOrOtherSessions()
    {
        await using var dojo = await Dojo.CreateAsync(fixture);
        var other = (await dojo.StartAsync()).SessionId;
        await dojo.Sessions.WriteFileAsync(other, "notes.txt", "OTHER-SESSION-SECRET-9c1e", Ct);
        var id = (await dojo.StartAsync()).SessionId;

        var run = await dojo.ExecuteAsync(id, $$"""
            import os
            # Reversed, so this script (which lives in the workspace) does not match itself.
            needles = [s[::-1] for s in ['egasU,', 'e1c9-TERCES-NOISSES-REHTO']]
            names, files, hits = 0, 0, []
            for root, dirs, filenames in os.walk('/'):
                if root in ('/proc', '/sys', '/dev'):
                    dirs[:] = []
                    continue
                for name in dirs + filenames:
                    names += 1
                    if name in ('answers.csv', 'prepared', 'mledojo.db', {{Py(other)}}) or name.startswith('mledojo-sessions-'):
                        hits.append(os.path.join(root, name))
                if root.startswith('/usr'):
                    continue
                for name in filenames:
                    path = os.path.join(root, name)
                    try:
                        if os.path.isfile(path) and os.path.getsize(path) < 1 << 20:
                            files += 1
                            data = open(path, 'rb').read().decode('utf-8', 'replace')
                            hits.extend(path + ' HAS SECRET' for s in needles if s in data)
                    except OSError:
                        pass
            print('walked', names, 'read', files)
            print('hits', hits)
            """);

        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Contains("hits []", run.Stdout);
        Assert.Contains("walked", run.Stdout);
        await dojo.AssertHealthyAsync(id);
        await dojo.AssertRecordedAsync(id, expectedRunSteps: 2);
    }

    [Fact]
    public async Task Execute_SubmissionLinkedToTheAnswers_IsRefusedNotScoredAsPerfect()
    {
        await using var dojo = await Dojo.CreateAsync(fixture);
        var id = (await dojo.StartAsync()).SessionId;
        var answers = dojo.AnswersPath(Competitions.Label);
        var answersHash = Hash(answers);

        // The link dangles inside the sandbox but points at the real answers on the host.
        var linked = await dojo.ExecuteAsync(id, $$"""
            import os
            os.symlink({{Py(answers)}}, 'output/submission.csv')
            print('linked', os.readlink('output/submission.csv'))
            """);

        Assert.Equal(RunStatus.Succeeded, linked.Status);
        Assert.True(linked.Submission!.Found);
        Assert.False(linked.Submission.Valid);
        var error = Assert.Single(linked.Submission.Errors);
        Assert.Equal(SubmissionErrorCodes.MalformedCsv, error.Code);
        Assert.Contains("regular file", error.Hint);
        Assert.Null(linked.PublicScore);
        Assert.Null(linked.BestPublicScore);

        // The same through a linked output directory.
        var linkedDirectory = await dojo.ExecuteAsync(id, $$"""
            import os
            os.remove('output/submission.csv')
            os.rename('output', 'output.old')
            os.symlink({{Py(Path.GetDirectoryName(answers)!)}}, 'output')
            os.symlink('answers.csv', 'output.old/submission.csv')
            print('linked output')
            """);
        Assert.Equal(RunStatus.Succeeded, linkedDirectory.Status);
        Assert.False(linkedDirectory.Submission!.Valid);
        Assert.Null(linkedDirectory.PublicScore);

        var nothing = await Assert.ThrowsAsync<SessionException>(() => dojo.Sessions.SubmitAsync(id, cancellationToken: Ct));
        Assert.Equal(SessionErrorCode.NothingToSubmit, nothing.Reason);
        Assert.Equal(answersHash, Hash(answers));

        // Undoing the trick brings scoring back.
        var honest = await dojo.ExecuteAsync(id, "import os\nos.remove('output')\nos.rename('output.old', 'output')\nos.remove('output/submission.csv')\n" + Perfect);
        Assert.Equal(1.0, honest.PublicScore);
        var recorded = await dojo.AssertRecordedAsync(id, expectedRunSteps: 3);
        Assert.All(recorded.Where(s => s.Step is 1 or 2), s => Assert.Null(s.SubmissionSnapshot));
    }

    [Fact]
    public async Task Execute_SubmissionThatIsAFifo_DoesNotHangTheServer()
    {
        await using var dojo = await Dojo.CreateAsync(fixture);
        var id = (await dojo.StartAsync()).SessionId;

        var fifo = await dojo.ExecuteAsync(id, """
            import os
            os.mkfifo('output/submission.csv')
            print('fifo made')
            """, waitSeconds: 20);

        Assert.Equal(RunStatus.Succeeded, fifo.Status);
        Assert.True(fifo.Submission!.Found);
        Assert.False(fifo.Submission.Valid);
        Assert.Contains("not a regular file", Assert.Single(fifo.Submission.Errors).Message);

        // The next run starts with the FIFO still there (the server fingerprints the submission first).
        await dojo.AssertHealthyAsync(id);
        var listing = await dojo.Sessions.ListFilesAsync(id, "output", Ct);
        Assert.Single(listing.Entries);
        var read = await Assert.ThrowsAsync<SessionException>(() => dojo.Sessions.ReadFileAsync(id, "output/submission.csv", cancellationToken: Ct));
        Assert.Equal(SessionErrorCode.InvalidPath, read.Reason);
        await dojo.AssertRecordedAsync(id, expectedRunSteps: 2);
    }

    [Fact]
    public async Task Execute_LinksPlantedWhereTheServerWrites_AreNeverFollowed()
    {
        await using var dojo = await Dojo.CreateAsync(fixture);
        var id = (await dojo.StartAsync()).SessionId;
        var workspace = dojo.WorkspacePath(id);
        var victim = Path.Combine(dojo.Root, "victim.txt");
        File.WriteAllText(victim, "original");
        var victimDirectory = Directory.CreateDirectory(Path.Combine(dojo.Root, "victim-dir")).FullName;

        // From inside: the sandbox uid cannot touch the server's runs/ directory.
        var attempt = await dojo.ExecuteAsync(id, $$"""
            import os
            for name, action in [
                ('plant script', lambda: os.symlink({{Py(victim)}}, 'runs/step-0002.py')),
                ('plant log', lambda: os.symlink({{Py(victim)}}, 'runs/run-0002.stdout.log')),
                ('move runs', lambda: os.rename('runs', 'runs.old')),
            ]:
                try:
                    action()
                    print('DONE', name)
                except OSError as e:
                    print('blocked', name, type(e).__name__)
            """);
        Assert.Equal(RunStatus.Succeeded, attempt.Status);
        Assert.DoesNotContain("DONE", attempt.Stdout);

        // As a weaker sandbox would allow (agent code running as the server's uid): links planted on the host.
        File.CreateSymbolicLink(Path.Combine(workspace, "runs", "step-0002.py"), victim);
        File.CreateSymbolicLink(Path.Combine(workspace, "runs", "run-0002.stdout.log"), victim);
        var planted = await dojo.ExecuteAsync(id, "print('the real step 2')\n");
        Assert.Equal(RunStatus.Succeeded, planted.Status);
        Assert.Contains("the real step 2", planted.Stdout);
        Assert.Equal("original", File.ReadAllText(victim));
        Assert.Null(new FileInfo(Path.Combine(workspace, "runs", "step-0002.py")).LinkTarget);

        // The whole runs/ directory replaced by a link out of the workspace.
        Directory.Move(Path.Combine(workspace, "runs"), Path.Combine(workspace, "runs.moved"));
        Directory.CreateSymbolicLink(Path.Combine(workspace, "runs"), victimDirectory);
        var through = await dojo.ExecuteAsync(id, "print('step 3')\n");
        Assert.Equal(RunStatus.Succeeded, through.Status);
        Assert.Contains("step 3", through.Stdout);
        Assert.Null(new DirectoryInfo(Path.Combine(workspace, "runs")).LinkTarget);
        Assert.Empty(Directory.EnumerateFileSystemEntries(victimDirectory));
        Assert.Equal("original", File.ReadAllText(victim));
        await dojo.AssertHealthyAsync(id);
        Assert.Empty(Directory.EnumerateFileSystemEntries(victimDirectory));
        await dojo.AssertRecordedAsync(id);
    }

    [Fact]
    public async Task Execute_HostLoopbackListenerAndNameResolution_AreUnreachable()
    {
        await using var dojo = await Dojo.CreateAsync(fixture);
        var id = (await dojo.StartAsync()).SessionId;
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var run = await dojo.ExecuteAsync(id, $$"""
            import socket
            for host in ['127.0.0.1', 'localhost']:
                try:
                    socket.create_connection((host, {{port}}), timeout=3).close()
                    print('CONNECTED', host)
                except OSError as e:
                    print('blocked', host, type(e).__name__)
            for name in ['example.com', 'pypi.org']:
                try:
                    print('RESOLVED', name, socket.gethostbyname(name))
                except OSError as e:
                    print('unresolved', name, type(e).__name__)
            """);

        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.DoesNotContain("CONNECTED", run.Stdout);
        Assert.DoesNotContain("RESOLVED", run.Stdout);
        Assert.Contains("unresolved example.com gaierror", run.Stdout);
        Assert.False(listener.Pending());
        await dojo.AssertHealthyAsync(id);
        await dojo.AssertRecordedAsync(id, expectedRunSteps: 2);
    }

    [Fact]
    public async Task Execute_ForkBomb_IsContainedAndTimedOut()
    {
        await using var dojo = await Dojo.CreateAsync(fixture);
        var id = (await dojo.StartAsync(budget: new BudgetRequest { RunTimeoutSeconds = 3 })).SessionId;

        var run = await dojo.ExecuteAsync(id, """
            import os, time
            print('bomb', flush=True)
            while True:
                try:
                    os.fork()
                except OSError:
                    time.sleep(0.001)
            """);

        Assert.Equal(RunStatus.TimedOut, run.Status);
        Assert.Contains("bomb", run.Stdout);
        await dojo.AssertHealthyAsync(id);
        await dojo.AssertRecordedAsync(id, expectedRunSteps: 2);
    }

    [Fact]
    public async Task Execute_Allocating20Gb_FailsInsideTheRun()
    {
        await using var dojo = await Dojo.CreateAsync(fixture);
        var id = (await dojo.StartAsync()).SessionId;

        var run = await dojo.ExecuteAsync(id, """
            print('allocating', flush=True)
            block = bytearray(20 * 2**30)
            print('ALLOCATED')
            """);

        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Contains("allocating", run.Stdout);
        Assert.DoesNotContain("ALLOCATED", run.Stdout);
        Assert.Contains("MemoryError", run.Stderr);
        await dojo.AssertHealthyAsync(id);
        await dojo.AssertRecordedAsync(id, expectedRunSteps: 2);
    }

    [Fact]
    public async Task Execute_EndlessLoop_TimesOutKeepingWhatItPrinted()
    {
        await using var dojo = await Dojo.CreateAsync(fixture);
        var id = (await dojo.StartAsync(budget: new BudgetRequest { RunTimeoutSeconds = 2 })).SessionId;

        var run = await dojo.ExecuteAsync(id, """
            print('epoch 1 loss 0.69', flush=True)
            while True:
                pass
            """);

        Assert.Equal(RunStatus.TimedOut, run.Status);
        Assert.Contains("epoch 1 loss 0.69", run.Stdout);
        var log = await dojo.Sessions.ReadFileAsync(id, run.Logs[0], cancellationToken: Ct);
        Assert.Contains("epoch 1 loss 0.69", log.Content);
        await dojo.AssertHealthyAsync(id);
        await dojo.AssertRecordedAsync(id, expectedRunSteps: 2);
    }

    [Fact]
    public async Task Execute_WritingOutsideTheWorkspace_FailsAndLeavesTheHostUntouched()
    {
        await using var dojo = await Dojo.CreateAsync(fixture);
        var other = (await dojo.StartAsync()).SessionId;
        await dojo.Sessions.WriteFileAsync(other, "notes.txt", "mine", Ct);
        var id = (await dojo.StartAsync()).SessionId;
        var victim = Path.Combine(dojo.Root, "victim.txt");
        File.WriteAllText(victim, "original");
        var otherNotes = Path.Combine(dojo.WorkspacePath(other), "notes.txt");
        var answers = dojo.AnswersPath(Competitions.Label);
        var answersHash = Hash(answers);

        var run = await dojo.ExecuteAsync(id, $$"""
            import os
            for path in ['/etc/mledojo-escape', '/usr/mledojo-escape', '../escape.txt', '/escape.txt', 'input/train.csv',
                         {{Py(victim)}}, {{Py(otherNotes)}}, {{Py(answers)}}, '../{{other}}/notes.txt']:
                try:
                    open(path, 'w').write('pwned')
                    print('WROTE', path)
                except OSError as e:
                    print('blocked', path, type(e).__name__)
            """);

        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.DoesNotContain("WROTE", run.Stdout);
        Assert.Equal("original", File.ReadAllText(victim));
        Assert.Equal("mine", File.ReadAllText(otherNotes));
        Assert.Equal(answersHash, Hash(answers));
        Assert.False(File.Exists("/etc/mledojo-escape"));
        Assert.False(File.Exists(Path.Combine(dojo.DataRoot.Workspaces, "escape.txt")));
        await dojo.AssertHealthyAsync(id);
        await dojo.AssertRecordedAsync(id, expectedRunSteps: 2);
    }

    [Fact]
    public async Task Execute_Printing100Mb_StopsAtTheOutputLimitWithHeadTailAndFullLog()
    {
        await using var dojo = await Dojo.CreateAsync(fixture);
        var id = (await dojo.StartAsync()).SessionId;

        var run = await dojo.ExecuteAsync(id, """
            import sys
            chunk = ('x' * 1023 + '\n') * 1024
            print('first line')
            for i in range(100):
                sys.stdout.write(chunk)
            print('NOT REACHED')
            """);

        Assert.Equal(RunStatus.OutputLimitExceeded, run.Status);
        Assert.Contains("output limit", run.Note);
        Assert.StartsWith("first line\n", run.Stdout);
        Assert.Contains($"bytes cut; full log at {run.Logs[0]}", run.Stdout);
        Assert.InRange(run.Stdout.Length, 1000, 40_000);
        Assert.DoesNotContain("NOT REACHED", run.Stdout);
        var log = new FileInfo(Path.Combine(dojo.WorkspacePath(id), run.Logs[0]));
        Assert.InRange(log.Length, Dojo.TestCeilings.MaxOutputBytes, Dojo.TestCeilings.MaxOutputBytes + 200);

        // The full log pages through read_file.
        var page = await dojo.Sessions.ReadFileAsync(id, run.Logs[0], 0, 5000, Ct);
        Assert.StartsWith("first line\n", page.Content);
        Assert.Equal(5000, page.NextOffset);
        Assert.Equal(log.Length, page.Size);

        // The stored result is the cut one, not 2 MB.
        var recorded = await dojo.AssertRecordedAsync(id, expectedRunSteps: 1);
        Assert.True(recorded.Single(s => s.Step == 1).ResultJson!.Length < 100_000);
        await dojo.AssertHealthyAsync(id);
    }

    [Fact]
    public async Task FileTools_EscapesLinksAndInput_AreRefused()
    {
        await using var dojo = await Dojo.CreateAsync(fixture);
        var id = (await dojo.StartAsync()).SessionId;
        var answers = dojo.AnswersPath(Competitions.Label);
        var sessions = dojo.Sessions;

        // Agent code plants links to the answers and to the host root.
        var planted = await dojo.ExecuteAsync(id, $$"""
            import os
            os.symlink({{Py(answers)}}, 'output/answers-link.csv')
            os.symlink('/', 'output/root')
            os.symlink({{Py(Path.GetDirectoryName(answers)!)}}, 'private')
            print('planted')
            """);
        Assert.Equal(RunStatus.Succeeded, planted.Status);

        var reads = new[]
        {
            "../../prepared/fixture/private/answers.csv", answers, "/etc/passwd", "/workspace/../etc/passwd",
            "output/answers-link.csv", "output/root/etc/passwd", "private/answers.csv", "output/root" + answers,
        };
        foreach (var path in reads)
        {
            var error = await Assert.ThrowsAsync<SessionException>(() => sessions.ReadFileAsync(id, path, cancellationToken: Ct));
            Assert.True(error.Reason == SessionErrorCode.InvalidPath, $"{path}: {error.Reason}");
            Assert.Contains("refused", error.Message);
        }

        foreach (var path in new[] { "../escape.txt", "/tmp/escape.txt", "output/root/tmp/escape.txt", "private/answers.csv", "input/train.csv", "input/new.csv", "input" })
        {
            var error = await Assert.ThrowsAsync<SessionException>(() => sessions.WriteFileAsync(id, path, "pwned", Ct));
            Assert.True(error.Reason == SessionErrorCode.InvalidPath, $"{path}: {error.Reason}");
        }

        Assert.False(File.Exists(Path.Combine(dojo.DataRoot.Workspaces, "escape.txt")));
        Assert.False(File.Exists("/tmp/escape.txt"));
        Assert.DoesNotContain("pwned", File.ReadAllText(answers));
        Assert.DoesNotContain("pwned", File.ReadAllText(Path.Combine(dojo.WorkspacePath(id), "input", "train.csv")));

        foreach (var path in new[] { "..", "/", "output/root", "private" })
        {
            var error = await Assert.ThrowsAsync<SessionException>(() => sessions.ListFilesAsync(id, path, Ct));
            Assert.Equal(SessionErrorCode.InvalidPath, error.Reason);
        }

        // Listing the workspace shows the links as links and does not walk into them.
        var listing = await sessions.ListFilesAsync(id, ".", Ct);
        Assert.Contains(listing.Entries, e => e.Path == "output/root" && e.Type == "link");
        Assert.Contains(listing.Entries, e => e.Path == "private" && e.Type == "link");
        Assert.DoesNotContain(listing.Entries, e => e.Path.StartsWith("output/root/", StringComparison.Ordinal) || e.Path.StartsWith("private/", StringComparison.Ordinal));
        Assert.Contains(listing.Entries, e => e.Path == "input/train.csv" && e.ReadOnly);

        // Ordinary use still works.
        var written = await sessions.WriteFileAsync(id, "lib/helpers.py", "def double(x):\n    return 2 * x\n", Ct);
        Assert.Equal("lib/helpers.py", written.Path);
        var used = await dojo.ExecuteAsync(id, "import sys\nsys.path.insert(0, 'lib')\nfrom helpers import double\nprint('double', double(21))\n");
        Assert.Contains("double 42", used.Stdout);
        var train = await sessions.ReadFileAsync(id, "/workspace/input/train.csv", 0, 100, Ct);
        Assert.StartsWith("id,", train.Content);
        await dojo.AssertRecordedAsync(id, expectedRunSteps: 2);
    }

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
}
