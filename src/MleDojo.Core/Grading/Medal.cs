namespace MleDojo.Core.Grading;

/// <summary>Kaggle medal.</summary>
public enum Medal
{
    /// <summary>No medal.</summary>
    None,

    /// <summary>Bronze.</summary>
    Bronze,

    /// <summary>Silver.</summary>
    Silver,

    /// <summary>Gold.</summary>
    Gold,
}
