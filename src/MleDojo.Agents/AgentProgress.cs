namespace MleDojo.Agents;

/// <summary>Where an agent's episode stands, after each tool result.</summary>
/// <param name="SessionId">The session.</param>
/// <param name="Steps">Budget steps used so far.</param>
/// <param name="BestPublicScore">The best public score so far, if any.</param>
/// <param name="Turns">Model calls made so far.</param>
public sealed record AgentProgress(string SessionId, int Steps, double? BestPublicScore, int Turns);
