using System.Globalization;

namespace MleDojo.Core.Metrics;

/// <summary>
/// Metric parameters as they arrive from competition.yaml: strings, integers or doubles, parsed
/// invariantly. Unknown and missing required names are rejected up front so a typo in a spec fails
/// when the competition loads rather than silently scoring with a default.
/// </summary>
internal sealed class MetricParameters
{
    private readonly MetricInfo _info;
    private readonly IReadOnlyDictionary<string, object?> _values;

    public MetricParameters(MetricInfo info, IReadOnlyDictionary<string, object?>? values)
    {
        _info = info;
        _values = values ?? new Dictionary<string, object?>();
        foreach (string name in _values.Keys)
        {
            if (!info.Parameters.Any(p => p.Name == name))
            {
                string accepted = info.Parameters.Count == 0
                    ? "it takes no parameters"
                    : "accepted: " + string.Join(", ", info.Parameters.Select(p => p.Name));
                throw new ArgumentException(
                    $"metric '{info.Name}' does not accept parameter '{name}' ({accepted})", nameof(values));
            }
        }

        foreach (MetricParameterInfo parameter in info.Parameters)
        {
            if (parameter.Required && Raw(parameter.Name) is null)
            {
                throw new ArgumentException(
                    $"metric '{info.Name}' requires parameter '{parameter.Name}': {parameter.Description}", nameof(values));
            }
        }
    }

    public int GetInt(string name, int defaultValue, int minimum)
    {
        object? raw = Raw(name);
        if (raw is null)
        {
            return defaultValue;
        }

        int? value = raw switch
        {
            int i => i,
            long l when l is >= int.MinValue and <= int.MaxValue => (int)l,
            short s => s,
            byte b => b,
            double d when double.IsInteger(d) && d is >= int.MinValue and <= int.MaxValue => (int)d,
            float f when float.IsInteger(f) && f is >= int.MinValue and <= int.MaxValue => (int)f,
            decimal m when decimal.IsInteger(m) && m is >= int.MinValue and <= int.MaxValue => (int)m,
            string text => ParseInt(text),
            _ => null,
        };
        if (value is null || value < minimum)
        {
            throw Invalid(name, raw, $"an integer >= {minimum}");
        }

        return value.Value;
    }

    public double GetDouble(string name, double defaultValue, Func<double, bool> isValid, string expectation)
    {
        object? raw = Raw(name);
        if (raw is null)
        {
            return defaultValue;
        }

        double? value = raw switch
        {
            double d => d,
            float f => f,
            int i => i,
            long l => l,
            short s => s,
            byte b => b,
            decimal m => (double)m,
            string text when double.TryParse(
                text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed) => parsed,
            _ => null,
        };
        if (value is null || !double.IsFinite(value.Value) || !isValid(value.Value))
        {
            throw Invalid(name, raw, expectation);
        }

        return value.Value;
    }

    public string GetString(string name, string defaultValue)
    {
        object? raw = Raw(name);
        return raw switch
        {
            null => defaultValue,
            string s => s,
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => raw.ToString() ?? defaultValue,
        };
    }

    public string GetChoice(string name, string defaultValue, params string[] choices)
    {
        string value = GetString(name, defaultValue).Trim();
        if (!choices.Contains(value, StringComparer.Ordinal))
        {
            throw Invalid(name, value, "one of " + string.Join(", ", choices));
        }

        return value;
    }

    private object? Raw(string name) => _values.TryGetValue(name, out object? value) ? value : null;

    private static int? ParseInt(string text)
    {
        text = text.Trim();
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int i))
        {
            return i;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double d)
            && double.IsInteger(d) && d is >= int.MinValue and <= int.MaxValue
            ? (int)d
            : null;
    }

    private ArgumentException Invalid(string name, object? raw, string expectation) =>
        new($"metric '{_info.Name}': parameter '{name}' must be {expectation} (got '{Format(raw)}')", "parameters");

    private static string Format(object? raw) => raw switch
    {
        null => "null",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => raw.ToString() ?? "",
    };
}
