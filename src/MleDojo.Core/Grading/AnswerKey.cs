using System.Globalization;
using MleDojo.Core.Competitions;
using MleDojo.Core.Data;
using MleDojo.Core.Metrics;

namespace MleDojo.Core.Grading;

/// <summary>The private answers of one prepared competition, loaded once and indexed by id.</summary>
internal sealed class AnswerKey
{
    private AnswerKey(string idColumn, IdIndex ids, bool[] isPublic, string[]? labels, double[][]? values)
    {
        IdColumn = idColumn;
        Ids = ids;
        IsPublic = isPublic;
        Labels = labels;
        Values = values;
    }

    public string IdColumn { get; }

    public IdIndex Ids { get; }

    public bool[] IsPublic { get; }

    /// <summary>Target as text (label, class probability, text and ranked-list kinds).</summary>
    public string[]? Labels { get; }

    /// <summary>Targets as numbers, one array per target column (probability, value and values kinds).</summary>
    public double[][]? Values { get; }

    public int Count => Ids.Count;

    public static AnswerKey Load(string answersPath, string idColumn, IReadOnlyList<string> targetColumns, PredictionKind kind)
    {
        using var stream = CsvText.OpenRead(answersPath);
        using var reader = CsvText.CreateReader(stream);
        var header = reader.Header.ColNames.Select(CsvText.CleanHeaderName).ToList();
        var idIndex = header.IndexOf(idColumn);
        var usageIndex = header.IndexOf(PreparedCompetition.UsageColumn);
        var targetIndices = targetColumns.Select(c => header.IndexOf(c)).ToArray();
        if (idIndex < 0 || usageIndex < 0 || targetIndices.Any(i => i < 0))
        {
            throw new InvalidOperationException($"answers file {answersPath} lacks {idColumn}, {PreparedCompetition.UsageColumn} or a target column; prepare the competition again with --force");
        }

        var numeric = kind is PredictionKind.Probability or PredictionKind.Value or PredictionKind.Values;
        List<long>? integerIds = [];
        List<string>? textIds = null;
        var isPublic = new List<bool>();
        var labels = numeric ? null : new List<string>();
        var values = numeric ? targetIndices.Select(_ => new List<double>()).ToArray() : null;
        foreach (var row in reader)
        {
            var id = row[idIndex].Span;
            if (integerIds is not null && IdIndex.TryParseCanonical(id, out var integer))
            {
                integerIds.Add(integer);
            }
            else
            {
                textIds ??= [.. integerIds!.Select(i => i.ToString(CultureInfo.InvariantCulture))];
                integerIds = null;
                textIds.Add(id.ToString());
            }

            isPublic.Add(row[usageIndex].Span.SequenceEqual("Public"));
            if (labels is not null)
            {
                labels.Add(row[targetIndices[0]].ToString());
            }
            else
            {
                for (var t = 0; t < targetIndices.Length; t++)
                {
                    values![t].Add(row[targetIndices[t]].Parse<double>());
                }
            }
        }

        return new AnswerKey(idColumn, IdIndex.Build(integerIds, textIds), [.. isPublic], labels?.ToArray(), values?.Select(v => v.ToArray()).ToArray());
    }

    public static AnswerKey Load(PreparedCompetition prepared) =>
        Load(prepared.AnswersPath, prepared.Spec.Data.IdColumn, prepared.Spec.Data.TargetColumns, prepared.Spec.Submission.Kind);
}
