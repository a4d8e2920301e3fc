using System.ComponentModel.DataAnnotations;

namespace MleDojo.Server.Hosting;

/// <summary>Where the server keeps its data and finds competitions (<c>MleDojo</c> section).</summary>
public sealed class MleDojoOptions : IValidatableObject
{
    /// <summary>Data root. The default (also when blank) is $MLEDOJO_HOME, else ~/.mledojo.</summary>
    public string? Home { get; set; }

    /// <summary>Extra competition directories besides the shipped ones.</summary>
    public List<string> Competitions { get; set; } = [];

    /// <summary>Every entry of <see cref="Competitions"/> names a directory.</summary>
    /// <param name="validationContext">The validation context (unused: the rule reads only these options).</param>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Competitions.Any(string.IsNullOrWhiteSpace))
        {
            yield return new ValidationResult("Competitions entries must name directories; one is empty.", [nameof(Competitions)]);
        }
    }
}
