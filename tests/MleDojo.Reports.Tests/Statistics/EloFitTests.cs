using MleDojo.Reports.Statistics;

namespace MleDojo.Reports.Tests.Statistics;

public sealed class EloFitTests
{
    private static readonly Dictionary<string, double> Truth = new(StringComparer.Ordinal)
    {
        ["anchor"] = 1000,
        ["strong"] = 1250,
        ["good"] = 1100,
        ["weak"] = 850,
        ["weakest"] = 700,
    };

    [Fact]
    public void Fit_GamesFromKnownRatings_RecoversOrderAndRatings()
    {
        // 60 competitions × 10 seeds: 600 games per pair, so each rating's sampling error is about 8 points.
        IReadOnlyList<PairwiseGame> games = EloSimulation.Games(Truth, 60, 10, randomSeed: 7);

        EloResult result = EloFit.Fit(games, new EloOptions { Anchor = "anchor", BootstrapSamples = 0 });

        Assert.Equal(
            Truth.OrderByDescending(pair => pair.Value).Select(pair => pair.Key),
            result.Ratings.Select(rating => rating.Agent));
        foreach (EloRating rating in result.Ratings)
        {
            Assert.InRange(rating.Rating, Truth[rating.Agent] - 40, Truth[rating.Agent] + 40);
        }

        Assert.Equal(games.Count, result.Games);
        Assert.Equal(60, result.Competitions);
        Assert.Equal("anchor", result.Anchor);
    }

    [Fact]
    public void Fit_ShuffledGames_GiveIdenticalRatingsAndIntervals()
    {
        IReadOnlyList<PairwiseGame> games = EloSimulation.Games(Truth, 12, 3, randomSeed: 11);
        PairwiseGame[] shuffled = games.ToArray();
        new Random(3).Shuffle(shuffled);
        var options = new EloOptions { Anchor = "good", BootstrapSamples = 200 };

        EloResult original = EloFit.Fit(games, options);
        EloResult reordered = EloFit.Fit(shuffled, options);

        Assert.NotEqual(games, shuffled);
        Assert.Equal(original.Ratings, reordered.Ratings);
        Assert.Equal(original.BootstrapSamples, reordered.BootstrapSamples);
    }

    [Fact]
    public void Fit_OneTieAndOneWinEachWay_GivesEqualRatings()
    {
        PairwiseGame[] games =
        [
            new("c", "1", "a", "b", 0.5),
            new("c", "2", "a", "b", 1),
            new("c", "3", "a", "b", 0),
        ];

        EloResult result = EloFit.Fit(games, new EloOptions { Anchor = "a", BootstrapSamples = 0 });

        Assert.All(result.Ratings, rating => Assert.Equal(1000, rating.Rating, 9));
        Assert.All(result.Ratings, rating => Assert.Equal(1.5, rating.Points));
    }

    [Fact]
    public void Fit_TwoWinsAndTwoTies_EqualsThreeWinsAndOneLoss()
    {
        // Both are 3 points of 4: with a tie worth half a win and half a loss the likelihoods are the same function.
        PairwiseGame[] withTies = [new("c", "1", "a", "b", 1), new("c", "2", "a", "b", 1), new("c", "3", "a", "b", 0.5), new("c", "4", "a", "b", 0.5)];
        PairwiseGame[] withLoss = [new("c", "1", "a", "b", 1), new("c", "2", "a", "b", 1), new("c", "3", "a", "b", 1), new("c", "4", "a", "b", 0)];
        var options = new EloOptions { Anchor = "b", BootstrapSamples = 0 };

        EloRating fromTies = EloFit.Fit(withTies, options).Ratings.Single(rating => rating.Agent == "a");
        EloRating fromLoss = EloFit.Fit(withLoss, options).Ratings.Single(rating => rating.Agent == "a");

        Assert.Equal(fromLoss.Rating, fromTies.Rating);
        Assert.True(fromTies.Rating > 1000);
    }

    [Fact]
    public void Fit_ThreeWinsOfFour_MatchesClosedFormWhenThePriorIsNegligible()
    {
        // Without a prior, 4 · P(a beats b) = 3 at the optimum: 1 / (1 + 10^(-d/400)) = 3/4, so 10^(d/400) = 3 and
        // d = 400 · log10(3) ≈ 190.849.
        PairwiseGame[] games = [new("c", "1", "a", "b", 1), new("c", "2", "a", "b", 1), new("c", "3", "a", "b", 1), new("c", "4", "a", "b", 0)];

        EloResult result = EloFit.Fit(
            games,
            new EloOptions { Anchor = "b", BootstrapSamples = 0, PriorStandardDeviation = 1e6 });

        Assert.Equal(1000 + (400 * Math.Log10(3)), result.Ratings[0].Rating, tolerance: 1e-3);
    }

    [Fact]
    public void Fit_ThreeWinsOfFour_SatisfiesTheMapConditionWithTheDefaultPrior()
    {
        // With the prior N(0, s²) on both ratings, symmetry gives R_a = d/2, R_b = -d/2, and the posterior's derivative
        // in R_a is zero: c · (3 - 4 · σ(c · d)) = (d/2) / s², with c = ln(10)/400 and s = 400. The prior pulls d below
        // the closed-form 190.85.
        PairwiseGame[] games = [new("c", "1", "a", "b", 1), new("c", "2", "a", "b", 1), new("c", "3", "a", "b", 1), new("c", "4", "a", "b", 0)];

        EloResult result = EloFit.Fit(games, new EloOptions { Anchor = "b", BootstrapSamples = 0 });

        double d = result.Ratings[0].Rating - 1000;
        double c = Math.Log(10) / 400;
        double sigma = 1 / (1 + Math.Exp(-c * d));
        double residual = (c * (3 - (4 * sigma))) - (d / 2 / (400.0 * 400.0));
        Assert.Equal(0, residual, 12);
        Assert.InRange(d, 100, 400 * Math.Log10(3));
    }

    [Fact]
    public void Fit_AgentWinningEveryGame_GetsAFiniteRatingAboveTheOthers()
    {
        // "champ" beats everyone every time; "x" and "y" only ever play each other and the anchor.
        var games = new List<PairwiseGame>();
        for (int seed = 0; seed < 5; seed++)
        {
            string s = seed.ToString(System.Globalization.CultureInfo.InvariantCulture);
            games.Add(new PairwiseGame("c1", s, "anchor", "champ", 0));
            games.Add(new PairwiseGame("c1", s, "champ", "x", 1));
            games.Add(new PairwiseGame("c2", s, "anchor", "x", seed % 2));
            games.Add(new PairwiseGame("c2", s, "x", "y", 0.5));
        }

        EloResult result = EloFit.Fit(games, new EloOptions { Anchor = "anchor", BootstrapSamples = 100 });

        EloRating champ = result.Ratings[0];
        Assert.Equal("champ", champ.Agent);
        Assert.True(double.IsFinite(champ.Rating));
        Assert.True(double.IsFinite(champ.Upper));
        Assert.True(champ.Rating > result.Ratings[1].Rating);
        Assert.Equal(10, champ.Games);
        Assert.Equal(10, champ.Points);
    }

    [Fact]
    public void Fit_GroupsThatNeverMet_GetFiniteRatingsOrderedWithinEachGroup()
    {
        // {a, b} and {c, d} never play each other: only the prior places one group against the other.
        PairwiseGame[] games =
        [
            new("c1", "1", "a", "b", 1),
            new("c1", "2", "a", "b", 1),
            new("c1", "3", "a", "b", 0),
            new("c2", "1", "c", "d", 0),
            new("c2", "2", "c", "d", 0),
        ];

        EloResult result = EloFit.Fit(games, new EloOptions { Anchor = "a", BootstrapSamples = 20 });

        Dictionary<string, double> rating = result.Ratings.ToDictionary(r => r.Agent, r => r.Rating);
        Assert.All(result.Ratings, r => Assert.True(double.IsFinite(r.Rating)));
        Assert.True(rating["a"] > rating["b"]);
        Assert.True(rating["d"] > rating["c"]);
    }

    [Fact]
    public void Fit_AnyAnchor_PinsItExactly()
    {
        IReadOnlyList<PairwiseGame> games = EloSimulation.Games(Truth, 8, 2, randomSeed: 5);

        EloResult result = EloFit.Fit(games, new EloOptions { Anchor = "weak", AnchorRating = 1500, BootstrapSamples = 50 });

        EloRating anchor = result.Ratings.Single(rating => rating.Agent == "weak");
        Assert.Equal(1500, anchor.Rating);
        Assert.Equal(1500, anchor.Lower);
        Assert.Equal(1500, anchor.Upper);
    }

    [Fact]
    public void Fit_NoGames_ThrowsSayingWhatEloNeeds()
    {
        ArgumentException error = Assert.Throws<ArgumentException>(
            () => EloFit.Fit([], new EloOptions { Anchor = "a" }));

        Assert.Contains("at least two agents on the same competition and seed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_UnknownAnchor_ThrowsNamingTheAgents()
    {
        PairwiseGame[] games = [new("c", "1", "alpha", "beta", 1)];

        ArgumentException error = Assert.Throws<ArgumentException>(
            () => EloFit.Fit(games, new EloOptions { Anchor = "gamma" }));

        Assert.Contains("'gamma'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'alpha', 'beta'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_NoAnchor_ThrowsNamingTheAgents()
    {
        PairwiseGame[] games = [new("c", "1", "alpha", "beta", 1)];

        ArgumentException error = Assert.Throws<ArgumentException>(() => EloFit.Fit(games, new EloOptions()));

        Assert.Contains("'alpha', 'beta'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.25)]
    [InlineData(2.0)]
    public void Fit_FirstScoreNotAWinLossOrTie_Throws(double firstScore)
    {
        PairwiseGame[] games = [new("c", "1", "a", "b", firstScore)];

        Assert.Throws<ArgumentException>(() => EloFit.Fit(games, new EloOptions { Anchor = "a" }));
    }
}
