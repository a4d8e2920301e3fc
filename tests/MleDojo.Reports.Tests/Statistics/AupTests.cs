using MleDojo.Reports.Statistics;

namespace MleDojo.Reports.Tests.Statistics;

public sealed class AupTests
{
    [Fact]
    public void Compute_TwoTasksBothDirections_MatchesHandArithmetic()
    {
        // Task up (higher better), baseline 1: X 4, Y 2. Best over the feasible and the baseline: 4.
        //   r_X = 4/4 = 1, r_Y = 4/2 = 2, baseline 4/1 = 4 (the worst); suitable τ: ceil(1.05 · 4) = 5.
        // Task down (lower better), baseline 10: X 5, Y 1. Best 1.
        //   r_X = 5/1 = 5, r_Y = 1, baseline 10/1 = 10 (the worst); suitable τ: ceil(1.05 · 10) = 11.
        // τ_max = ceil(10 · log10(11)) / 10 = ceil(10.41) / 10 = 1.1; 12 points give τ = 0, 0.1, ..., 1.1.
        // X: log10 r = 0 and log10 5 = 0.699, so ρ = 0.5 for τ ≤ 0.6 (i = 0..6) and 1 from 0.7 (i = 7..10 in the sum).
        //   Area = 0.1 · (7 · 0.5 + 4 · 1) = 0.75.
        // Y: log10 r = log10 2 = 0.301 and 0, so ρ = 0.5 for i = 0..3 and 1 for i = 4..10: 0.1 · (4 · 0.5 + 7) = 0.9.
        AupTask[] tasks =
        [
            new("up", true, 1, Scores(("X", 4), ("Y", 2))),
            new("down", false, 10, Scores(("X", 5), ("Y", 1))),
        ];

        AupResult result = Aup.Compute(tasks, new AupOptions { GridPoints = 12 });

        Assert.Equal(12, result.Tau.Count);
        Assert.Equal(0, result.Tau[0]);
        Assert.Equal(1.1, result.Tau[^1], 12);
        Assert.Equal(["Y", "X"], result.Profiles.Select(profile => profile.Method));
        Assert.Equal(0.9, result.Profiles[0].Area, 12);
        Assert.Equal(0.75, result.Profiles[1].Area, 12);
        Assert.Equal(0.5, result.Profiles[1].Rho[6]);
        Assert.Equal(1, result.Profiles[1].Rho[7]);
    }

    [Fact]
    public void Compute_DefaultGrid_Has500PointsUpToMlgymTauMax()
    {
        // One task, higher better, baseline 1: X 4 (r 1), Y 2 (r 2), baseline r 4; suitable ceil(4.2) = 5,
        // τ_max = ceil(10 · log10 5) / 10 = ceil(6.99) / 10 = 0.7; step 0.7/499.
        // X has ρ = 1 everywhere: the left sum of the 499 steps telescopes to τ_max = 0.7.
        // Y has ρ = 1 from τ_i ≥ log10 2 = 0.30103, i.e. i ≥ 0.30103 · 499 / 0.7 = 214.6, so i = 215..498 (284 steps):
        // 284 · 0.7 / 499.
        AupTask[] tasks = [new("up", true, 1, Scores(("X", 4), ("Y", 2)))];

        AupResult result = Aup.Compute(tasks);

        Assert.Equal(500, result.Tau.Count);
        Assert.Equal(0.7, result.Tau[^1], 15);
        Assert.Equal(0.7, result.Profiles[0].Area, 12);
        Assert.Equal(284 * 0.7 / 499, result.Profiles[1].Area, 12);
    }

    [Fact]
    public void Compute_TwoMethodsTied_GetEqualAreasInNameOrder()
    {
        // Higher better, baseline 1: Y 3, X 3, Z 1.5. Best 3; r_X = r_Y = 1, r_Z = 2, baseline 3 (the worst);
        // suitable ceil(3.15) = 4, τ_max = ceil(6.02) / 10 = 0.7; 8 points, step 0.1.
        // X, Y: ρ = 1 throughout, area 7 · 0.1 = 0.7. Z: ρ = 1 from τ = 0.4 (i = 4..6), area 3 · 0.1 = 0.3.
        AupTask[] tasks = [new("t", true, 1, Scores(("Y", 3), ("X", 3), ("Z", 1.5)))];

        AupResult result = Aup.Compute(tasks, new AupOptions { GridPoints = 8 });

        Assert.Equal(["X", "Y", "Z"], result.Profiles.Select(profile => profile.Method));
        Assert.Equal(0.7, result.Profiles[0].Area, 12);
        Assert.Equal(result.Profiles[0].Area, result.Profiles[1].Area);
        Assert.Equal(0.3, result.Profiles[2].Area, 12);
    }

    [Fact]
    public void Compute_BelowBaselineAndMissingScores_Get105TimesTheWorstRatio()
    {
        // Higher better, baseline 2: A 8, B 4, C 1 (below the baseline: infeasible), D null, and the baseline listed
        // as a method. Best 8: r_A = 1, r_B = 2, r_baseline = 8/2 = 4 (the worst); C and D get 1.05 · 4 = 4.2.
        // Suitable ceil(4.2) = 5, τ_max = 0.7; 71 points, step 0.01, the sum over i = 0..69.
        // A: 70 · 0.01 = 0.70.  B: log10 2 = 0.301, ρ = 1 from i = 31: 39 · 0.01 = 0.39.
        // baseline: log10 4 = 0.602, from i = 61: 9 · 0.01 = 0.09.  C, D: log10 4.2 = 0.623, from i = 63: 7 · 0.01 = 0.07.
        AupTask[] tasks = [new("t", true, 2, Scores(("A", 8), ("B", 4), ("C", 1), ("D", null), ("baseline", 2)))];

        AupResult result = Aup.Compute(tasks, new AupOptions { GridPoints = 71 });

        Assert.Equal(0.7, result.Tau[^1], 12);
        AssertAreas(result, ("A", 0.70), ("B", 0.39), ("baseline", 0.09), ("C", 0.07), ("D", 0.07));
        AupProfile c = result.Profiles.Single(profile => profile.Method == "C");
        Assert.Equal(0, c.Rho[62]);
        Assert.Equal(1, c.Rho[63]);
    }

    [Fact]
    public void Compute_LowerIsBetterWithNegativeAndWorseThanBaseline_MatchesHandArithmetic()
    {
        // Lower better, baseline 10: A 2, B 5, C 12 (worse than the baseline), E -1 (negative: infeasible in MLGym).
        // Best 2: r_A = 1, r_B = 2.5, baseline 10/2 = 5 (the worst); C and E get 1.05 · 5 = 5.25.
        // Suitable ceil(5.25) = 6, τ_max = ceil(10 · 0.778) / 10 = 0.8; 81 points, step 0.01, the sum over i = 0..79.
        // A: 80 · 0.01 = 0.8.  B: log10 2.5 = 0.398, from i = 40: 40 · 0.01 = 0.40.
        // C, E: log10 5.25 = 0.720, from i = 73: 7 · 0.01 = 0.07.
        AupTask[] tasks = [new("t", false, 10, Scores(("A", 2), ("B", 5), ("C", 12), ("E", -1)))];

        AupResult result = Aup.Compute(tasks, new AupOptions { GridPoints = 81 });

        Assert.Equal(0.8, result.Tau[^1], 12);
        AssertAreas(result, ("A", 0.8), ("B", 0.40), ("C", 0.07), ("E", 0.07));
    }

    [Fact]
    public void Compute_BaselineListedOrNot_LeavesOtherMethodsUnchanged()
    {
        // The baseline always enters the best and the worst (as in MLGym, where it is always a method), so listing it
        // only adds its own row.
        AupTask[] without = [new("t", true, 2, Scores(("A", 8), ("B", 4))), new("u", false, 3, Scores(("A", 2), ("B", 1)))];
        AupTask[] with = [new("t", true, 2, Scores(("A", 8), ("B", 4), ("baseline", 2))), new("u", false, 3, Scores(("A", 2), ("B", 1), ("baseline", 3)))];

        AupResult a = Aup.Compute(without);
        AupResult b = Aup.Compute(with);

        Assert.Equal(a.Tau, b.Tau);
        Assert.Equal(a.Profiles, b.Profiles.Where(profile => profile.Method != "baseline"), new ProfileComparer());
    }

    [Fact]
    public void Compute_NobodyFeasible_GivesEveryMethodTheFactor()
    {
        // Higher better, baseline -1 (negative: infeasible itself), A -0.5 and B -2 (negative): nobody is feasible, so
        // every ratio is 1.05 (worst taken as 1). Suitable ceil(1.05) = 2, τ_max = ceil(3.01) / 10 = 0.4; 5 points,
        // step 0.1. log10 1.05 = 0.021, so ρ = 0 at τ = 0 and 1 from 0.1: area 3 · 0.1 = 0.3 for both.
        AupTask[] tasks = [new("t", true, -1, Scores(("A", -0.5), ("B", -2)))];

        AupResult result = Aup.Compute(tasks, new AupOptions { GridPoints = 5 });

        Assert.Equal(0.4, result.Tau[^1], 12);
        AssertAreas(result, ("A", 0.3), ("B", 0.3));
    }

    [Fact]
    public void Compute_ZeroScores_AreFiniteAndRankedBehindTheBest()
    {
        // Higher better, baseline 0: A 0.5, B 0 (feasible, but 0.5 / 0 is infinite, so it counts as infeasible: 1.05 · 1).
        // Lower better, baseline 1: A 0 (best, ratio exactly 1), B 0.5 (0.5 / 0 infinite: 1.05 · 1).
        AupTask[] tasks =
        [
            new("up", true, 0, Scores(("A", 0.5), ("B", 0))),
            new("down", false, 1, Scores(("A", 0), ("B", 0.5))),
        ];

        AupResult result = Aup.Compute(tasks, new AupOptions { GridPoints = 5 });

        // As in the case above: τ_max 0.4, A has ρ = 1 throughout (area 0.4), B is 1 from τ = 0.1 (area 0.3).
        AssertAreas(result, ("A", 0.4), ("B", 0.3));
    }

    [Fact]
    public void Compute_FixedTauMax_UsesIt()
    {
        AupTask[] tasks = [new("t", true, 1, Scores(("X", 4), ("Y", 2)))];

        AupResult result = Aup.Compute(tasks, new AupOptions { TauMax = 2, GridPoints = 3 });

        // τ = 0, 1, 2; both ratios (1 and 2) are within 10^1: X 2 · 1, Y 0 · 1 + 1 · 1.
        Assert.Equal([0.0, 1.0, 2.0], result.Tau);
        AssertAreas(result, ("X", 2), ("Y", 1));
    }

    [Fact]
    public void Compute_NoTasks_Throws()
    {
        Assert.Throws<ArgumentException>(() => Aup.Compute([]));
    }

    [Fact]
    public void Compute_NonFiniteBaseline_ThrowsNamingTheTask()
    {
        ArgumentException error = Assert.Throws<ArgumentException>(
            () => Aup.Compute([new AupTask("broken", true, double.NaN, Scores(("A", 1)))]));

        Assert.Contains("'broken'", error.Message, StringComparison.Ordinal);
    }

    private static Dictionary<string, double?> Scores(params (string Method, double? Score)[] scores) =>
        scores.ToDictionary(pair => pair.Method, pair => pair.Score, StringComparer.Ordinal);

    private static void AssertAreas(AupResult result, params (string Method, double Area)[] expected)
    {
        foreach ((string method, double area) in expected)
        {
            Assert.Equal(area, result.Profiles.Single(profile => profile.Method == method).Area, 12);
        }
    }

    private sealed class ProfileComparer : IEqualityComparer<AupProfile>
    {
        public bool Equals(AupProfile? x, AupProfile? y) =>
            x is not null && y is not null && x.Method == y.Method && x.Area == y.Area && x.Rho.SequenceEqual(y.Rho);

        public int GetHashCode(AupProfile obj) => obj.Method.GetHashCode(StringComparison.Ordinal);
    }
}
