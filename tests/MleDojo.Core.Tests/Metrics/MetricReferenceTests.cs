using System.Text.Json;
using MleDojo.Core.Metrics;

namespace MleDojo.Core.Tests.Metrics;

/// <summary>Every case of the scikit-learn/scipy reference file, plus the file's own integrity.</summary>
public sealed class MetricReferenceTests
{
    private const string Python = "/usr/bin/python3";

    public static TheoryData<string> CaseIds => [.. ReferenceData.Cases.Select(c => c.Id)];

    [Theory]
    [MemberData(nameof(CaseIds))]
    public void ReferenceCase_MatchesReference(string id) => ReferenceData.AssertCase(id);

    [Fact]
    public void ReferenceFile_HasAValueCaseForEveryRegisteredMetric()
    {
        var withValues = ReferenceData.Cases.Where(c => c.Expected is not null).Select(c => c.Metric).ToHashSet();
        string[] missing = [.. MetricRegistry.All.Select(m => m.Name).Where(n => !withValues.Contains(n))];
        Assert.True(
            missing.Length == 0,
            $"metrics without a reference case (add them to tests/reference/metric_reference.py, or the R script for R references): {string.Join(", ", missing)}");
    }

    [Fact]
    public void ReferenceFile_NamesOnlyRegisteredMetrics()
    {
        string[] unknown = [.. ReferenceData.Cases.Select(c => c.Metric).Distinct().Where(n => !MetricRegistry.TryGetInfo(n, out _))];
        Assert.Empty(unknown);
    }

    [Fact]
    public void ReferenceFile_CaseIdsAreUniqueAndValueCasesHaveATolerance()
    {
        Assert.Equal(ReferenceData.Cases.Count, ReferenceData.Cases.Select(c => c.Id).Distinct().Count());
        Assert.All(
            ReferenceData.Cases.Where(c => c.Expected is not null),
            c => Assert.InRange(c.Tolerance, 1e-15, 1e-9));
    }

    [Fact]
    public async Task ReferenceScript_Rerun_ReproducesCheckedInJson()
    {
        CancellationToken cancel = TestContext.Current.CancellationToken;
        if (!File.Exists(Python))
        {
            Assert.Skip($"{Python} is not installed, so the scikit-learn reference values cannot be regenerated here");
        }

        (int probeExit, _, string probeError) = await ReferenceProcess.RunAsync(Python, ["-c", "import numpy, scipy, sklearn"], cancel);
        if (probeExit != 0)
        {
            Assert.Skip($"{Python} lacks numpy/scipy/scikit-learn ({probeError.Trim()}), so the reference values cannot be regenerated here");
        }

        string? root = RepositoryPaths.RootIfAvailable;
        if (root is null)
        {
            Assert.Skip("the tests are not running inside the source tree, so the reference script is not available");
        }

        string script = Path.Combine(root, "tests", "reference", "metric_reference.py");
        string checkedIn = Path.Combine(root, "tests", "MleDojo.Core.Tests", "Metrics", ReferenceData.FileName);
        string output = Path.Combine(Path.GetTempPath(), $"metric_reference_{Guid.NewGuid():N}.json");
        try
        {
            (int exit, string stdout, string stderr) = await ReferenceProcess.RunAsync(Python, [script, "--output", output], cancel);
            Assert.True(exit == 0, $"the reference script failed ({exit}):\n{stdout}\n{stderr}");

            using JsonDocument regenerated = JsonDocument.Parse(await File.ReadAllTextAsync(output, cancel));
            using JsonDocument stored = JsonDocument.Parse(await File.ReadAllTextAsync(checkedIn, cancel));
            string? difference = JsonDifference.Find(
                stored.RootElement.GetProperty("cases"), regenerated.RootElement.GetProperty("cases"), "cases");
            Assert.True(
                difference is null,
                $"re-running {script} does not reproduce {checkedIn}: {difference}. "
                + $"Stored versions {stored.RootElement.GetProperty("versions")}, now {regenerated.RootElement.GetProperty("versions")}. "
                + "Regenerate the file and review the diff.");
        }
        finally
        {
            File.Delete(output);
        }
    }
}
