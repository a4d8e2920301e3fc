using System.ComponentModel.DataAnnotations;
using MleDojo.Agents;

namespace MleDojo.Server.Hosting;

/// <summary>
/// The agents' settings (<c>MleDojo:Agents</c>): a list of models rather than a map, because model ids hold the
/// characters configuration keys cannot (<c>llama3.1:8b</c>).
/// </summary>
public sealed class AgentsOptions : IValidatableObject
{
    /// <summary>Models with a price or fixed settings. The default is none.</summary>
    public List<AgentModelSettings> Models { get; set; } = [];

    /// <summary>The settings of <paramref name="model"/>, or null when none are configured.</summary>
    public AgentModelSettings? For(string model) => Models.LastOrDefault(m => string.Equals(m.Model, model, StringComparison.Ordinal));

    /// <summary>
    /// Applies the model's configured settings to an episode's options: its price, and no temperature for a model
    /// that rejects one. Returns what was overridden, for the caller to tell its user; null when nothing was.
    /// </summary>
    public string? Apply(string model, AgentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (For(model) is not { } settings)
        {
            return null;
        }

        if (settings is { InputPerMillion: { } input, OutputPerMillion: { } output })
        {
            options.Price = new ModelPrice(input, output);
        }

        if (!settings.SendTemperature && options.Temperature is { } asked)
        {
            options.Temperature = null;
            return $"temperature {asked} is not sent: MleDojo:Agents:Models says {model} rejects it";
        }

        return null;
    }

    /// <inheritdoc/>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < Models.Count; i++)
        {
            var results = new List<ValidationResult>();
            Validator.TryValidateObject(Models[i], new ValidationContext(Models[i]), results, validateAllProperties: true);
            foreach (var result in results)
            {
                yield return new ValidationResult($"Models:{i}: {result.ErrorMessage}", [$"Models:{i}"]);
            }

            if (Models[i].InputPerMillion is null != Models[i].OutputPerMillion is null)
            {
                yield return new ValidationResult($"Models:{i}: give both InputPerMillion and OutputPerMillion, or neither.", [$"Models:{i}"]);
            }
        }
    }
}
