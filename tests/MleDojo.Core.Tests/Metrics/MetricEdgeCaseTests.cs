using MleDojo.Core.Metrics;

namespace MleDojo.Core.Tests.Metrics;

public sealed class MetricEdgeCaseTests
{
    public static TheoryData<string> MetricNames => [.. MetricRegistry.All.Select(m => m.Name)];

    [Theory]
    [MemberData(nameof(MetricNames))]
    public void Score_EmptyInput_ThrowsNoRowsToScore(string name)
    {
        IMetric metric = Create(name);
        MetricException ex = Assert.Throws<MetricException>(() => metric.Score(Inputs.Empty()));
        Assert.Equal("no rows to score", ex.Message);
    }

    [Theory]
    [MemberData(nameof(MetricNames))]
    public void Score_MissingArrays_ThrowsMetricExceptionNotNullReference(string name)
    {
        IMetric metric = Create(name);
        MetricException ex = Assert.Throws<MetricException>(() => metric.Score(new MetricInput { RowCount = 2 }));
        Assert.Contains(name, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(MetricNames))]
    public void Score_MisalignedArrays_ThrowsMetricException(string name)
    {
        IMetric metric = Create(name);
        var input = new MetricInput
        {
            RowCount = 3,
            TrueLabels = ["1", "0", "1"],
            PredictedLabels = ["1", "0"],
            TrueValues = [1, 0, 1],
            PredictedValues = [0.5, 0.5],
            TrueColumns = [[1, 0, 1]],
            PredictedColumns = [[0.5, 0.5], [0.5, 0.5]],
            Classes = ["0", "1"],
        };
        Assert.Throws<MetricException>(() => metric.Score(input));
    }

    [Fact]
    public void Score_NullInput_ThrowsArgumentNull() =>
        Assert.Throws<ArgumentNullException>(() => MetricRegistry.Create("rmse").Score(null!));

    [Fact]
    public void Score_ClassProbabilitiesWithWrongColumnCount_Throws()
    {
        var input = new MetricInput
        {
            RowCount = 2,
            TrueLabels = ["a", "b"],
            PredictedColumns = [[0.5, 0.5], [0.5, 0.5]],
            Classes = ["a", "b", "c"],
        };
        Assert.Throws<MetricException>(() => MetricRegistry.Create("multiclass_log_loss").Score(input));
        Assert.Throws<MetricException>(() => MetricRegistry.Create("roc_auc_ovr").Score(input));
    }

    [Fact]
    public void Score_DuplicateClasses_Throws()
    {
        var input = new MetricInput
        {
            RowCount = 2,
            TrueLabels = ["a", "b"],
            PredictedColumns = [[0.5, 0.5], [0.5, 0.5]],
            Classes = ["a", "a"],
        };
        Assert.Throws<MetricException>(() => MetricRegistry.Create("multiclass_log_loss").Score(input));
    }

    private static IMetric Create(string name)
    {
        MetricInfo info = MetricRegistry.All.Single(m => m.Name == name);
        return MetricRegistry.Create(name, info.Parameters.Where(p => p.Required).ToDictionary(p => p.Name, _ => (object?)2));
    }
}
