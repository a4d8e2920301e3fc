namespace MleDojo.Reports.Statistics;

/// <summary>
/// The maximum a posteriori Bradley–Terry fit on the Elo scale: P(i beats j) = 1 / (1 + 10^((R_j - R_i) / 400)), a
/// tie worth half a win and half a loss, and an independent Gaussian prior N(0, s²) on every rating.
/// </summary>
/// <remarks>
/// The log-posterior is strictly concave (the prior adds 1/s² to the diagonal of a positive semi-definite matrix), so
/// it has one maximum, which Newton's method with a backtracking line search finds from any start. Every loop runs in
/// index order, so the same counts always give bit-for-bit the same ratings.
/// </remarks>
internal static class BradleyTerryMap
{
    /// <summary>Natural-log strength per Elo point: 10^(x / 400) = e^(Scale · x).</summary>
    private static readonly double Scale = Math.Log(10) / 400;

    // Newton converges quadratically near the optimum; a step under a billionth of a point means the ratings are
    // exact to well beyond anything a report prints.
    private const double StepTolerance = 1e-9;
    private const int MaxIterations = 200;

    /// <summary>The ratings (Elo points, not yet anchored) that maximise the posterior.</summary>
    /// <param name="counts">Games and points between each pair of agents.</param>
    /// <param name="priorStandardDeviation">The prior's standard deviation in Elo points.</param>
    /// <returns>One rating per agent index; an agent without games stays at the prior's centre, 0.</returns>
    public static double[] Fit(PairCounts counts, double priorStandardDeviation)
    {
        int n = counts.AgentCount;
        double precision = 1 / (priorStandardDeviation * priorStandardDeviation);
        double[] ratings = new double[n];
        double current = LogPosterior(counts, ratings, precision);
        for (int iteration = 0; iteration < MaxIterations; iteration++)
        {
            (double[] gradient, double[,] negativeHessian) = Derivatives(counts, ratings, precision);
            double[] step = Cholesky.Solve(negativeHessian, gradient);
            double slope = Dot(gradient, step);
            double largest = step.Max(Math.Abs);

            // Halve until the posterior rises enough (Armijo): far from the optimum a full Newton step on a logistic
            // likelihood can overshoot, e.g. for an agent that won every game.
            double length = 1;
            double[] candidate = Move(ratings, step, length);
            double next = LogPosterior(counts, candidate, precision);
            while (next < current + (1e-4 * length * slope) && length * largest > StepTolerance)
            {
                length /= 2;
                candidate = Move(ratings, step, length);
                next = LogPosterior(counts, candidate, precision);
            }

            ratings = candidate;
            current = next;
            if (length * largest <= StepTolerance)
            {
                return ratings;
            }
        }

        throw new InvalidOperationException(
            $"The Bradley–Terry fit did not converge in {MaxIterations} Newton steps; this should not happen for a concave posterior.");
    }

    private static double LogPosterior(PairCounts counts, double[] ratings, double precision)
    {
        double total = 0;
        for (int i = 0; i < counts.AgentCount; i++)
        {
            total -= precision * ratings[i] * ratings[i] / 2;
            for (int j = i + 1; j < counts.AgentCount; j++)
            {
                double games = counts.Games(i, j);
                if (games == 0)
                {
                    continue;
                }

                double x = Scale * (ratings[i] - ratings[j]);
                double pointsOfI = counts.Points(i, j);
                total += (pointsOfI * LogSigmoid(x)) + ((games - pointsOfI) * LogSigmoid(-x));
            }
        }

        return total;
    }

    private static (double[] Gradient, double[,] NegativeHessian) Derivatives(
        PairCounts counts,
        double[] ratings,
        double precision)
    {
        int n = counts.AgentCount;
        double[] gradient = new double[n];
        double[,] negativeHessian = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            gradient[i] -= precision * ratings[i];
            negativeHessian[i, i] += precision;
            for (int j = i + 1; j < n; j++)
            {
                double games = counts.Games(i, j);
                if (games == 0)
                {
                    continue;
                }

                double p = Sigmoid(Scale * (ratings[i] - ratings[j]));
                double surplus = Scale * (counts.Points(i, j) - (games * p));
                gradient[i] += surplus;
                gradient[j] -= surplus;
                double curvature = Scale * Scale * games * p * (1 - p);
                negativeHessian[i, i] += curvature;
                negativeHessian[j, j] += curvature;
                negativeHessian[i, j] -= curvature;
                negativeHessian[j, i] -= curvature;
            }
        }

        return (gradient, negativeHessian);
    }

    private static double Sigmoid(double x) => x >= 0 ? 1 / (1 + Math.Exp(-x)) : Math.Exp(x) / (1 + Math.Exp(x));

    // log(1 / (1 + e^-x)) without overflow or the loss of a tiny probability to rounding.
    private static double LogSigmoid(double x) => x >= 0 ? -Math.Log(1 + Math.Exp(-x)) : x - Math.Log(1 + Math.Exp(x));

    private static double[] Move(double[] ratings, double[] step, double length)
    {
        double[] moved = new double[ratings.Length];
        for (int i = 0; i < ratings.Length; i++)
        {
            moved[i] = ratings[i] + (length * step[i]);
        }

        return moved;
    }

    private static double Dot(double[] a, double[] b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }
}
