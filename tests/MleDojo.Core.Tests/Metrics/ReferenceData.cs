using System.Text.Json;
using MleDojo.Core.Metrics;

namespace MleDojo.Core.Tests.Metrics;

/// <summary>Loads the checked-in reference values and checks a metric against one case.</summary>
internal static class ReferenceData
{
    /// <summary>Written by tests/reference/metric_reference.py (scikit-learn, scipy, Kaggle formulas).</summary>
    public const string FileName = "metric_reference_values.json";

    /// <summary>Written by tests/reference/concordance_reference.R (R's survival package), same schema.</summary>
    public const string RFileName = "concordance_reference_values.json";

    /// <summary>Exact zeros (perfect RMSE, inverted AUC) cannot be compared relatively, so tiny absolute slack is allowed.</summary>
    private const double AbsoluteFloor = 1e-15;

    private static readonly Lazy<IReadOnlyList<ReferenceCase>> LazyCases = new(Load);

    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        ReadCommentHandling = JsonCommentHandling.Disallow,
    };

    public static IReadOnlyList<ReferenceCase> Cases => LazyCases.Value;

    public static ReferenceCase Get(string id) =>
        Cases.SingleOrDefault(c => c.Id == id)
        ?? throw new InvalidOperationException($"no reference case '{id}' in {FileName} or {RFileName}; re-run tests/reference/metric_reference.py or concordance_reference.R");

    /// <summary>Scores the case and asserts the reference value or the expected MetricException.</summary>
    public static void AssertCase(string id) => AssertCase(Get(id));

    public static void AssertCase(ReferenceCase c)
    {
        IMetric metric = c.CreateMetric();
        Assert.Equal(c.Kind, metric.Kind.ToString());
        MetricInput input = c.ToInput();
        if (c.Error is not null)
        {
            MetricException ex = Assert.Throws<MetricException>(() => metric.Score(input));
            Assert.Contains(c.Error, ex.Message, StringComparison.OrdinalIgnoreCase);
            return;
        }

        double expected = c.Expected ?? throw new InvalidOperationException($"{c.Id}: neither expected nor error");
        double actual = metric.Score(input);
        AssertClose(expected, actual, c.Tolerance, $"{c.Id} (reference: {c.Reference})");
    }

    public static void AssertClose(double expected, double actual, double relativeTolerance, string what)
    {
        double difference = Math.Abs(actual - expected);
        bool close = difference <= relativeTolerance * Math.Abs(expected) || difference <= AbsoluteFloor;
        Assert.True(
            close,
            $"{what}: expected {expected:R}, got {actual:R} (difference {difference:E3}, relative tolerance {relativeTolerance:E1})");
    }

    private static IReadOnlyList<ReferenceCase> Load() => [.. LoadFile(FileName), .. LoadFile(RFileName)];

    private static List<ReferenceCase> LoadFile(string name)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Metrics", name);
        using FileStream stream = File.OpenRead(path);
        ReferenceFile file = JsonSerializer.Deserialize<ReferenceFile>(stream, JsonOptions)
            ?? throw new InvalidOperationException($"{path} is empty");
        return file.Cases;
    }

    private sealed class ReferenceFile
    {
        public required List<ReferenceCase> Cases { get; init; }
    }
}
