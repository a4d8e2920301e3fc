using MleDojo.Agents;
using MleDojo.Server.Hosting;
using Microsoft.Extensions.AI;
using ModelContextProtocol.Client;

namespace MleDojo.Server.Experiments;

/// <summary>Plays the cells of a grid against one server, a bounded number at a time, recording each finished cell.</summary>
internal sealed class ExperimentRunner(
    ExperimentConfig config,
    McpClient server,
    IReadOnlyDictionary<string, IChatClient> models,
    ExperimentStore store,
    string transcripts,
    EvalProgress progress,
    AgentsOptions settings)
{
    /// <summary>Plays <paramref name="cells"/>; a cancelled cell is not recorded, and cancellation is rethrown once the running ones ended.</summary>
    /// <returns>The records of the cells played.</returns>
    public async Task<IReadOnlyList<CellRecord>> RunAsync(IReadOnlyList<ExperimentCell> cells, int parallel, CancellationToken cancellationToken)
    {
        var played = new System.Collections.Concurrent.ConcurrentBag<CellRecord>();
        await Parallel.ForEachAsync(
            cells,
            new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = cancellationToken },
            async (cell, ct) =>
            {
                if (await PlayAsync(cell, ct).ConfigureAwait(false) is { } record)
                {
                    played.Add(record);
                }
            }).ConfigureAwait(false);
        return [.. played];
    }

    private async Task<CellRecord?> PlayAsync(ExperimentCell cell, CancellationToken cancellationToken)
    {
        var agent = cell.Agent;
        var defaults = new AgentOptions();
        var options = new AgentOptions
        {
            CompetitionId = cell.CompetitionId,
            AgentName = agent.Name,
            Experiment = config.Id,
            Seed = cell.Seed,
            MaxTurns = agent.MaxTurns ?? defaults.MaxTurns,
            MaxTokens = agent.MaxTokens,
            MaxContextTokens = agent.MaxContextTokens ?? defaults.MaxContextTokens,
            Temperature = agent.Temperature,
            MaxIdleReplies = agent.IdleReplies ?? defaults.MaxIdleReplies,
            MaxSteps = config.MaxSteps,
            RunTimeoutSeconds = config.RunTimeoutSeconds,
            EpisodeTimeoutSeconds = config.EpisodeTimeoutSeconds,
        };

        // The model's configured price and fixed settings; an override was said once, when the experiment started.
        settings.Apply(agent.Model, options);
        var started = DateTimeOffset.UtcNow;
        progress.Started(cell);
        CellRecord record;
        try
        {
            var stepped = new AgentProgressReport(p => progress.Stepped(cell, p));
            var result = await new EpisodeAgent().PlayAsync(server, models[agent.Name], options, stepped, cancellationToken).ConfigureAwait(false);
            Directory.CreateDirectory(transcripts);
            await using (var file = File.Create(Path.Combine(transcripts, $"{result.SessionId}.json")))
            {
                await result.Transcript.WriteAsync(file, CancellationToken.None).ConfigureAwait(false);
            }

            record = Record(cell, started) with
            {
                SessionId = result.SessionId,
                State = result.State,
                PrivateScore = result.PrivateScore,
                PublicScore = result.PublicScore,
                NormalizedScore = result.NormalizedScore,
                BestPublicScore = result.BestPublicScore,
                Steps = result.Steps,
                Turns = result.Turns,
                TokensIn = result.TokensIn,
                TokensOut = result.TokensOut,
                Cost = result.Cost,
                StoppedBecause = result.StoppedBecause,
                Error = result.Error,
            };
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            // Cancelled, or failed because of it (Ctrl+C reaches the child server too, which then ends its sessions).
            progress.Cancelled(cell);
            return null;
        }
        catch (Exception exception) when (exception is AgentException or ModelContextProtocol.McpException or HttpRequestException or IOException)
        {
            record = Record(cell, started) with { Error = exception.Message };
        }

        // Once played, the cell is recorded even if the run is being cancelled: a finished cell is never lost.
        await store.WriteAsync(cell, record, CancellationToken.None).ConfigureAwait(false);
        progress.Finished(cell, record);
        return record;
    }

    private CellRecord Record(ExperimentCell cell, DateTimeOffset started) => new()
    {
        Cell = cell.Key,
        Experiment = config.Id,
        Agent = cell.Agent.Name,
        Model = cell.Agent.Model,
        CompetitionId = cell.CompetitionId,
        Seed = cell.Seed,
        StartedAt = started,
        FinishedAt = DateTimeOffset.UtcNow,
    };
}
