using System.Globalization;
using MleDojo.Core.Competitions;
using MleDojo.Core.Data;
using MleDojo.Core.Tests.Support;

namespace MleDojo.Core.Tests.Competitions;

public sealed class CompetitionPreparerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Prepare_TwiceInDifferentRoots_GivesIdenticalBytes()
    {
        using var temp = new TempDirectory();
        var spec = CompetitionSpecLoader.Load(FixtureCompetition.WriteLabel(temp.Combine("comps")));

        var first = await new CompetitionPreparer(new DataRoot(temp.Combine("home1"))).PrepareAsync(spec, cancellationToken: Ct);
        var second = await new CompetitionPreparer(new DataRoot(temp.Combine("home2"))).PrepareAsync(spec, cancellationToken: Ct);

        Assert.Equal(first.Manifest.Files, second.Manifest.Files);
        Assert.Equal(4, first.Manifest.Files.Count);
        foreach (var file in first.Manifest.Files.Keys)
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(first.RootDirectory, file)), File.ReadAllBytes(Path.Combine(second.RootDirectory, file)));
        }
    }

    [Fact]
    public async Task Prepare_HidesTargetAndLeakingColumnsFromAgentFiles()
    {
        using var temp = new TempDirectory();
        var spec = CompetitionSpecLoader.Load(FixtureCompetition.WriteLabel(temp.Combine("comps")));

        var prepared = await new CompetitionPreparer(new DataRoot(temp.Combine("home"))).PrepareAsync(spec, cancellationToken: Ct);

        var (trainHeader, trainRows) = CsvText.ReadAll(Path.Combine(prepared.PublicDirectory, "train.csv"));
        var (testHeader, testRows) = CsvText.ReadAll(Path.Combine(prepared.PublicDirectory, "test.csv"));
        var (sampleHeader, _) = CsvText.ReadAll(prepared.SampleSubmissionPath);
        Assert.Equal(["id", "x1", "x2", "city", "Label"], trainHeader);
        Assert.Equal(["id", "x1", "x2", "city"], testHeader);
        Assert.Equal(["id", "Label"], sampleHeader);
        Assert.Equal(["answers.csv"], Directory.GetFiles(Path.GetDirectoryName(prepared.AnswersPath)!).Select(Path.GetFileName));
        Assert.DoesNotContain(Directory.GetFiles(prepared.PublicDirectory), f => f.Contains("answers", StringComparison.Ordinal));
        Assert.Equal(199, trainRows.Count + testRows.Count);
        Assert.Equal(1, prepared.Manifest.DroppedRows);
        Assert.Contains(trainRows, r => r[3] == "Paris, FR");
    }

    [Fact]
    public async Task Prepare_GivesFreshSequentialIdsAndSplitsTestIntoPublicAndPrivate()
    {
        using var temp = new TempDirectory();
        var spec = CompetitionSpecLoader.Load(FixtureCompetition.WriteLabel(temp.Combine("comps")));

        var prepared = await new CompetitionPreparer(new DataRoot(temp.Combine("home"))).PrepareAsync(spec, cancellationToken: Ct);

        var (_, train) = CsvText.ReadAll(Path.Combine(prepared.PublicDirectory, "train.csv"));
        var (_, test) = CsvText.ReadAll(Path.Combine(prepared.PublicDirectory, "test.csv"));
        var (answerHeader, answers) = CsvText.ReadAll(prepared.AnswersPath);
        var m = prepared.Manifest;
        Assert.Equal(Enumerable.Range(1, train.Count + test.Count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), train.Concat(test).Select(r => r[0]));
        Assert.Equal(60, m.TestRows);
        Assert.Equal(24, m.PublicRows);
        Assert.Equal(36, m.PrivateRows);
        Assert.Equal(["id", "Label", "Usage"], answerHeader);
        Assert.Equal(test.Select(r => r[0]), answers.Select(r => r[0]));
        Assert.Equal(24, answers.Count(r => r[2] == "Public"));
        var (_, raw) = CsvText.ReadAll(spec.Data.Source.LocalFile!);
        Assert.NotEqual(raw.Take(10).Select(r => r[1]), train.Take(10).Select(r => r[1]));
    }

    [Fact]
    public async Task Prepare_CacheIsReusedUntilRawDataChanges()
    {
        using var temp = new TempDirectory();
        var dir = FixtureCompetition.WriteLabel(temp.Combine("comps"));
        var preparer = new CompetitionPreparer(new DataRoot(temp.Combine("home")));
        var first = await preparer.PrepareAsync(CompetitionSpecLoader.Load(dir), cancellationToken: Ct);
        var stamp = File.GetLastWriteTimeUtc(first.AnswersPath);

        var again = await preparer.PrepareAsync(CompetitionSpecLoader.Load(dir), cancellationToken: Ct);
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(again.AnswersPath));

        File.AppendAllText(Path.Combine(dir, "data", "raw.csv"), "9999,0.9,1,Oslo,a,a9999\n");
        var changed = await preparer.PrepareAsync(CompetitionSpecLoader.Load(dir), cancellationToken: Ct);
        Assert.NotEqual(first.Manifest.InputSha256, changed.Manifest.InputSha256);
        Assert.Equal(first.Manifest.TrainRows + first.Manifest.TestRows + 1, changed.Manifest.TrainRows + changed.Manifest.TestRows);
    }

    [Fact]
    public async Task Prepare_FreeTextWithCommasQuotesAndNewlines_RoundTripsExactly()
    {
        // Review-like text columns (food-review-sentiment) must reach the agent unchanged, whatever they contain.
        using var temp = new TempDirectory();
        var dir = FixtureCompetition.WriteLabel(temp.Combine("comps"));
        string[] texts = ["She said \"great\", then left", "line one\nline two, \"quoted\"", "<br />tabs\tand  spaces "];
        var quoted = texts.Select(t => "\"" + t.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"").ToArray();
        File.AppendAllText(Path.Combine(dir, "data", "raw.csv"), string.Concat(quoted.Select((q, i) => $"{9000 + i},0.9,1,{q},a,a{9000 + i}\n")));
        var spec = CompetitionSpecLoader.Load(dir);

        var prepared = await new CompetitionPreparer(new DataRoot(temp.Combine("home"))).PrepareAsync(spec, cancellationToken: Ct);

        var (_, train) = CsvText.ReadAll(Path.Combine(prepared.PublicDirectory, "train.csv"));
        var (_, test) = CsvText.ReadAll(Path.Combine(prepared.PublicDirectory, "test.csv"));
        var cities = train.Concat(test).Select(r => r[3]).ToList();
        var files = File.ReadAllText(Path.Combine(prepared.PublicDirectory, "train.csv")) + File.ReadAllText(Path.Combine(prepared.PublicDirectory, "test.csv"));
        // Output quotes only fields that need it (comma, quote, newline), so the plain third text comes out unquoted.
        string[] expected = [quoted[0], quoted[1], "," + texts[2]];
        foreach (var (text, serialized) in texts.Zip(expected))
        {
            Assert.Contains(text, cities);
            Assert.Contains(serialized, files, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Verify_TamperedFile_IsReported()
    {
        using var temp = new TempDirectory();
        var spec = CompetitionSpecLoader.Load(FixtureCompetition.WriteLabel(temp.Combine("comps")));
        var prepared = await new CompetitionPreparer(new DataRoot(temp.Combine("home"))).PrepareAsync(spec, cancellationToken: Ct);

        File.AppendAllText(Path.Combine(prepared.PublicDirectory, "test.csv"), "x\n");

        Assert.Equal(["public/test.csv"], await CompetitionPreparer.VerifyAsync(prepared, Ct));
    }

    [Fact]
    public async Task Prepare_TimeSplit_PutsTheLatestRowsInTest()
    {
        using var temp = new TempDirectory();
        var spec = CompetitionSpecLoader.Load(FixtureCompetition.WriteRegression(temp.Combine("comps"), timeSplit: true));

        var prepared = await new CompetitionPreparer(new DataRoot(temp.Combine("home"))).PrepareAsync(spec, cancellationToken: Ct);

        var (_, train) = CsvText.ReadAll(Path.Combine(prepared.PublicDirectory, "train.csv"));
        var (_, test) = CsvText.ReadAll(Path.Combine(prepared.PublicDirectory, "test.csv"));
        Assert.Equal(30, test.Count);
        var lastTrainDay = train.Select(r => r[1]).Max(StringComparer.Ordinal)!;
        Assert.All(test, r => Assert.True(string.CompareOrdinal(r[1], lastTrainDay) >= 0));
        Assert.Equal(train.Select(r => r[1]).Order(StringComparer.Ordinal), train.Select(r => r[1]));
    }

    [Fact]
    public async Task Prepare_TargetMapMissingValue_NamesTheField()
    {
        using var temp = new TempDirectory();
        var dir = FixtureCompetition.WriteLabel(temp.Combine("comps"));
        var specPath = Path.Combine(dir, "competition.yaml");
        File.WriteAllText(specPath, File.ReadAllText(specPath).Replace("  target_column: Label", "  target_column: Label\n  target_map: {a: x}", StringComparison.Ordinal)
            .Replace("classes: [a, b]", "classes: [x, b]", StringComparison.Ordinal));
        var spec = CompetitionSpecLoader.Load(dir);

        var ex = await Assert.ThrowsAsync<CompetitionSpecException>(() => new CompetitionPreparer(new DataRoot(temp.Combine("home"))).PrepareAsync(spec, cancellationToken: Ct));

        Assert.Contains("data.target_map", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'b'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prepare_BinarizeTargetAt_MakesRowsAtOrAboveTheThresholdOne()
    {
        using var temp = new TempDirectory();
        var dir = FixtureCompetition.WriteRegression(temp.Combine("comps"), rows: 300);
        var (_, raw) = CsvText.ReadAll(Path.Combine(dir, "data", "raw.csv.gz"));
        var threshold = int.Parse(raw[0][2], CultureInfo.InvariantCulture); // a value that occurs, so the boundary is exercised
        var yamlPath = Path.Combine(dir, "competition.yaml");
        File.WriteAllText(yamlPath, File.ReadAllText(yamlPath)
            .Replace("  target: y\n", $"  target: y\n  target_column: high\n  binarize_target_at: {threshold}\n", StringComparison.Ordinal)
            .Replace("name: rmse", "name: roc_auc", StringComparison.Ordinal)
            .Replace("higher_is_better: false", "higher_is_better: true", StringComparison.Ordinal)
            .Replace("kind: value", "kind: probability", StringComparison.Ordinal));
        var spec = CompetitionSpecLoader.Load(dir);

        var prepared = await new CompetitionPreparer(new DataRoot(temp.Combine("home"))).PrepareAsync(spec, cancellationToken: Ct);

        var (trainHeader, train) = CsvText.ReadAll(Path.Combine(prepared.PublicDirectory, "train.csv"));
        var (_, answers) = CsvText.ReadAll(prepared.AnswersPath);
        Assert.Equal("high", trainHeader[^1]);
        var labels = train.Select(r => r[^1]).Concat(answers.Select(r => r[1])).ToList();
        Assert.All(labels, l => Assert.Contains(l, new[] { "0", "1" }));
        Assert.Equal(raw.Count(r => int.Parse(r[2], CultureInfo.InvariantCulture) >= threshold), labels.Count(l => l == "1"));
        Assert.NotEqual(raw.Count(r => int.Parse(r[2], CultureInfo.InvariantCulture) > threshold), labels.Count(l => l == "1"));
    }

    [Fact]
    public async Task Prepare_BinarizeTargetAtOnATextTarget_NamesTheValues()
    {
        using var temp = new TempDirectory();
        var dir = FixtureCompetition.WriteProbability(temp.Combine("comps"));
        var yamlPath = Path.Combine(dir, "competition.yaml");
        File.WriteAllText(yamlPath, File.ReadAllText(yamlPath).Replace("  target_map: {a: \"1\", b: \"0\"}\n", "  binarize_target_at: 1\n", StringComparison.Ordinal));
        var spec = CompetitionSpecLoader.Load(dir);

        var error = await Assert.ThrowsAsync<CompetitionSpecException>(() => new CompetitionPreparer(new DataRoot(temp.Combine("home"))).PrepareAsync(spec, cancellationToken: Ct));

        Assert.Contains("data.binarize_target_at: raw target values that are not numbers", error.Message, StringComparison.Ordinal);
        Assert.Contains("'a'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BinarizeTargetAt_WithATargetMap_IsRejected()
    {
        using var temp = new TempDirectory();
        var dir = FixtureCompetition.WriteProbability(temp.Combine("comps"));
        var yamlPath = Path.Combine(dir, "competition.yaml");
        File.WriteAllText(yamlPath, File.ReadAllText(yamlPath).Replace("  target_map:", "  binarize_target_at: 1\n  target_map:", StringComparison.Ordinal));

        var error = Assert.Throws<CompetitionSpecException>(() => CompetitionSpecLoader.Load(dir));

        Assert.Contains("data.binarize_target_at: cannot be combined with data.target_map", error.Message, StringComparison.Ordinal);
    }
}
