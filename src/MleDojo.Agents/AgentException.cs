namespace MleDojo.Agents;

/// <summary>The agent cannot go on (the model's endpoint refused the credentials, the model does not exist): retrying will not help.</summary>
public sealed class AgentException(string message, Exception? innerException = null) : Exception(message, innerException);
