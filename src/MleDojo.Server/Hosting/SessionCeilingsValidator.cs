using System.ComponentModel.DataAnnotations;
using MleDojo.Core.Sessions;
using Microsoft.Extensions.Options;

namespace MleDojo.Server.Hosting;

/// <summary>
/// Validates <see cref="SessionOptions.Ceilings"/>, which DataAnnotations validation of <see cref="SessionOptions"/>
/// does not descend into (the nested object carries no <c>[ValidateObjectMembers]</c>).
/// </summary>
internal sealed class SessionCeilingsValidator : IValidateOptions<SessionOptions>
{
    public ValidateOptionsResult Validate(string? name, SessionOptions options)
    {
        if (options.Ceilings is not { } ceilings)
        {
            // [Required] on the property reports a missing object.
            return ValidateOptionsResult.Skip;
        }

        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(ceilings, new ValidationContext(ceilings), results, validateAllProperties: true))
        {
            return ValidateOptionsResult.Success;
        }

        return ValidateOptionsResult.Fail(results.Select(r => $"Ceilings:{string.Join(',', r.MemberNames)}: {r.ErrorMessage}"));
    }
}
