namespace MleDojo.Core.Metrics;

/// <summary>What a submission holds for each row, which decides how it is parsed and validated.</summary>
public enum PredictionKind
{
    /// <summary>One column holding a class label (accuracy, F1, MCC...).</summary>
    Label,

    /// <summary>One numeric column in [0, 1]: the probability of the positive class (binary ROC-AUC, log loss, Gini).</summary>
    Probability,

    /// <summary>One column per class, each in [0, 1], rows summing to 1 (multi-class log loss, one-vs-rest AUC).</summary>
    ClassProbabilities,

    /// <summary>One finite numeric column (RMSE, MAE, R2, QWK on integer grades...).</summary>
    Value,

    /// <summary>Several finite numeric columns, one per target (MCRMSE).</summary>
    Values,

    /// <summary>One free-text column (Levenshtein, word Jaccard, Dice).</summary>
    Text,

    /// <summary>One column holding a space-separated ranked list of labels (MAP@K, NDCG@K, top-k error).</summary>
    RankedList,
}
