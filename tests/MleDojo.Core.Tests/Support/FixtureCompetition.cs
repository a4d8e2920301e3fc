using System.Globalization;
using System.Text;

namespace MleDojo.Core.Tests.Support;

/// <summary>Writes a small synthetic competition folder: a seeded raw table with a leaking column and a raw id.</summary>
internal static class FixtureCompetition
{
    public const string Id = "fixture";

    /// <summary>Label competition: target <c>label</c> (a/b) renamed to <c>Label</c>, metric accuracy.</summary>
    public static string WriteLabel(string root, int rows = 200, string? extraYaml = null, string id = Id)
    {
        var dir = Directory.CreateDirectory(Path.Combine(root, id)).FullName;
        Directory.CreateDirectory(Path.Combine(dir, "data"));
        var csv = new StringBuilder("orig_id,x1,x2,city,label,leak\n");
        var rng = new Random(7);
        for (var i = 0; i < rows; i++)
        {
            var x1 = rng.NextDouble();
            var label = x1 > 0.5 ? "a" : "b";
            var city = i % 3 == 0 ? "\"Paris, FR\"" : "Oslo";
            csv.Append(CultureInfo.InvariantCulture, $"{1000 + i},{x1:F4},{rng.Next(100)},{city},{(i == 5 ? "NA" : label)},{label}{i}\n");
        }

        File.WriteAllText(Path.Combine(dir, "data", "raw.csv"), csv.ToString());
        File.WriteAllText(Path.Combine(dir, "description.md"), "# Fixture\nPredict label.\n");
        File.WriteAllText(Path.Combine(dir, "competition.yaml"), $"""
            id: {id}
            title: Fixture
            category: tabular
            task: binary-classification
            tags: [tabular, test]
            data:
              raw: data/raw.csv
              id_column: id
              target: label
              target_column: Label
              drop_columns:
                - name: orig_id
                  reason: original id joins back to the raw copy
                - name: leak
                  reason: derived from the label
            split:
              seed: 42
              test_fraction: 0.3
              public_fraction: 0.4
            metric:
              name: accuracy
              higher_is_better: true
            submission:
              kind: label
              classes: [a, b]
            scores:
              baseline: 0.5
              reference: 0.9
            source:
              name: synthetic
              licence: CC0
            {extraYaml ?? ""}
            """);
        return dir;
    }

    /// <summary>Regression competition on a numeric target with RMSE, optionally split by time.</summary>
    public static string WriteRegression(string root, int rows = 120, bool timeSplit = false, string metric = "rmse", string id = "fixture-reg")
    {
        var dir = Directory.CreateDirectory(Path.Combine(root, id)).FullName;
        Directory.CreateDirectory(Path.Combine(dir, "data"));
        var csv = new StringBuilder("day,x,y\n");
        var rng = new Random(3);
        for (var i = 0; i < rows; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"2020-{1 + (i / 28 % 12):00}-{1 + (i % 28):00},{rng.Next(50)},{10 + rng.Next(90)}\n");
        }

        File.WriteAllText(Path.Combine(dir, "data", "raw.csv.gz"), "");
        using (var gz = new System.IO.Compression.GZipStream(File.Create(Path.Combine(dir, "data", "raw.csv.gz")), System.IO.Compression.CompressionLevel.Optimal))
        {
            gz.Write(Encoding.UTF8.GetBytes(csv.ToString()));
        }

        var time = timeSplit ? "\n  time_column: day" : "";
        File.WriteAllText(Path.Combine(dir, "description.md"), "# Fixture regression\n");
        File.WriteAllText(Path.Combine(dir, "competition.yaml"), $"""
            id: {id}
            title: Fixture regression
            category: {(timeSplit ? "time-series" : "tabular")}
            data:
              raw: data/raw.csv.gz
              id_column: row_id
              target: y
            split:
              seed: 9
              test_fraction: 0.25{time}
            metric:
              name: {metric}
              higher_is_better: false
            submission:
              kind: value
            source:
              name: synthetic
              licence: CC0
            """);
        return dir;
    }

    /// <summary>The label fixture turned into a class-probability competition (multi-class log loss).</summary>
    public static string WriteClassProbabilities(string root) =>
        Edit(WriteLabel(root, id: "fixture-proba"), ("name: accuracy", "name: multiclass_log_loss"), ("higher_is_better: true", "higher_is_better: false"), ("kind: label", "kind: class_probabilities"), ("id: fixture\n", "id: fixture-proba\n"));

    /// <summary>The label fixture turned into a binary-probability competition (ROC-AUC, a=1, b=0).</summary>
    public static string WriteProbability(string root) =>
        Edit(WriteLabel(root, id: "fixture-auc"), ("name: accuracy", "name: roc_auc"), ("kind: label", "kind: probability"), ("  classes: [a, b]\n", ""), ("  target_column: Label\n", "  target_column: Label\n  target_map: {a: \"1\", b: \"0\"}\n"));

    private static string Edit(string dir, params (string From, string To)[] edits)
    {
        var path = Path.Combine(dir, "competition.yaml");
        var text = File.ReadAllText(path);
        foreach (var (from, to) in edits)
        {
            text = text.Replace(from, to, StringComparison.Ordinal);
        }

        File.WriteAllText(path, text);
        return dir;
    }
}
