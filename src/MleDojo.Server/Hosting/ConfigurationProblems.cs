using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace MleDojo.Server.Hosting;

/// <summary>Turns the options validators' failures into one line per problem, each naming the configuration key.</summary>
internal static partial class ConfigurationProblems
{
    /// <summary>The problems in an exception thrown while options were bound and validated.</summary>
    public static IReadOnlyList<string> From(Exception exception) => exception switch
    {
        AggregateException aggregate => [.. aggregate.InnerExceptions.SelectMany(From)],
        OptionsValidationException invalid => [.. invalid.Failures.Select(f => Line(invalid.OptionsType, f))],

        // The binder's own errors (a value that does not convert) already name the key.
        _ => [exception.Message],
    };

    private static string Line(Type optionsType, string failure)
    {
        var section = ConfigurationSections.Of(optionsType) ?? optionsType.Name;

        // DataAnnotations validation words its failures as: DataAnnotation validation failed for 'T' members: 'M' with the error: 'E'.
        var match = DataAnnotationFailure().Match(failure);
        if (!match.Success)
        {
            return $"{section}:{failure}";
        }

        var members = match.Groups["members"].Value;
        var error = match.Groups["error"].Value;
        return members.Length == 0 || members.Contains(',', StringComparison.Ordinal) ? $"{section}: {error}" : $"{section}:{members}: {error}";
    }

    [GeneratedRegex(@"^DataAnnotation validation failed for '[^']*' members: '(?<members>[^']*)' with the error: '(?<error>.*)'\.$", RegexOptions.Singleline)]
    private static partial Regex DataAnnotationFailure();
}
