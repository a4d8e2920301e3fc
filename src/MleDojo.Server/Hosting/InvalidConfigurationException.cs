namespace MleDojo.Server.Hosting;

/// <summary>The configuration (appsettings.json, environment variables, flags) has problems; the message lists every one.</summary>
internal sealed class InvalidConfigurationException : Exception
{
    public InvalidConfigurationException(IReadOnlyList<string> problems, Exception innerException)
        : base(Describe(problems), innerException)
    {
        Problems = problems;
    }

    /// <summary>One line per problem, each starting with the configuration key it concerns.</summary>
    public IReadOnlyList<string> Problems { get; }

    private static string Describe(IReadOnlyList<string> problems) =>
        $"invalid configuration (appsettings.json, MleDojo__* environment variables, command-line flags):{string.Concat(problems.Select(p => $"{Environment.NewLine}  {p}"))}";
}
