namespace MleDojo.Core.Importing;

/// <summary>
/// The input of an <see cref="ImportRequest"/> an <see cref="ImportException"/> is about: the one that is wrong, or the
/// one whose setting fixes it. Core names the input; each front end (the CLI's flags) names it in its own terms.
/// </summary>
public enum ImportInput
{
    /// <summary>No single input: the competition folder or what its prepare.py did.</summary>
    None,

    /// <summary><see cref="ImportRequest.DataPath"/>: the Kaggle download.</summary>
    Data,

    /// <summary><see cref="ImportRequest.Id"/>: the id is not usable.</summary>
    Id,

    /// <summary>The destination already holds a competition with this id: replace it (<see cref="ImportRequest.Force"/>) or pick another <see cref="ImportRequest.Id"/>.</summary>
    ExistingImport,

    /// <summary><see cref="ImportRequest.PublicFraction"/>.</summary>
    PublicFraction,

    /// <summary><see cref="ImportRequest.UseOwnGrader"/>: asked for without a grader, or needed because the library metric cannot score the files.</summary>
    OwnGrader,

    /// <summary><see cref="ImportRequest.HigherIsBetter"/>: the own grader's direction is unknown.</summary>
    Direction,
}
