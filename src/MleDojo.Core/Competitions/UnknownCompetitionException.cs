namespace MleDojo.Core.Competitions;

/// <summary>No competition has the requested id.</summary>
public sealed class UnknownCompetitionException(string id, IReadOnlyList<string> known)
    : DojoException("unknown_competition", $"Unknown competition '{id}'. Known competitions: {(known.Count == 0 ? "(none)" : string.Join(", ", known))}.")
{
    /// <summary>An agent finds competitions with list_competitions.</summary>
    public override string MessageForAgent => $"{Message} Use list_competitions to see them.";

    /// <summary>The id that was asked for.</summary>
    public string CompetitionId { get; } = id;
}
