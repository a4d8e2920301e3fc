namespace MleDojo.Core.Grading;

/// <summary>Predictions reordered to the answer key's row order.</summary>
internal sealed record AlignedPredictions(string[]? Labels, double[][]? Columns);
