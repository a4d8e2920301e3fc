using MleDojo.Core.Competitions;
using MleDojo.Core.Competitions.RawSources;

namespace MleDojo.Core.Tests.Competitions.RawSources;

public sealed class UserHoldoutTests
{
    private static readonly Dictionary<string, string> Options = new()
    {
        ["user_column"] = "user",
        ["item_column"] = "item",
        ["time_column"] = "time",
        ["rating_column"] = "rating",
        ["holdout_fraction"] = "0.4",
    };

    [Fact]
    public void Apply_DistinctTimes_HoldsOutTheLatestFractionInTimeOrder()
    {
        // User u1 rated five items out of time order in the table; u2 rated two.
        var ratings = Table(
            ["u1", "30", "3", "4.5"], ["u1", "10", "1", "5"], ["u2", "7", "9", "2"], ["u1", "50", "5", "1"],
            ["u1", "20", "2", "3"], ["u1", "40", "4", "0.5"], ["u2", "8", "8", "4"]);

        var table = Holdout(Options).Apply(ratings);

        Assert.Equal(["history", "history_first_time", "history_last_time", "next_items"], table.Header);
        Assert.Equal(2, table.Rows.Count);
        Assert.Equal(["1:5 2:3 3:4.5", "10", "30", "4 5"], table.Rows[0]);
        // round(2 x 0.4) = 1: one item held out, one kept.
        Assert.Equal(["9:2", "7", "7", "8"], table.Rows[1]);
    }

    [Fact]
    public void Apply_UserWithOneRating_IsLeftOut()
    {
        var table = Holdout(Options).Apply(Table(["u1", "1", "1", "5"], ["u2", "1", "1", "5"], ["u2", "2", "2", "4"]));

        Assert.Equal(["1:5", "1", "1", "2"], Assert.Single(table.Rows));
    }

    [Fact]
    public void Apply_RatingsInTheSameSecond_AreNotOrderedByItemId()
    {
        // Twenty items rated at once: ordering ties by id would hold out exactly the ten highest ids.
        var rows = Enumerable.Range(1, 20).Select(i => new[] { "u1", "100", i.ToString(System.Globalization.CultureInfo.InvariantCulture), "3" }).ToArray();
        var half = new Dictionary<string, string>(Options) { ["holdout_fraction"] = "0.5" };

        var first = Holdout(half).Apply(Table(rows));
        var second = Holdout(half).Apply(Table([.. rows.Reverse()]));

        var heldOut = first.Rows[0][3].Split(' ').Select(int.Parse).Order().ToArray();
        Assert.Equal(10, heldOut.Length);
        Assert.NotEqual(Enumerable.Range(11, 10), heldOut);
        Assert.Equal(first.Rows[0], second.Rows[0]);
    }

    [Fact]
    public void Apply_ItemWithASpace_NamesColumnAndRow()
    {
        var ex = Assert.Throws<InvalidDataException>(() => Holdout(Options).Apply(Table(["u1", "1", "a b", "5"], ["u1", "2", "c", "5"])));

        Assert.Contains("item of row 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_TimeNotANumber_NamesColumnAndRow()
    {
        var ex = Assert.Throws<InvalidDataException>(() => Holdout(Options).Apply(Table(["u1", "1", "a", "5"], ["u1", "yesterday", "c", "5"])));

        Assert.Contains("time of row 2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromOptions_MissingTimeColumn_IsASpecError()
    {
        var options = new Dictionary<string, string> { ["user_column"] = "user", ["item_column"] = "item" };

        var ex = Assert.Throws<CompetitionSpecException>(() => UserHoldout.FromOptions("spec.yaml", options));

        Assert.Contains("time_column", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1")]
    [InlineData("a fifth")]
    public void FromOptions_FractionOutsideZeroToOne_IsASpecError(string fraction)
    {
        var options = new Dictionary<string, string>(Options) { ["holdout_fraction"] = fraction };

        var ex = Assert.Throws<CompetitionSpecException>(() => UserHoldout.FromOptions("spec.yaml", options));

        Assert.Contains("holdout_fraction", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromOptions_NoHoldoutOption_GivesNoStep()
    {
        Assert.Null(UserHoldout.FromOptions("spec.yaml", new Dictionary<string, string> { ["object"] = "movielens" }));
    }

    private static UserHoldout Holdout(Dictionary<string, string> options) => UserHoldout.FromOptions("spec.yaml", options)!;

    private static RawData Table(params string[][] rows) => new(["user", "time", "item", "rating"], [.. rows]);
}
