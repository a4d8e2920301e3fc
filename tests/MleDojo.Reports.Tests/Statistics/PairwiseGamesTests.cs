using MleDojo.Reports.Statistics;

namespace MleDojo.Reports.Tests.Statistics;

public sealed class PairwiseGamesTests
{
    [Theory]
    [InlineData(true, 1.0)]
    [InlineData(false, 0.0)]
    public void From_TwoScores_BetterScoreByDirectionWins(bool higherIsBetter, double expectedFirstScore)
    {
        // "a" scored 0.9 and "b" 0.4: "a" wins when higher is better and loses when lower is better.
        IReadOnlyList<PairwiseGame> games = PairwiseGames.From(
        [
            new EloEntry("a", "comp", "1", 0.9, higherIsBetter),
            new EloEntry("b", "comp", "1", 0.4, higherIsBetter),
        ]);

        PairwiseGame game = Assert.Single(games);
        Assert.Equal(new PairwiseGame("comp", "1", "a", "b", expectedFirstScore), game);
    }

    [Fact]
    public void From_ExactTie_GivesHalfToEach()
    {
        IReadOnlyList<PairwiseGame> games = PairwiseGames.From(
        [
            new EloEntry("a", "comp", "1", 0.5, true),
            new EloEntry("b", "comp", "1", 0.5, true),
        ]);

        Assert.Equal(0.5, Assert.Single(games).FirstScore);
    }

    [Fact]
    public void From_EntriesInAnyOrder_GiveTheSameCanonicalGames()
    {
        EloEntry[] entries =
        [
            new("zed", "c2", "7", 3, false),
            new("Bob", "c1", "1", 1, true),
            new("alice", "c1", "1", 2, true),
            new("alice", "c2", "7", 1, false),
            new("zed", "c1", "1", 2, true),
            new("alice", "c1", "2", 5, true),
            new("Bob", "c1", "2", 4, true),
        ];

        IReadOnlyList<PairwiseGame> forward = PairwiseGames.From(entries);
        IReadOnlyList<PairwiseGame> backward = PairwiseGames.From(entries.Reverse());

        Assert.Equal(forward, backward);
        // Ordinal order puts "Bob" before "alice" (upper case first); "alice" and "zed" tie on c1 seed 1.
        Assert.Equal(
            [
                new PairwiseGame("c1", "1", "Bob", "alice", 0),
                new PairwiseGame("c1", "1", "Bob", "zed", 0),
                new PairwiseGame("c1", "1", "alice", "zed", 0.5),
                new PairwiseGame("c1", "2", "Bob", "alice", 0),
                new PairwiseGame("c2", "7", "alice", "zed", 1),
            ],
            forward);
    }

    [Fact]
    public void From_DifferentSeedsOrCompetitions_PlayNoGames()
    {
        IReadOnlyList<PairwiseGame> games = PairwiseGames.From(
        [
            new EloEntry("a", "comp", "1", 0.9, true),
            new EloEntry("b", "comp", "2", 0.4, true),
            new EloEntry("c", "other", "1", 0.4, true),
        ]);

        Assert.Empty(games);
    }

    [Fact]
    public void From_DuplicateEntry_ThrowsNamingIt()
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() => PairwiseGames.From(
        [
            new EloEntry("a", "comp", "s1", 0.9, true),
            new EloEntry("b", "comp", "s1", 0.4, true),
            new EloEntry("a", "comp", "s1", 0.7, true),
        ]));

        Assert.Contains("'a'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'comp'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'s1'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_NonFiniteScore_Throws()
    {
        Assert.Throws<ArgumentException>(() => PairwiseGames.From(
        [
            new EloEntry("a", "comp", "1", double.NaN, true),
            new EloEntry("b", "comp", "1", 0.4, true),
        ]));
    }
}
