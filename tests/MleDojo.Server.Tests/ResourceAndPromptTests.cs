using MleDojo.Server.Tests.Support;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace MleDojo.Server.Tests;

/// <summary>Resources (competition descriptions, workspace files) and the solve_competition prompt.</summary>
[Collection(ServerCollection.Name)]
public sealed class ResourceAndPromptTests(ServerFixture fixture)
{
    private ServerProcess Server => fixture.Server;

    [Fact]
    public async Task ListResourceTemplates_ReturnsBothTemplates()
    {
        var templates = await Server.Client.ListResourceTemplatesAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(
            ["mledojo://competitions/{id}/description", "mledojo://sessions/{session_id}/files/{+path}"],
            templates.Select(t => t.UriTemplate).Order(StringComparer.Ordinal));
        Assert.All(templates, t => Assert.False(string.IsNullOrWhiteSpace(t.ProtocolResourceTemplate.MimeType)));
    }

    [Fact]
    public async Task ReadResource_CompetitionDescription_IsMarkdown()
    {
        var read = await Server.Client.ReadResourceAsync("mledojo://competitions/titanic/description", cancellationToken: TestContext.Current.CancellationToken);

        var text = Assert.IsType<TextResourceContents>(Assert.Single(read.Contents));
        Assert.Equal("text/markdown", text.MimeType);
        Assert.StartsWith("# Titanic", text.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadResource_UnknownCompetitionDescription_IsAnErrorNamingIt()
    {
        var ex = await Assert.ThrowsAnyAsync<McpException>(() =>
            Server.Client.ReadResourceAsync("mledojo://competitions/no-such/description", cancellationToken: TestContext.Current.CancellationToken).AsTask());

        Assert.Contains("no-such", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadResource_SessionWorkspaceFile_IsText()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = await fixture.StartSessionAsync(ct);

        var read = await Server.Client.ReadResourceAsync($"mledojo://sessions/{id}/files/input/sample_submission.csv", cancellationToken: ct);

        var text = Assert.IsType<TextResourceContents>(Assert.Single(read.Contents));
        Assert.StartsWith("PassengerId,Survived\n", text.Text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.True(text.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length > 100);
    }

    [Fact]
    public async Task GetPrompt_SolveCompetition_IsOfferedAndNamesTheCompetition()
    {
        var ct = TestContext.Current.CancellationToken;
        var prompts = await Server.Client.ListPromptsAsync(cancellationToken: ct);

        var solve = Assert.Single(prompts, p => p.Name == "solve_competition");
        var argument = Assert.Single(solve.ProtocolPrompt.Arguments ?? []);
        Assert.Equal("competition_id", argument.Name);
        Assert.True(argument.Required);

        var prompt = await Server.Client.GetPromptAsync("solve_competition", new Dictionary<string, object?> { ["competition_id"] = "titanic" }, cancellationToken: ct);
        var text = string.Join("\n", prompt.Messages.Select(m => m.Content).OfType<TextContentBlock>().Select(b => b.Text));
        Assert.Contains("start_session(competition_id=\"titanic\")", text, StringComparison.Ordinal);
        Assert.Contains("accuracy", text, StringComparison.Ordinal);
    }
}
