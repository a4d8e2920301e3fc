using MleDojo.Core.Metrics.Internal;

namespace MleDojo.Core.Metrics.Survival;

/// <summary>
/// Harrell's concordance index for right-censored survival data: the share of comparable pairs whose predicted
/// risks are ordered like their event times (higher risk, earlier event), ties in risk counting one half.
/// Equal to R's <c>survival::concordance(Surv(time, event) ~ risk, reverse = TRUE)</c> (<c>timewt = "n"</c>).
/// </summary>
/// <remarks>
/// A pair is comparable when the row with the shorter time had the event; at equal times, an event row and a
/// censored row are comparable (the censored one is taken to outlive the event, as R and Harrell do), while two
/// events at the same time are not (R's <c>tied.y</c>). Counting runs in O(n log n): rows are visited from the
/// latest time down, each event queries a Fenwick tree over the risk ranks of the rows known to outlive it.
/// </remarks>
internal sealed class ConcordanceIndexMetric() : Metric(Info)
{
    internal static readonly MetricInfo Info = new(
        "concordance_index", true, PredictionKind.Value, [],
        "Harrell's C: the share of comparable pairs (the earlier time is an event) whose predicted risk is higher for the earlier event; tied risks count 1/2 (R survival::concordance).",
        AnswerColumns: ["time", "event"]);

    protected override double Compute(MetricInput input)
    {
        double[][] answers = input.TrueColumns(Name);
        if (answers.Length != 2)
        {
            throw new MetricException($"{Name}: needs two answer columns, time then event; got {answers.Length}");
        }

        double[] time = answers[0];
        double[] status = answers[1];
        double[] risk = input.PredictedValues(Name);
        int n = input.RowCount;
        for (int i = 0; i < n; i++)
        {
            if (!double.IsFinite(time[i]))
            {
                throw new MetricException($"{Name}: the time in row {i} is not a finite number ({time[i]})");
            }

            if (status[i] is not (0.0 or 1.0))
            {
                throw new MetricException($"{Name}: the event in row {i} is {status[i]}; it must be 1 (event) or 0 (censored)");
            }

            if (!double.IsFinite(risk[i]))
            {
                throw new MetricException($"{Name}: the predicted risk in row {i} is not a finite number ({risk[i]})");
            }
        }

        int[] rank = DenseRanks(risk, out int distinct);
        int[] order = new int[n];
        for (int i = 0; i < n; i++)
        {
            order[i] = i;
        }

        // Latest time first; the order within equal times does not matter, the groups are handled as a whole.
        double[] keys = new double[n];
        for (int i = 0; i < n; i++)
        {
            keys[i] = -time[i];
        }

        Array.Sort(keys, order);

        var outliving = new Fenwick(distinct);
        long concordant = 0;
        long discordant = 0;
        long tied = 0;
        int start = 0;
        while (start < n)
        {
            int end = start;
            while (end < n && time[order[end]] == time[order[start]])
            {
                end++;
            }

            // Censored rows at this time outlive its events, so they enter the tree before the events are counted.
            for (int k = start; k < end; k++)
            {
                if (status[order[k]] == 0)
                {
                    outliving.Add(rank[order[k]]);
                }
            }

            for (int k = start; k < end; k++)
            {
                int row = order[k];
                if (status[row] == 1)
                {
                    long below = outliving.CountBelow(rank[row]);
                    long upToEqual = outliving.CountBelow(rank[row] + 1);
                    concordant += below;
                    tied += upToEqual - below;
                    discordant += outliving.Total - upToEqual;
                }
            }

            for (int k = start; k < end; k++)
            {
                if (status[order[k]] == 1)
                {
                    outliving.Add(rank[order[k]]);
                }
            }

            start = end;
        }

        long comparable = concordant + discordant + tied;
        if (comparable == 0)
        {
            throw new MetricException($"{Name}: undefined: no comparable pair (no event happens before another row's time)");
        }

        return (concordant + (tied / 2.0)) / comparable;
    }

    /// <summary>0-based ranks where equal values (-0.0 and 0.0 included) share a rank.</summary>
    private static int[] DenseRanks(double[] values, out int distinct)
    {
        double[] sorted = (double[])values.Clone();
        Array.Sort(sorted);
        int unique = 0;
        for (int i = 0; i < sorted.Length; i++)
        {
            if (i == 0 || sorted[i] != sorted[unique - 1])
            {
                sorted[unique++] = sorted[i];
            }
        }

        int[] ranks = new int[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            ranks[i] = Array.BinarySearch(sorted, 0, unique, values[i]);
        }

        distinct = unique;
        return ranks;
    }

    /// <summary>Counts of inserted ranks with prefix sums in O(log n).</summary>
    private sealed class Fenwick(int size)
    {
        private readonly int[] _tree = new int[size + 1];

        public long Total { get; private set; }

        public void Add(int rank)
        {
            for (int i = rank + 1; i < _tree.Length; i += i & -i)
            {
                _tree[i]++;
            }

            Total++;
        }

        /// <summary>How many inserted ranks are below <paramref name="rank"/>.</summary>
        public long CountBelow(int rank)
        {
            long count = 0;
            for (int i = rank; i > 0; i -= i & -i)
            {
                count += _tree[i];
            }

            return count;
        }
    }
}
