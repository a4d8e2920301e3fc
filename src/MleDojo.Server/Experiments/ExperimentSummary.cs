using System.Globalization;

namespace MleDojo.Server.Experiments;

/// <summary>The end-of-run table: per agent and competition, the mean private score over seeds.</summary>
internal static class ExperimentSummary
{
    /// <summary>Rows of agent, competition, mean private score (± standard error with two graded seeds or more), graded/cells.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Rows(IEnumerable<CellRecord> records, IReadOnlyList<string> agents, IReadOnlyList<string> competitions)
    {
        var byPair = records.ToLookup(r => (r.Agent, r.CompetitionId));
        var rows = new List<IReadOnlyList<string>>();
        foreach (var agent in agents)
        {
            foreach (var competition in competitions)
            {
                var cells = byPair[(agent, competition)].ToList();
                var scores = cells.Select(c => c.PrivateScore).OfType<double>().ToList();
                rows.Add([agent, competition, Mean(scores), $"{scores.Count}/{cells.Count}"]);
            }
        }

        return rows;
    }

    private static string Mean(List<double> scores)
    {
        if (scores.Count == 0)
        {
            return "-";
        }

        var mean = scores.Average();
        if (scores.Count < 2)
        {
            return mean.ToString("0.####", CultureInfo.InvariantCulture);
        }

        var variance = scores.Sum(s => (s - mean) * (s - mean)) / (scores.Count - 1);
        var standardError = Math.Sqrt(variance / scores.Count);
        return string.Create(CultureInfo.InvariantCulture, $"{mean:0.####} ± {standardError:0.####}");
    }
}
