using System.Globalization;
using System.Text;

namespace MleDojo.Sessions.Tests.Support;

/// <summary>
/// Small competitions written into a test's competitions folder, plus shipped ones copied from the repository.
/// Scripts for them use only the standard library, so a run costs one interpreter start.
/// </summary>
internal static class Competitions
{
    /// <summary>Label competition, accuracy (higher is better): <c>Label</c> is <c>a</c> exactly when <c>x1 &gt; 0.5</c>.</summary>
    public const string Label = "fixture";

    /// <summary>Regression competition, RMSE (lower is better).</summary>
    public const string Regression = "fixture-reg";

    public static void WriteLabel(string root)
    {
        var dir = Directory.CreateDirectory(Path.Combine(root, Label)).FullName;
        Directory.CreateDirectory(Path.Combine(dir, "data"));
        var csv = new StringBuilder("orig_id,x1,x2,city,label\n");
        var rng = new Random(7);
        for (var i = 0; i < 200; i++)
        {
            var x1 = rng.NextDouble();
            csv.Append(CultureInfo.InvariantCulture, $"{1000 + i},{x1:F4},{rng.Next(100)},{(i % 3 == 0 ? "Paris" : "Oslo")},{(x1 > 0.5 ? "a" : "b")}\n");
        }

        File.WriteAllText(Path.Combine(dir, "data", "raw.csv"), csv.ToString());
        File.WriteAllText(Path.Combine(dir, "description.md"), "# Fixture\nPredict Label (a or b) for each id of input/test.csv.\n");
        File.WriteAllText(Path.Combine(dir, "competition.yaml"), $"""
            id: {Label}
            title: Fixture labels
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
            """);
    }

    public static void WriteRegression(string root)
    {
        var dir = Directory.CreateDirectory(Path.Combine(root, Regression)).FullName;
        Directory.CreateDirectory(Path.Combine(dir, "data"));
        var csv = new StringBuilder("x,y\n");
        var rng = new Random(3);
        for (var i = 0; i < 120; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{rng.Next(50)},{10 + rng.Next(90)}\n");
        }

        File.WriteAllText(Path.Combine(dir, "data", "raw.csv"), csv.ToString());
        File.WriteAllText(Path.Combine(dir, "description.md"), "# Fixture regression\nPredict y.\n");
        File.WriteAllText(Path.Combine(dir, "competition.yaml"), $"""
            id: {Regression}
            title: Fixture regression
            category: tabular
            data:
              raw: data/raw.csv
              id_column: row_id
              target: y
            split:
              seed: 9
              test_fraction: 0.25
            metric:
              name: rmse
              higher_is_better: false
            submission:
              kind: value
            source:
              name: synthetic
              licence: CC0
            """);
    }

    /// <summary>Copies a shipped competition folder (spec, description, data, solutions) from the repository.</summary>
    public static void CopyShipped(string root, string id) =>
        DirectoryTree.Copy(Path.Combine(RepositoryPaths.Competitions, id), Path.Combine(root, id));
}
