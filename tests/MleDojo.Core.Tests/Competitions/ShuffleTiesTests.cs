using System.Globalization;
using System.Text;
using MleDojo.Core.Competitions;
using MleDojo.Core.Data;

namespace MleDojo.Core.Tests.Competitions;

/// <summary><c>split.shuffle_ties</c>: in a time split, the raw order among equal times must not reach the ids.</summary>
public sealed class ShuffleTiesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task TimeSplit_OrdersEqualTimesByRawOrderOrBySeed(bool shuffleTies)
    {
        using var temp = new TempDirectory();
        var spec = CompetitionSpecLoader.Load(Write(temp.Combine("comps"), $"shuffle_ties: {(shuffleTies ? "true" : "false")}"));

        var prepared = await new CompetitionPreparer(new DataRoot(temp.Combine("home"))).PrepareAsync(spec, cancellationToken: Ct);

        // The raw file lists each day's rows by a hidden minute (dropped); x repeats it so the prepared order is visible.
        var (_, train) = CsvText.ReadAll(Path.Combine(prepared.PublicDirectory, "train.csv"));
        var (_, test) = CsvText.ReadAll(Path.Combine(prepared.PublicDirectory, "test.csv"));
        var days = train.Concat(test).Select(r => r[1]).ToList();
        var minutes = train.Concat(test).Select(r => int.Parse(r[2], CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(days.Order(StringComparer.Ordinal), days);
        Assert.Equal(["2020-01-04", "2020-01-05"], test.Select(r => r[1]).Distinct());
        var rawOrderWithinDays = Enumerable.Range(1, minutes.Count - 1).All(i => days[i] != days[i - 1] || minutes[i] > minutes[i - 1]);
        Assert.Equal(!shuffleTies, rawOrderWithinDays);
    }

    [Fact]
    public void ShuffleTies_WithoutATimeColumn_IsRejected()
    {
        using var temp = new TempDirectory();

        var error = Assert.Throws<CompetitionSpecException>(() => CompetitionSpecLoader.Load(Write(temp.Combine("comps"), "shuffle_ties: true", timeColumn: null)));

        Assert.Contains(error.Problems, p => p.Contains("split.shuffle_ties", StringComparison.Ordinal));
    }

    private static string Write(string root, string extraSplit, string? timeColumn = "day")
    {
        var dir = Directory.CreateDirectory(Path.Combine(root, "ties")).FullName;
        Directory.CreateDirectory(Path.Combine(dir, "data"));
        var csv = new StringBuilder("day,minute,x,y\n");
        for (var day = 1; day <= 5; day++)
        {
            for (var minute = 0; minute < 40; minute++)
            {
                csv.Append(CultureInfo.InvariantCulture, $"2020-01-0{day},{minute},{minute},{(minute * 7 + day) % 13}\n");
            }
        }

        File.WriteAllText(Path.Combine(dir, "data", "raw.csv"), csv.ToString());
        File.WriteAllText(Path.Combine(dir, "description.md"), "# Ties\nPredict y; submission has id.\n");
        File.WriteAllText(Path.Combine(dir, "competition.yaml"), $"""
            id: ties
            title: Ties
            category: time-series
            task: regression
            tags: [time-series, test]
            data:
              raw: data/raw.csv
              id_column: id
              target: y
              drop_columns:
                - name: minute
                  reason: hidden order within a day
            split:
              seed: 5
              time_column: {timeColumn ?? "null"}
              time_cut: {(timeColumn is null ? "null" : "2020-01-04")}
              {extraSplit}
            metric:
              name: rmse
              higher_is_better: false
            submission:
              kind: value
            source:
              name: synthetic
              licence: CC0
            """);
        return dir;
    }
}
