using MleDojo.Core.Metrics.Internal;

namespace MleDojo.Core.Metrics.Ranking;

/// <summary>
/// The walk MAP@K and NDCG@K share: per row, the first k predicted labels, each counting as a hit when it is one
/// of the row's distinct true labels and was not predicted earlier in the row. A row without true labels scores
/// 0. Subclasses say what a hit is worth and how a row's sum is normalised.
/// </summary>
internal abstract class RankedHitsMetric(MetricInfo info, int k) : Metric(info)
{
    protected int K { get; } = k;

    /// <summary>What the <paramref name="hitNumber"/>-th hit (1-based) at 0-based <paramref name="position"/> adds.</summary>
    protected abstract double Gain(int hitNumber, int position);

    /// <summary>The row score from the summed gain and the number of distinct true labels (at least 1).</summary>
    protected abstract double Normalise(double gain, int relevant);

    protected sealed override double Compute(MetricInput input)
    {
        string[] truth = input.TrueLabels(Name);
        string[] predicted = input.PredictedLabels(Name);
        double total = 0;
        for (int i = 0; i < truth.Length; i++)
        {
            int relevant = Tokens.CountDistinct(truth[i]);
            if (relevant == 0)
            {
                continue;
            }

            string ranked = predicted[i];
            int position = 0;
            int hits = 0;
            double gain = 0;
            foreach (ReadOnlySpan<char> label in Tokens.Split(ranked))
            {
                if (position >= K)
                {
                    break;
                }

                if (Tokens.Contains(truth[i], label) && !Tokens.ContainsInFirst(ranked, label, position))
                {
                    hits++;
                    gain += Gain(hits, position);
                }

                position++;
            }

            total += Normalise(gain, relevant);
        }

        return total / truth.Length;
    }
}
