using System.Diagnostics;
using MleDojo.Core.Metrics;

namespace MleDojo.Core.Tests.Metrics;

[Collection(nameof(PerformanceCollection))]
public sealed class MetricPerformanceTests
{
    private const int Rows = 1_000_000;

    /// <summary>Pooled buffers are reused after the first call; anything near a row count of bytes means per-row work allocates.</summary>
    private const long AllocationBudgetBytes = 64 * 1024;

    /// <remarks>
    /// Speed is measured by the grading benchmark (./run bench grading), not asserted here: a timed assertion
    /// fails on a slow, noisy machine. Allocation counts are deterministic, so they are asserted.
    /// </remarks>
    [Theory]
    [InlineData("roc_auc")]
    [InlineData("rmse")]
    [InlineData("mae")]
    [InlineData("normalized_gini")]
    [InlineData("spearman")]
    public void Score_MillionRows_DoesNotAllocatePerRow(string name)
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

        TestContext.Current.TestOutputHelper?.WriteLine($"{name}: {Rows:N0} rows in {best:F1} ms (best of 5), {allocated:N0} bytes allocated");
        Assert.True(allocated < AllocationBudgetBytes, $"{name} allocated {allocated:N0} bytes for {Rows:N0} rows");
    }
}
