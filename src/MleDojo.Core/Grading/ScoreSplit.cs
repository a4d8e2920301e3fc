namespace MleDojo.Core.Grading;

/// <summary>Which test rows a score is computed on.</summary>
public enum ScoreSplit
{
    /// <summary>The public part: scored on every execution, Kaggle style.</summary>
    Public,

    /// <summary>The private part: scored once, at submit.</summary>
    Private,

    /// <summary>Every test row (offline analysis only).</summary>
    All,
}
