namespace MleDojo.Server.Experiments;

/// <summary>One agent of an experiment: a model behind an OpenAI-compatible endpoint, with its own limits.</summary>
internal sealed record ExperimentAgent
{
    /// <summary>The <c>agent</c> label of its sessions, unique in the experiment.</summary>
    public required string Name { get; init; }

    /// <summary>The model id sent to the endpoint.</summary>
    public required string Model { get; init; }

    /// <summary>The OpenAI-compatible API base.</summary>
    public required Uri Endpoint { get; init; }

    /// <summary>The environment variable holding the API key.</summary>
    public required string ApiKeyEnv { get; init; }

    public int? MaxTurns { get; init; }

    public long? MaxTokens { get; init; }

    public int? MaxContextTokens { get; init; }

    public float? Temperature { get; init; }

    /// <summary>Replies in a row without a tool call after which the agent stops.</summary>
    public int? IdleReplies { get; init; }
}
