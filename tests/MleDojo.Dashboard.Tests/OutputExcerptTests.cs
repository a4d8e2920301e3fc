using MleDojo.Server.Dashboard;

namespace MleDojo.Dashboard.Tests;

public sealed class OutputExcerptTests
{
    [Fact]
    public void From_ShortOutput_KeepsAllOfItInTheHead()
    {
        var excerpt = OutputExcerpt.From("""{"stdout":"a\nb\n","stderr":"warn\n"}""");

        Assert.NotNull(excerpt);
        Assert.Equal("a\nb\n--- stderr ---\nwarn", excerpt.Head);
        Assert.Equal("", excerpt.Tail);
        Assert.Equal(0, excerpt.OmittedLines);
    }

    [Fact]
    public void From_LongOutput_KeepsHeadAndTailAndCountsTheRest()
    {
        var lines = string.Join("\\n", Enumerable.Range(1, 100).Select(i => $"line {i}"));

        var excerpt = OutputExcerpt.From($$"""{"stdout":"{{lines}}","stderr":""}""");

        Assert.NotNull(excerpt);
        Assert.StartsWith("line 1\n", excerpt.Head, StringComparison.Ordinal);
        Assert.EndsWith("line 15", excerpt.Head, StringComparison.Ordinal);
        Assert.StartsWith("line 86\n", excerpt.Tail, StringComparison.Ordinal);
        Assert.EndsWith("line 100", excerpt.Tail, StringComparison.Ordinal);
        Assert.Equal(70, excerpt.OmittedLines);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("""{"stdout":"","stderr":""}""")]
    public void From_NoOutput_IsNull(string? json) => Assert.Null(OutputExcerpt.From(json));
}
