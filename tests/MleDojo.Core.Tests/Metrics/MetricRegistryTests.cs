using MleDojo.Core.Metrics;

namespace MleDojo.Core.Tests.Metrics;

public sealed class MetricRegistryTests
{
    public static TheoryData<string> MetricNames => [.. MetricRegistry.All.Select(m => m.Name)];

    /// <summary>Directions written out by hand: a flipped direction silently inverts a leaderboard (MLE-Dojo issue #5).</summary>
    public static TheoryData<string, bool, PredictionKind> ExpectedDefinitions => new()
    {
        { "accuracy", true, PredictionKind.Label },
        { "roc_auc", true, PredictionKind.Probability },
        { "roc_auc_ovr", true, PredictionKind.ClassProbabilities },
        { "log_loss", false, PredictionKind.Probability },
        { "multiclass_log_loss", false, PredictionKind.ClassProbabilities },
        { "f1", true, PredictionKind.Label },
        { "fbeta", true, PredictionKind.Label },
        { "mcc", true, PredictionKind.Label },
        { "top_k_error", false, PredictionKind.RankedList },
        { "normalized_gini", true, PredictionKind.Probability },
        { "rmse", false, PredictionKind.Value },
        { "rmsle", false, PredictionKind.Value },
        { "mae", false, PredictionKind.Value },
        { "median_ae", false, PredictionKind.Value },
        { "r2", true, PredictionKind.Value },
        { "rmspe", false, PredictionKind.Value },
        { "smape", false, PredictionKind.Value },
        { "mcrmse", false, PredictionKind.Values },
        { "pearson", true, PredictionKind.Value },
        { "spearman", true, PredictionKind.Value },
        { "qwk", true, PredictionKind.Label },
        { "map_at_k", true, PredictionKind.RankedList },
        { "ndcg_at_k", true, PredictionKind.RankedList },
        { "concordance_index", true, PredictionKind.Value },
        { "levenshtein", false, PredictionKind.Text },
        { "jaccard", true, PredictionKind.Text },
        { "dice", true, PredictionKind.Text },
    };

    [Theory]
    [MemberData(nameof(ExpectedDefinitions))]
    public void All_DeclaresExpectedDirectionAndKind(string name, bool higherIsBetter, PredictionKind kind)
    {
        Assert.True(MetricRegistry.TryGetInfo(name, out MetricInfo? info));
        Assert.Equal(higherIsBetter, info.HigherIsBetter);
        Assert.Equal(kind, info.Kind);
        Assert.True(MetricRegistry.TryGetDirection(name, out bool direction));
        Assert.Equal(higherIsBetter, direction);
    }

    [Fact]
    public void All_ListsExactlyTheExpectedMetricsOnce()
    {
        string[] names = [.. MetricRegistry.All.Select(m => m.Name)];
        Assert.Equal(names.Length, names.Distinct().Count());
        Assert.Equal(
            ExpectedDefinitions.Select(row => row.Data.Item1).Order(StringComparer.Ordinal),
            names.Order(StringComparer.Ordinal));
        Assert.All(MetricRegistry.All, m => Assert.False(string.IsNullOrWhiteSpace(m.Description)));
        Assert.All(MetricRegistry.All, m => Assert.Matches("^[a-z][a-z0-9_]*$", m.Name));
    }

    [Theory]
    [MemberData(nameof(MetricNames))]
    public void Create_EveryMetric_AgreesWithItsInfo(string name)
    {
        MetricInfo info = MetricRegistry.All.Single(m => m.Name == name);
        Dictionary<string, object?> required = info.Parameters.Where(p => p.Required).ToDictionary(p => p.Name, _ => (object?)"2");
        IMetric metric = MetricRegistry.Create(name, required);
        Assert.Equal(info.Name, metric.Name);
        Assert.Equal(info.HigherIsBetter, metric.HigherIsBetter);
        Assert.Equal(info.Kind, metric.Kind);
    }

    [Fact]
    public void Create_UnknownName_ThrowsNamingItAndListingKnownMetrics()
    {
        ArgumentException ex = Assert.Throws<ArgumentException>(() => MetricRegistry.Create("auc"));
        Assert.Contains("'auc'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("roc_auc", ex.Message, StringComparison.Ordinal);
        Assert.Contains("qwk", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_NameIsCaseSensitive() => Assert.Throws<ArgumentException>(() => MetricRegistry.Create("RMSE"));

    [Fact]
    public void Create_UnknownParameter_ThrowsNamingIt()
    {
        ArgumentException ex = Assert.Throws<ArgumentException>(
            () => MetricRegistry.Create("rmse", new Dictionary<string, object?> { ["k"] = 5 }));
        Assert.Contains("'k'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("rmse", ex.Message, StringComparison.Ordinal);

        ex = Assert.Throws<ArgumentException>(
            () => MetricRegistry.Create("f1", new Dictionary<string, object?> { ["avg"] = "macro" }));
        Assert.Contains("average", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fbeta", "beta")]
    [InlineData("map_at_k", "k")]
    [InlineData("ndcg_at_k", "k")]
    public void Create_MissingRequiredParameter_ThrowsNamingIt(string name, string parameter)
    {
        ArgumentException ex = Assert.Throws<ArgumentException>(() => MetricRegistry.Create(name));
        Assert.Contains($"'{parameter}'", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("top_k_error", "k", "abc")]
    [InlineData("top_k_error", "k", "0")]
    [InlineData("top_k_error", "k", 2.5)]
    [InlineData("map_at_k", "k", -1)]
    [InlineData("f1", "average", "weighted")]
    [InlineData("log_loss", "eps", "0.7")]
    [InlineData("log_loss", "eps", 0)]
    [InlineData("fbeta", "beta", "-1")]
    [InlineData("fbeta", "beta", "NaN")]
    public void Create_InvalidParameterValue_ThrowsNamingParameterAndValue(string name, string parameter, object value)
    {
        ArgumentException ex = Assert.Throws<ArgumentException>(
            () => MetricRegistry.Create(name, new Dictionary<string, object?> { [parameter] = value }));
        Assert.Contains($"'{parameter}'", ex.Message, StringComparison.Ordinal);
        Assert.Contains(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("3")]
    [InlineData(" 3 ")]
    [InlineData("3.0")]
    [InlineData(3)]
    [InlineData(3L)]
    [InlineData(3.0)]
    public void Create_IntegerParameter_AcceptsYamlShapes(object k)
    {
        IMetric metric = MetricRegistry.Create("top_k_error", new Dictionary<string, object?> { ["k"] = k });
        double score = metric.Score(Inputs.Labels(["c"], ["a b c d"]));
        Assert.Equal(0.0, score);
    }

    [Theory]
    [InlineData("1e-7")]
    [InlineData("0.0000001")]
    [InlineData(1e-7)]
    public void Create_NumberParameter_ParsedInvariantly(object eps)
    {
        IMetric metric = MetricRegistry.Create("log_loss", new Dictionary<string, object?> { ["eps"] = eps });
        double score = metric.Score(Inputs.Probability([1], [0]));
        ReferenceData.AssertClose(-Math.Log(1e-7), score, 1e-9, "log loss clipped at 1e-7");
    }

    [Fact]
    public void Create_NullParameterValue_UsesDefault()
    {
        IMetric metric = MetricRegistry.Create("top_k_error", new Dictionary<string, object?> { ["k"] = null });
        Assert.Equal(1.0, metric.Score(Inputs.Labels(["f"], ["a b c d e f"])));
    }

    [Fact]
    public void TryGetDirection_UnknownName_ReturnsFalse()
    {
        Assert.False(MetricRegistry.TryGetDirection("nope", out bool higher));
        Assert.False(higher);
        Assert.False(MetricRegistry.TryGetInfo("nope", out _));
    }

    [Fact]
    public void All_ParametersDescribeDefaultsUnlessRequired() =>
        Assert.All(
            MetricRegistry.All.SelectMany(m => m.Parameters),
            p => Assert.Equal(p.Required, p.DefaultValue is null));
}
