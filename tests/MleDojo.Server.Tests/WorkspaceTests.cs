using System.Text.Json;
using MleDojo.Server.Tests.Support;

namespace MleDojo.Server.Tests;

/// <summary>The workspace file tools and reset, over stdio.</summary>
[Collection(ServerCollection.Name)]
public sealed class WorkspaceTests(ServerFixture fixture)
{
    private ServerProcess Server => fixture.Server;

    [Fact]
    public async Task WriteFile_Helper_IsListedImportableAndReadBack()
    {
        using var timeout = ToolCalls.Within(TimeSpan.FromSeconds(60));
        var ct = timeout.Token;
        var id = await fixture.StartSessionAsync(ct);

        var written = await Server.OkAsync("write_file", new() { ["session_id"] = id, ["path"] = "lib/helper.py", ["content"] = "GREETING = 'hello from helper'\n" }, ct);
        Assert.Equal("lib/helper.py", written.Str("path"));

        var listing = await Server.OkAsync("list_files", new() { ["session_id"] = id }, ct);
        var paths = Entries(listing).Select(e => e.Str("path")).ToList();
        Assert.Contains("lib/helper.py", paths);
        Assert.Contains("input/train.csv", paths);
        Assert.True(Entries(listing).Single(e => e.Str("path") == "input/train.csv").Flag("read_only"));

        var run = await Server.OkAsync("validate_code", new() { ["session_id"] = id, ["code"] = "import sys\nsys.path.insert(0, 'lib')\nimport helper\nprint(helper.GREETING)\n" }, ct);
        Assert.Equal("succeeded", run.Str("status"));
        var log = await Server.OkAsync("read_file", new() { ["session_id"] = id, ["path"] = run.GetProperty("logs")[0].GetString() }, ct);
        Assert.Equal("hello from helper\n", log.Str("content"));

        var refused = await Server.ErrorAsync("write_file", new() { ["session_id"] = id, ["path"] = "input/train.csv", ["content"] = "x" }, ct);
        Assert.Contains("read-only", refused, StringComparison.Ordinal);
        var escape = await Server.ErrorAsync("read_file", new() { ["session_id"] = id, ["path"] = "../../mledojo.db" }, ct);
        Assert.Contains("outside the workspace", escape, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FileTools_LinksPlantedByAgentCode_AreListedButNeverFollowed()
    {
        using var timeout = ToolCalls.Within(TimeSpan.FromSeconds(60));
        var ct = timeout.Token;
        var id = await fixture.StartSessionAsync(ct);
        const string code = "import os\nos.symlink('/', 'output/hostroot')\nos.symlink('../../..', 'output/dataroot')\n";

        var run = await Server.OkAsync("validate_code", new() { ["session_id"] = id, ["code"] = code }, ct);
        Assert.Equal("succeeded", run.Str("status"));

        // On the host, output/hostroot is the host's / and output/dataroot the server's data root (answers included).
        var listing = await Server.OkAsync("list_files", new() { ["session_id"] = id, ["path"] = "output" }, ct);
        var entries = Entries(listing).ToDictionary(e => e.Str("path"), e => e.Str("type"));
        Assert.Equal("link", entries["output/hostroot"]);
        Assert.Equal("link", entries["output/dataroot"]);
        Assert.DoesNotContain(entries.Keys, p => p.StartsWith("output/hostroot/", StringComparison.Ordinal) || p.StartsWith("output/dataroot/", StringComparison.Ordinal));

        var whole = await Server.OkAsync("list_files", new() { ["session_id"] = id }, ct);
        Assert.DoesNotContain(Entries(whole), e => e.Str("path").Contains("private", StringComparison.Ordinal) || e.Str("path").StartsWith("output/hostroot/", StringComparison.Ordinal));
        var through = await Server.ErrorAsync("read_file", new() { ["session_id"] = id, ["path"] = "output/hostroot/etc/hostname" }, ct);
        Assert.Contains("symbolic link", through, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reset_ActiveSession_EndsItAndStartsAFreshOneWithTheSameBudget()
    {
        using var timeout = ToolCalls.Within(TimeSpan.FromSeconds(60));
        var ct = timeout.Token;
        var id = await fixture.StartSessionAsync(ct, maxSteps: 7);
        await Server.OkAsync("validate_code", new() { ["session_id"] = id, ["code"] = "print(1)" }, ct);

        var fresh = await Server.OkAsync("reset", new() { ["session_id"] = id }, ct);

        Assert.NotEqual(id, fresh.Str("session_id"));
        Assert.Equal(id, fresh.Str("previous_session_id"));
        Assert.Equal("titanic", fresh.Str("competition_id"));
        Assert.Equal(7, fresh.GetProperty("budget").Num("max_steps"));
        Assert.Equal(7, fresh.GetProperty("budget").Num("steps_remaining"));
        var old = await Server.ErrorAsync("validate_code", new() { ["session_id"] = id, ["code"] = "print(1)" }, ct);
        Assert.Contains("episode is closed", old, StringComparison.Ordinal);
    }

    private static IEnumerable<JsonElement> Entries(JsonElement listing) => listing.GetProperty("entries").EnumerateArray();
}
