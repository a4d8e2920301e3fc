using System.Globalization;
using MleDojo.Core.Metrics.Internal;

namespace MleDojo.Core.Metrics.Ranking;

/// <summary>
/// Quadratic weighted kappa over integer grades, with weights (i - j)^2 on grade values: Kaggle's
/// definition, equal to sklearn cohen_kappa_score(weights='quadratic', labels=range(min, max + 1))
/// and to sklearn's default whenever the grades present form a contiguous range.
/// </summary>
/// <remarks>
/// Expanding the weighted sums gives a closed form in the first two moments of each rater, so the
/// metric runs in O(n) with no confusion matrix, for any grade range:
/// kappa = 1 - n * sum((a - b)^2) / (n * sum(a^2) + n * sum(b^2) - 2 * sum(a) * sum(b)).
/// </remarks>
internal sealed class QuadraticWeightedKappaMetric() : Metric(Info)
{
    internal static readonly MetricInfo Info = new(
        "qwk", true, PredictionKind.Label, [],
        "Quadratic weighted kappa between integer grades (Kaggle; sklearn cohen_kappa_score weights='quadratic').");

    protected override double Compute(MetricInput input)
    {
        string[] truth = input.TrueLabels(Name);
        string[] predicted = input.PredictedLabels(Name);
        int n = truth.Length;

        // Shifting by a common origin keeps the integer sums small; Int128 keeps them exact.
        long origin = Parse(truth[0], 0, "true");
        Int128 sumA = 0;
        Int128 sumB = 0;
        Int128 sumA2 = 0;
        Int128 sumB2 = 0;
        Int128 disagreement = 0;
        for (int i = 0; i < n; i++)
        {
            long a = Parse(truth[i], i, "true") - origin;
            long b = Parse(predicted[i], i, "predicted") - origin;
            sumA += a;
            sumB += b;
            sumA2 += (Int128)a * a;
            sumB2 += (Int128)b * b;
            disagreement += (Int128)(a - b) * (a - b);
        }

        Int128 expected = (n * sumA2) + (n * sumB2) - (2 * sumA * sumB);
        if (expected == 0)
        {
            throw new MetricException(
                $"{Name}: every true and predicted grade is the same value ({truth[0]}); quadratic weighted kappa is undefined");
        }

        return 1.0 - ((double)(n * disagreement) / (double)expected);
    }

    private long Parse(string text, int row, string which)
    {
        ReadOnlySpan<char> span = text.AsSpan().Trim();
        if (int.TryParse(span, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value))
        {
            return value;
        }

        if (double.TryParse(span, NumberStyles.Float, CultureInfo.InvariantCulture, out double d)
            && double.IsInteger(d) && d is >= int.MinValue and <= int.MaxValue)
        {
            return (long)d;
        }

        throw new MetricException($"{Name}: the {which} grade '{text}' in row {row} is not an integer");
    }
}
