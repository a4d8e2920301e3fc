using MleDojo.Core.Execution;
using MleDojo.Core.Platform;

namespace MleDojo.Sandbox.Tests;

public sealed class SafeWorkspaceFileTests(SandboxFixture fixture) : LocalSandboxTestBase(fixture)
{
    [Fact]
    public async Task OpenRead_RegularFileTheAgentWrote_ReadsIt()
    {
        await RunAsync("open('output/submission.csv', 'w').write('id,y\\n1,0\\n')\n");

        using var stream = SafeWorkspaceFile.OpenRead(Workspace.Path_, "output/submission.csv");
        using var reader = new StreamReader(stream);
        Assert.Equal("id,y\n1,0\n", await reader.ReadToEndAsync(Ct));
    }

    [Fact]
    public async Task OpenRead_LinkFifoEscapeOrMissingFile_IsRefused()
    {
        // Inside the sandbox the link dangles; on the host it would point at the answers.
        var result = await RunAsync($"import os\nos.symlink('{Workspace.AnswersPath}', 'output/submission.csv')\nos.symlink('/', 'output/root')\nos.mkfifo('output/fifo')\n");
        Assert.Equal(SandboxRunOutcome.Succeeded, result.Outcome);

        Assert.Throws<WorkspacePathException>(() => SafeWorkspaceFile.OpenRead(Workspace.Path_, "output/submission.csv"));
        Assert.Throws<WorkspacePathException>(() => SafeWorkspaceFile.OpenRead(Workspace.Path_, "output/root" + Workspace.AnswersPath));
        Assert.Throws<WorkspacePathException>(() => SafeWorkspaceFile.OpenRead(Workspace.Path_, "output/fifo"));
        Assert.Throws<WorkspacePathException>(() => SafeWorkspaceFile.OpenRead(Workspace.Path_, "../../../home/prepared/comp/private/answers.csv"));
        Assert.Throws<FileNotFoundException>(() => SafeWorkspaceFile.OpenRead(Workspace.Path_, "output/missing.csv"));
    }
}
