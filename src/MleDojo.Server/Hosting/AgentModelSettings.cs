using System.ComponentModel.DataAnnotations;

namespace MleDojo.Server.Hosting;

/// <summary>What the server knows of one model the agents use: its price, and the settings it rejects.</summary>
public sealed class AgentModelSettings
{
    /// <summary>The model id, as given to <c>--model</c> or in an experiment file. Required.</summary>
    [Required]
    public string Model { get; set; } = "";

    /// <summary>The price of a million input tokens; with <see cref="OutputPerMillion"/>, episodes report their cost. The default is none.</summary>
    [Range(0, 1_000_000)]
    public decimal? InputPerMillion { get; set; }

    /// <summary>The price of a million output tokens. The default is none.</summary>
    [Range(0, 1_000_000)]
    public decimal? OutputPerMillion { get; set; }

    /// <summary>Whether the model accepts <c>temperature</c>; when false none is sent, whatever an agent asks. The default is true.</summary>
    public bool SendTemperature { get; set; } = true;
}
