using System.ComponentModel.DataAnnotations;

namespace MleDojo.Sandbox.Common;

/// <summary>Every problem with an options object: its DataAnnotations attributes and its cross-field rules.</summary>
internal static class OptionsValidation
{
    /// <summary>
    /// The messages of every failed rule, empty when the options are valid. <see cref="Validator"/> skips
    /// <see cref="IValidatableObject.Validate"/> once an attribute fails; here the cross-field rules run anyway, so one
    /// message lists everything to fix.
    /// </summary>
    public static IReadOnlyList<string> Errors(object options)
    {
        var context = new ValidationContext(options);
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, context, results, validateAllProperties: true) && options is IValidatableObject validatable)
        {
            results.AddRange(validatable.Validate(context));
        }

        return [.. results.Select(r => r.ErrorMessage ?? $"{string.Join(", ", r.MemberNames)} is invalid.").Distinct(StringComparer.Ordinal)];
    }
}
