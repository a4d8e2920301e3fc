using MleDojo.Agents;

namespace MleDojo.Server.Experiments;

/// <summary>Hands an episode's progress to the board at once, in order (<see cref="Progress{T}"/> would post it to the thread pool).</summary>
internal sealed class AgentProgressReport(Action<AgentProgress> report) : IProgress<AgentProgress>
{
    public void Report(AgentProgress value) => report(value);
}
