using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace MleDojo.Core.Tests.Metrics;

/// <summary>Re-runs tests/reference/concordance_reference.R with R's survival package and compares with the checked-in JSON.</summary>
public sealed class ConcordanceReferenceTests
{
    private static bool InCi => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")) && Environment.GetEnvironmentVariable("CI") != "false";

    [Fact]
    public async Task RScript_Rerun_ReproducesCheckedInJson()
    {
        CancellationToken cancel = TestContext.Current.CancellationToken;
        string? rscript = FindOnPath("Rscript");
        if (rscript is null)
        {
            SkipOrFail("Rscript is not on PATH (Debian: apt-get install r-base-core r-cran-survival; ./run ensures it)");
        }

        (int probeExit, _, string probeError) = await ReferenceProcess.RunAsync(rscript, ["-e", "library(survival)"], cancel);
        if (probeExit != 0)
        {
            SkipOrFail($"R lacks the survival package ({probeError.Trim()}); apt-get install r-cran-survival");
        }

        string? root = RepositoryPaths.RootIfAvailable;
        if (root is null)
        {
            Assert.Skip("the tests are not running inside the source tree, so the R reference script is not available");
        }

        string script = Path.Combine(root, "tests", "reference", "concordance_reference.R");
        string checkedIn = Path.Combine(root, "tests", "MleDojo.Core.Tests", "Metrics", ReferenceData.RFileName);
        string output = Path.Combine(Path.GetTempPath(), $"concordance_reference_{Guid.NewGuid():N}.json");
        try
        {
            (int exit, string stdout, string stderr) = await ReferenceProcess.RunAsync(rscript, [script, "--output", output], cancel);
            Assert.True(exit == 0, $"the R reference script failed ({exit}):\n{stdout}\n{stderr}");

            using JsonDocument regenerated = JsonDocument.Parse(await File.ReadAllTextAsync(output, cancel));
            using JsonDocument stored = JsonDocument.Parse(await File.ReadAllTextAsync(checkedIn, cancel));
            string? difference = JsonDifference.Find(stored.RootElement.GetProperty("cases"), regenerated.RootElement.GetProperty("cases"), "cases");
            Assert.True(
                difference is null,
                $"re-running {script} does not reproduce {checkedIn}: {difference}. "
                + $"Stored versions {stored.RootElement.GetProperty("versions")}, now {regenerated.RootElement.GetProperty("versions")}.");
        }
        finally
        {
            File.Delete(output);
        }
    }

    [DoesNotReturn]
    private static void SkipOrFail(string reason)
    {
        // CI installs R (the run script's ensure_r step), so a missing R there is a broken setup, not a skip.
        Assert.False(InCi, $"CI is set but {reason}");
        Assert.Skip(reason);
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}
