namespace MleDojo.Core.Tests.Metrics;

/// <summary>Timing tests run alone so that other tests do not steal the two CPU cores they measure.</summary>
[CollectionDefinition(nameof(PerformanceCollection), DisableParallelization = true)]
public sealed class PerformanceCollection
{
}
