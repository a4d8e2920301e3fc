namespace MleDojo.Core.Metrics.Classification;

/// <summary>How per-label F-scores are combined; the names match sklearn's <c>average</c> argument.</summary>
internal enum FScoreAverage
{
    /// <summary>Only the positive label's F-score; at most two labels may be present.</summary>
    Binary,

    /// <summary>Unweighted mean over every label present in truth or predictions.</summary>
    Macro,

    /// <summary>F-score of the pooled true positives, false positives and false negatives.</summary>
    Micro,
}
