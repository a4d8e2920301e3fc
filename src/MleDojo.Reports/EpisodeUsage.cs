namespace MleDojo.Reports;

/// <summary>What an episode cost its agent, where the agent reported it (the server itself never sees the model).</summary>
/// <param name="TokensIn">Input tokens over the episode's model calls; null when the model did not report usage.</param>
/// <param name="TokensOut">Output tokens.</param>
/// <param name="Cost">Cost in the currency of the configured price; null for a model without a price.</param>
public sealed record EpisodeUsage(long? TokensIn, long? TokensOut, decimal? Cost);
