namespace MleDojo.Core.Grading;

/// <summary>Counts row-level problems per code and keeps a few examples, so a million bad rows make one readable error.</summary>
internal sealed class ErrorTally
{
    private const int MaxExamples = 3;
    private readonly Dictionary<string, (int Count, List<string> Examples, string What, string Hint)> _byCode = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    public bool Any => _byCode.Count > 0;

    public void Add(string code, string what, string example, string hint)
    {
        if (!_byCode.TryGetValue(code, out var entry))
        {
            entry = (0, [], what, hint);
            _order.Add(code);
        }

        if (entry.Examples.Count < MaxExamples)
        {
            entry.Examples.Add(example);
        }

        _byCode[code] = (entry.Count + 1, entry.Examples, entry.What, entry.Hint);
    }

    public IEnumerable<SubmissionError> ToErrors() => _order.Select(code =>
    {
        var (count, examples, what, hint) = _byCode[code];
        var noun = count == 1 ? "row" : "rows";
        return new SubmissionError(code, $"{count} {noun} {what}, e.g. {string.Join("; ", examples)}", hint);
    });
}
