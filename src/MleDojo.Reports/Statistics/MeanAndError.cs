namespace MleDojo.Reports.Statistics;

/// <summary>A mean with its standard error, as a leaderboard cell shows it ("0.812 ± 0.004").</summary>
/// <param name="Mean">The arithmetic mean of the values.</param>
/// <param name="StandardError">
/// The sample standard deviation (divided by n - 1) over the square root of n; null when there is a single value,
/// since one value says nothing about the spread.
/// </param>
/// <param name="Count">How many values the mean is over.</param>
public readonly record struct MeanAndError(double Mean, double? StandardError, int Count)
{
    /// <summary>The mean and standard error of <paramref name="values"/>.</summary>
    /// <param name="values">The values, e.g. one final score per seed; at least one.</param>
    /// <returns>The mean, the standard error (null for one value) and the count.</returns>
    /// <exception cref="ArgumentException">There are no values.</exception>
    public static MeanAndError Of(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        double[] items = values.ToArray();
        if (items.Length == 0)
        {
            throw new ArgumentException("A mean needs at least one value; none were given.", nameof(values));
        }

        double mean = items.Sum() / items.Length;
        if (items.Length < 2)
        {
            return new MeanAndError(mean, null, items.Length);
        }

        // Deviations from the mean rather than the sum of squares: the textbook shortcut loses precision when the
        // scores are large and close together (e.g. 0.9991, 0.9993).
        double squares = items.Sum(value => (value - mean) * (value - mean));
        double standardDeviation = Math.Sqrt(squares / (items.Length - 1));
        return new MeanAndError(mean, standardDeviation / Math.Sqrt(items.Length), items.Length);
    }
}
