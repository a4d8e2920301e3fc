using MleDojo.Core.Competitions;
using MleDojo.Core.Competitions.RawSources;
using MleDojo.Core.Sessions;
using ModelContextProtocol;

namespace MleDojo.Server.Tools;

/// <summary>
/// Turns domain refusals into MCP tool errors (isError: true) whose text the model can act on. Anything
/// else is a server fault: the SDK reports it generically and the log keeps the detail.
/// </summary>
internal static class ToolErrors
{
    public static async Task<T> GuardAsync<T>(Func<Task<T>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (SessionException ex)
        {
            throw new McpException($"[{ToSnake(ex.Code.ToString())}] {ex.Message}", ex);
        }
        catch (UnknownCompetitionException ex)
        {
            throw new McpException($"[unknown_competition] {ex.Message}", ex);
        }
        catch (MissingPackageException ex)
        {
            throw new McpException($"[competition_unavailable] {ex.Message}. Tell the server operator, or pick another competition (list_competitions).", ex);
        }
        catch (CompetitionSpecException ex)
        {
            throw new McpException($"[competition_broken] The competition cannot be prepared: {string.Join("; ", ex.Problems)}. Tell the server operator.", ex);
        }
    }

    private static string ToSnake(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
