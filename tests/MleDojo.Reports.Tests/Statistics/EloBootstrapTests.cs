using MleDojo.Reports.Statistics;

namespace MleDojo.Reports.Tests.Statistics;

public sealed class EloBootstrapTests
{
    private static readonly Dictionary<string, double> Truth = new(StringComparer.Ordinal)
    {
        ["anchor"] = 1000,
        ["rival"] = 1150,
        ["other"] = 900,
    };

    [Fact]
    public void Fit_MoreCompetitions_GiveNarrowerIntervals()
    {
        // The bootstrap's unit is the competition, so the width shrinks about as 1/sqrt(competitions): ~2.8× here.
        var options = new EloOptions { Anchor = "anchor", BootstrapSamples = 300 };

        EloRating few = Rival(EloFit.Fit(EloSimulation.Games(Truth, 5, 4, randomSeed: 21), options));
        EloRating many = Rival(EloFit.Fit(EloSimulation.Games(Truth, 40, 4, randomSeed: 21), options));

        Assert.True(
            many.Upper - many.Lower < few.Upper - few.Lower,
            $"40 competitions: [{many.Lower}, {many.Upper}]; 5 competitions: [{few.Lower}, {few.Upper}]");
        Assert.True(many.Upper - many.Lower > 0);
    }

    [Fact]
    public void Fit_ManyCompetitions_IntervalsContainTheFit()
    {
        EloResult result = EloFit.Fit(
            EloSimulation.Games(Truth, 40, 4, randomSeed: 8),
            new EloOptions { Anchor = "anchor", BootstrapSamples = 300 });

        Assert.Equal(300, result.BootstrapSamples);
        Assert.All(result.Ratings, rating => Assert.InRange(rating.Rating, rating.Lower, rating.Upper));
    }

    [Fact]
    public void Fit_HigherConfidence_GivesWiderIntervals()
    {
        IReadOnlyList<PairwiseGame> games = EloSimulation.Games(Truth, 10, 4, randomSeed: 2);

        EloRating narrow = Rival(EloFit.Fit(games, new EloOptions { Anchor = "anchor", ConfidenceLevel = 0.5, BootstrapSamples = 200 }));
        EloRating wide = Rival(EloFit.Fit(games, new EloOptions { Anchor = "anchor", ConfidenceLevel = 0.95, BootstrapSamples = 200 }));

        Assert.True(wide.Lower <= narrow.Lower && narrow.Upper <= wide.Upper);
        Assert.True(wide.Upper - wide.Lower > narrow.Upper - narrow.Lower);
    }

    [Fact]
    public void Fit_AnchorMissingFromSomeCompetitions_SkipsResamplesWithoutIt()
    {
        // The anchor plays on c1 only; a resample of the three competitions misses c1 with probability (2/3)³ ≈ 0.3.
        PairwiseGame[] games =
        [
            new("c1", "1", "anchor", "b", 1),
            new("c1", "2", "anchor", "b", 0),
            new("c2", "1", "b", "c", 1),
            new("c2", "2", "b", "c", 0.5),
            new("c3", "1", "b", "c", 0),
        ];

        EloResult result = EloFit.Fit(games, new EloOptions { Anchor = "anchor", BootstrapSamples = 100 });

        Assert.InRange(result.BootstrapSamples, 1, 99);
        Assert.All(result.Ratings, rating => Assert.False(double.IsNaN(rating.Lower)));
    }

    [Fact]
    public void Fit_NoBootstrapSamples_GivesNaNIntervals()
    {
        EloResult result = EloFit.Fit(
            EloSimulation.Games(Truth, 3, 2, randomSeed: 4),
            new EloOptions { Anchor = "anchor", BootstrapSamples = 0 });

        Assert.Equal(0, result.BootstrapSamples);
        Assert.All(result.Ratings, rating => Assert.True(double.IsNaN(rating.Lower) && double.IsNaN(rating.Upper)));
    }

    [Fact]
    public void Fit_SameSeed_GivesTheSameIntervalsAndAnotherSeedOthers()
    {
        IReadOnlyList<PairwiseGame> games = EloSimulation.Games(Truth, 10, 2, randomSeed: 6);

        EloRating first = Rival(EloFit.Fit(games, new EloOptions { Anchor = "anchor", BootstrapSamples = 100, Seed = 1 }));
        EloRating again = Rival(EloFit.Fit(games, new EloOptions { Anchor = "anchor", BootstrapSamples = 100, Seed = 1 }));
        EloRating other = Rival(EloFit.Fit(games, new EloOptions { Anchor = "anchor", BootstrapSamples = 100, Seed = 2 }));

        Assert.Equal(first, again);
        Assert.Equal(first.Rating, other.Rating);
        Assert.NotEqual((first.Lower, first.Upper), (other.Lower, other.Upper));
    }

    private static EloRating Rival(EloResult result) => result.Ratings.Single(rating => rating.Agent == "rival");
}
