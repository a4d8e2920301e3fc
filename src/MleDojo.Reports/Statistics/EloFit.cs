using System.Globalization;

namespace MleDojo.Reports.Statistics;

/// <summary>
/// Elo ratings from pairwise games: a Bradley–Terry fit on the Elo scale, anchored on one agent, with bootstrap
/// intervals over competitions.
/// </summary>
/// <remarks>
/// <para>
/// Model: P(i beats j) = 1 / (1 + 10^((R_j - R_i) / 400)). A game with first score s adds
/// s · log P(first beats second) + (1 - s) · log P(second beats first) to the log-likelihood, so a tie is half a win
/// and half a loss.
/// </para>
/// <para>
/// The pure maximum-likelihood fit does not exist when an agent wins (or loses) every game or when the agents fall
/// into groups that never played each other: a rating can grow without bound. Each rating therefore gets an
/// independent Gaussian prior N(0, s²) with s = <see cref="EloOptions.PriorStandardDeviation"/> (400 by default), and
/// the fit maximises the posterior. The prior acts like a penalty R_i² / (2s²); a rating backed by many games moves by
/// about the ratio of the prior's precision (1/s²) to the games' information, well under 1% for a few hundred games,
/// while a perfect record ends at a finite rating above everyone it beat. Newton's method solves it to 1e-9 points.
/// </para>
/// <para>
/// All ratings are then shifted so that the anchor has exactly <see cref="EloOptions.AnchorRating"/>. The games are
/// summed per pair before fitting (points are multiples of 0.5, exact in a double) and agents and competitions are
/// taken in ordinal order, so the result does not depend on the order of the games.
/// </para>
/// </remarks>
public static class EloFit
{
    /// <summary>Fits ratings to <paramref name="games"/> and bootstraps their intervals.</summary>
    /// <param name="games">The games, e.g. from <see cref="PairwiseGames.From"/>; any order.</param>
    /// <param name="options">The anchor (required), the prior and the bootstrap settings.</param>
    /// <returns>Ratings best first (equal ratings by ordinal name), with the counts the fit read.</returns>
    /// <exception cref="ArgumentException">
    /// There are no games; a game has the same agent on both sides or a first score other than 0, 0.5 or 1; the anchor
    /// is missing or not among the agents; or an option is out of range.
    /// </exception>
    public static EloResult Fit(IReadOnlyList<PairwiseGame> games, EloOptions options)
    {
        ArgumentNullException.ThrowIfNull(games);
        ArgumentNullException.ThrowIfNull(options);
        ValidateGames(games);
        ValidateOptions(options);
        EloGameTable table = EloGameTable.From(games);
        int anchor = AnchorIndex(table, options);

        PairCounts all = table.Sum(Enumerable.Range(0, table.Competitions.Count));
        double[] fitted = BradleyTerryMap.Fit(all, options.PriorStandardDeviation);
        ((double Lower, double Upper)[] intervals, int samplesUsed) = EloBootstrap.Run(table, anchor, options);

        var ratings = new List<EloRating>(table.Agents.Count);
        for (int i = 0; i < table.Agents.Count; i++)
        {
            (int played, double points) = Record(all, i);
            double rating = fitted[i] - fitted[anchor] + options.AnchorRating;
            ratings.Add(new EloRating(table.Agents[i], rating, intervals[i].Lower, intervals[i].Upper, played, points));
        }

        // Agents are already in ordinal order and the sort is stable, so equal ratings stay in name order.
        EloRating[] sorted = ratings.OrderByDescending(rating => rating.Rating).ToArray();
        return new EloResult(sorted, table.Agents[anchor], games.Count, table.Competitions.Count, samplesUsed);
    }

    private static void ValidateGames(IReadOnlyList<PairwiseGame> games)
    {
        if (games.Count == 0)
        {
            throw new ArgumentException(
                "Elo needs at least two agents on the same competition and seed; there are no games to fit.",
                nameof(games));
        }

        foreach (PairwiseGame game in games)
        {
            if (string.Equals(game.First, game.Second, StringComparison.Ordinal))
            {
                throw new ArgumentException(
                    $"A game on competition '{game.Competition}', seed '{game.Seed}' has agent '{game.First}' on both sides.",
                    nameof(games));
            }

            if (game.FirstScore is not (0 or 0.5 or 1))
            {
                throw new ArgumentException(
                    $"A game's first score must be 0, 0.5 or 1; '{game.First}' against '{game.Second}' on competition '{game.Competition}', seed '{game.Seed}' has {game.FirstScore.ToString(CultureInfo.InvariantCulture)}.",
                    nameof(games));
            }
        }
    }

    private static void ValidateOptions(EloOptions options)
    {
        if (!double.IsFinite(options.AnchorRating))
        {
            throw new ArgumentException("EloOptions.AnchorRating must be a finite number.", nameof(options));
        }

        if (options.BootstrapSamples < 0)
        {
            throw new ArgumentException("EloOptions.BootstrapSamples must be 0 (no intervals) or more.", nameof(options));
        }

        if (options.ConfidenceLevel is not (> 0 and < 1))
        {
            throw new ArgumentException("EloOptions.ConfidenceLevel must be strictly between 0 and 1.", nameof(options));
        }

        if (!(double.IsFinite(options.PriorStandardDeviation) && options.PriorStandardDeviation > 0))
        {
            throw new ArgumentException("EloOptions.PriorStandardDeviation must be a finite positive number.", nameof(options));
        }
    }

    private static int AnchorIndex(EloGameTable table, EloOptions options)
    {
        string available = string.Join(", ", table.Agents.Select(agent => $"'{agent}'"));
        if (options.Anchor is null)
        {
            throw new ArgumentException(
                $"Elo needs an anchor agent (EloOptions.Anchor) to pin at {options.AnchorRating.ToString(CultureInfo.InvariantCulture)}; the agents are {available}.",
                nameof(options));
        }

        for (int i = 0; i < table.Agents.Count; i++)
        {
            if (string.Equals(table.Agents[i], options.Anchor, StringComparison.Ordinal))
            {
                return i;
            }
        }

        throw new ArgumentException(
            $"The anchor '{options.Anchor}' played no games; the agents are {available}.",
            nameof(options));
    }

    private static (int Played, double Points) Record(PairCounts counts, int agent)
    {
        double played = 0;
        double points = 0;
        for (int j = 0; j < counts.AgentCount; j++)
        {
            played += counts.Games(agent, j);
            points += counts.Points(agent, j);
        }

        return ((int)played, points);
    }
}
