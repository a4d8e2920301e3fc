using System.Globalization;
using System.Text;
using MleDojo.Core.Competitions;
using MleDojo.Core.Data;

namespace MleDojo.Core.Tests.Competitions;

/// <summary><c>split.group_column</c>: rows of one group stay on one side of the split and of the leaderboard.</summary>
public sealed class GroupSplitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(1UL, 0.3)]
    [InlineData(2UL, 0.2)]
    [InlineData(77UL, 0.5)]
    public async Task GroupSplit_NoGroupStraddlesTrainTestOrPublicPrivate(ulong seed, double testFraction)
    {
        using var temp = new TempDirectory();
        var prepared = await PrepareAsync(temp, Write(temp.Combine("comps"), $"seed: {seed}\n  test_fraction: {testFraction.ToString(CultureInfo.InvariantCulture)}"));

        // `school` is dropped but `tag` repeats it, so group membership is visible in the prepared files.
        var (trainHeader, train) = CsvText.ReadAll(Path.Combine(prepared.PublicDirectory, "train.csv"));
        var (testHeader, test) = CsvText.ReadAll(Path.Combine(prepared.PublicDirectory, "test.csv"));
        var (_, answers) = CsvText.ReadAll(prepared.AnswersPath);
        Assert.DoesNotContain("school", trainHeader);
        Assert.DoesNotContain("school", testHeader);
        var trainGroups = train.Select(r => r[1]).ToHashSet();
        var testGroups = test.Select(r => r[1]).ToHashSet();
        Assert.Empty(trainGroups.Intersect(testGroups));
        var usageByGroup = test.Zip(answers).GroupBy(p => p.First[1]).Select(g => g.Select(p => p.Second[2]).Distinct().Count());
        Assert.All(usageByGroup, distinctUsages => Assert.Equal(1, distinctUsages));
        Assert.Contains(answers, a => a[2] == "Public");
        Assert.Contains(answers, a => a[2] == "Private");
    }

    [Theory]
    [InlineData(1UL, 0.3)]
    [InlineData(5UL, 0.25)]
    [InlineData(9UL, 0.1)]
    public async Task GroupSplit_TestShare_IsCloseToTestFraction(ulong seed, double testFraction)
    {
        using var temp = new TempDirectory();
        var prepared = await PrepareAsync(temp, Write(temp.Combine("comps"), $"seed: {seed}\n  test_fraction: {testFraction.ToString(CultureInfo.InvariantCulture)}\n  public_fraction: 0.4"));

        var m = prepared.Manifest;
        var total = m.TrainRows + m.TestRows;
        Assert.InRange((double)m.TestRows / total, testFraction - 0.02, testFraction + 0.02);
        Assert.InRange((double)m.PublicRows / m.TestRows, 0.4 - 0.1, 0.4 + 0.1);
    }

    [Fact]
    public async Task GroupSplit_SameSpecTwice_GivesIdenticalBytesAndAnotherSeedAnotherSplit()
    {
        using var temp = new TempDirectory();
        var first = await PrepareAsync(temp, Write(temp.Combine("a"), "seed: 3"), "home1");
        var second = await PrepareAsync(temp, Write(temp.Combine("b"), "seed: 3"), "home2");
        var other = await PrepareAsync(temp, Write(temp.Combine("c"), "seed: 4"), "home3");

        Assert.Equal(first.Manifest.Files, second.Manifest.Files);
        Assert.NotEqual(TestGroups(first), TestGroups(other));
    }

    [Fact]
    public async Task GroupSplit_MissingGroupValues_AreGroupsOfOneRow()
    {
        using var temp = new TempDirectory();
        var prepared = await PrepareAsync(temp, Write(temp.Combine("comps"), "seed: 8", missingSchools: true));

        // 100 rows have no school; as singletons they spread over both sides instead of forming one giant group.
        var (_, train) = CsvText.ReadAll(Path.Combine(prepared.PublicDirectory, "train.csv"));
        var (_, test) = CsvText.ReadAll(Path.Combine(prepared.PublicDirectory, "test.csv"));
        Assert.Contains(train, r => r[1] == "none");
        Assert.Contains(test, r => r[1] == "none");
    }

    [Fact]
    public void GroupSplit_WithTimeColumn_IsRejected()
    {
        using var temp = new TempDirectory();

        var error = Assert.Throws<CompetitionSpecException>(() => CompetitionSpecLoader.Load(Write(temp.Combine("comps"), "seed: 1\n  time_column: x")));

        Assert.Contains(error.Problems, p => p.Contains("split.group_column", StringComparison.Ordinal) && p.Contains("time_column", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("campus", "'campus' is not in the raw file")]
    [InlineData("y", "'y' is a target column")]
    public async Task GroupSplit_BadColumn_IsRejectedNamingIt(string column, string expected)
    {
        using var temp = new TempDirectory();
        var spec = CompetitionSpecLoader.Load(Write(temp.Combine("comps"), "seed: 1", groupColumn: column));

        var error = await Assert.ThrowsAsync<CompetitionSpecException>(() => new CompetitionPreparer(new DataRoot(temp.Combine("home"))).PrepareAsync(spec, cancellationToken: Ct));

        Assert.Contains(error.Problems, p => p.StartsWith("split.group_column", StringComparison.Ordinal) && p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public async Task GroupSplit_OneHugeGroup_IsRejectedWithTheGroupCount()
    {
        using var temp = new TempDirectory();
        var spec = CompetitionSpecLoader.Load(Write(temp.Combine("comps"), "seed: 1", groupColumn: "constant"));

        var error = await Assert.ThrowsAsync<CompetitionSpecException>(() => new CompetitionPreparer(new DataRoot(temp.Combine("home"))).PrepareAsync(spec, cancellationToken: Ct));

        Assert.Contains(error.Problems, p => p.Contains("has 1 groups", StringComparison.Ordinal));
    }

    private static HashSet<string> TestGroups(PreparedCompetition prepared) =>
        CsvText.ReadAll(Path.Combine(prepared.PublicDirectory, "test.csv")).Rows.Select(r => r[1]).ToHashSet();

    private static Task<PreparedCompetition> PrepareAsync(TempDirectory temp, string dir, string home = "home") =>
        new CompetitionPreparer(new DataRoot(temp.Combine(home))).PrepareAsync(CompetitionSpecLoader.Load(dir), cancellationToken: Ct);

    /// <summary>80 schools of 1 to 12 pupils (about 520 rows); optionally 100 more pupils without a school.</summary>
    private static string Write(string root, string split, string groupColumn = "school", bool missingSchools = false)
    {
        var dir = Directory.CreateDirectory(Path.Combine(root, "grouped")).FullName;
        Directory.CreateDirectory(Path.Combine(dir, "data"));
        var csv = new StringBuilder("school,tag,constant,x,y\n");
        for (var school = 0; school < 80; school++)
        {
            for (var pupil = 0; pupil < 1 + (school * 7 % 12); pupil++)
            {
                csv.Append(CultureInfo.InvariantCulture, $"s{school},s{school},c,{pupil},{(school + pupil) % 5}\n");
            }
        }

        for (var pupil = 0; missingSchools && pupil < 100; pupil++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"NA,none,c,{pupil},{pupil % 5}\n");
        }

        File.WriteAllText(Path.Combine(dir, "data", "raw.csv"), csv.ToString());
        File.WriteAllText(Path.Combine(dir, "description.md"), "# Grouped\nPredict y.\n");
        File.WriteAllText(Path.Combine(dir, "competition.yaml"), $"""
            id: grouped
            title: Grouped
            category: tabular
            task: regression
            tags: [tabular, test]
            data:
              raw: data/raw.csv
              id_column: id
              target: y
              drop_columns:
                - name: school
                  reason: the group key; kept out of the agent's files, still used by the split
                - name: constant
                  reason: one value
            split:
              {split}
              group_column: {groupColumn}
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
