using System.Diagnostics;
using System.Reflection;
using MleDojo.Core.Metrics;

namespace MleDojo.Core.Tests.Metrics;

[Collection(nameof(PerformanceCollection))]
public sealed class MetricPerformanceTests
{
    private const int Rows = 1_000_000;

    /// <summary>Debug builds run without JIT optimisation (about 3x slower); they still must not fall off a cliff.</summary>
    private const double DebugSlowdown = 4;

    /// <summary>Pooled buffers are reused after the first call; anything near a row count of bytes means per-row work allocates.</summary>
    private const long AllocationBudgetBytes = 64 * 1024;

    /// <remarks>
    /// roc_auc and rmse carry the 100 ms budget of the design; Gini and Spearman sort twice with
    /// row payloads and get twice that. For scale, sklearn 1.2.1 takes about 360 ms for roc_auc_score
    /// and scipy about 320 ms for spearmanr on the same data on the development machine.
    /// </remarks>
    [Theory]
    [InlineData("roc_auc", 100)]
    [InlineData("rmse", 100)]
    [InlineData("mae", 100)]
    [InlineData("normalized_gini", 200)]
    [InlineData("spearman", 200)]
    public void Score_MillionRows_WithinBudgetAndWithoutPerRowAllocations(string name, double budgetMilliseconds)
    {
        var random = new Random(20261126);
        double[] truth = new double[Rows];
        double[] predicted = new double[Rows];
        for (int i = 0; i < Rows; i++)
        {
            truth[i] = random.NextDouble() < 0.2 ? 1.0 : 0.0;
            predicted[i] = Math.Round((random.NextDouble() + (0.3 * truth[i])) * 1e4) / 1e4;
        }

        IMetric metric = MetricRegistry.Create(name);
        var input = new MetricInput { RowCount = Rows, TrueValues = truth, PredictedValues = predicted };
        metric.Score(input);

        double best = double.MaxValue;
        long allocated = long.MaxValue;
        for (int run = 0; run < 5; run++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            long start = Stopwatch.GetTimestamp();
            metric.Score(input);
            double elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            allocated = Math.Min(allocated, GC.GetAllocatedBytesForCurrentThread() - before);
            best = Math.Min(best, elapsed);
        }

        bool optimised = typeof(MetricRegistry).Assembly.GetCustomAttribute<DebuggableAttribute>()?.IsJITOptimizerDisabled != true;
        double budget = optimised ? budgetMilliseconds : budgetMilliseconds * DebugSlowdown;
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{name}: {Rows:N0} rows in {best:F1} ms (best of 5, {(optimised ? "optimised" : "debug")} build), {allocated:N0} bytes allocated");
        Assert.True(best < budget, $"{name} took {best:F1} ms for {Rows:N0} rows; budget {budget} ms");
        Assert.True(allocated < AllocationBudgetBytes, $"{name} allocated {allocated:N0} bytes for {Rows:N0} rows");
    }
}
