namespace MleDojo.Core.Competitions;

/// <summary>A competition folder is broken. The message names the file and every faulty field.</summary>
public sealed class CompetitionSpecException(string path, IReadOnlyList<string> problems)
    : DojoException(
        "competition_broken",
        $"{path}: invalid competition spec:{Environment.NewLine}  - {string.Join(Environment.NewLine + "  - ", problems)}")
{
    /// <summary>The file at fault.</summary>
    public string SpecPath { get; } = path;

    /// <summary>One line per faulty field.</summary>
    public IReadOnlyList<string> Problems { get; } = problems;

    /// <summary>Without the spec's host path; an agent cannot fix the folder, the operator can.</summary>
    public override string MessageForAgent =>
        $"The competition cannot be prepared: {string.Join("; ", Problems)}. Tell the server operator.";
}
