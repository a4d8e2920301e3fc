using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using MleDojo.Core.Competitions;
using MleDojo.Core.Grading;
using MleDojo.Core.Metrics;
using nietras.SeparatedValues;

namespace MleDojo.Benchmarks;

/// <summary>
/// Grades a generated million-row submission with ROC-AUC and with RMSE, in C# (our grader: read, validate,
/// align by id, score public and private) and with pandas.read_csv + scikit-learn on /usr/bin/python3 (read,
/// align by id, score). Each side runs in a fresh process so its peak memory is its own.
/// </summary>
internal static class GradingBenchmark
{
    private const string Python = "/usr/bin/python3";
    private const int Repeats = 3;

    public static async Task<int> RunAsync(string[] args)
    {
        var rows = args is ["--rows", var n] ? int.Parse(n, CultureInfo.InvariantCulture) : 1_000_000;
        var root = Directory.CreateTempSubdirectory("mledojo-bench-").FullName;
        try
        {
            Console.WriteLine($"Grading benchmark: {rows:N0} rows, best of {Repeats} runs per side, each in a fresh process");
            Console.WriteLine($"{"metric",-8} {"side",-22} {"seconds",8} {"rows/s",12} {"peak MB",8}");
            var failed = false;
            foreach (var metric in new[] { "roc_auc", "rmse" })
            {
                var dir = Path.Combine(root, metric);
                Generate(dir, metric, rows);
                var ours = await BestOfAsync(Path.Combine(AppContext.BaseDirectory, "MleDojo.Benchmarks"), ["grade-once", metric, dir], dir);
                var theirs = await BestOfAsync(Python, [Path.Combine(AppContext.BaseDirectory, "pandas_grade.py"), metric, dir], dir);
                Print(metric, "C# grader (warm)", ours, rows);
                Print(metric, "C# grader (cold)", ours with { Seconds = ours.ColdSeconds!.Value }, rows);
                Print(metric, "pandas + scikit-learn", theirs, rows);
                var ratio = theirs.Seconds / ours.Seconds;
                Console.WriteLine($"{metric,-8} speed-up {ratio:F1}x warm, {theirs.Seconds / ours.ColdSeconds!.Value:F1}x cold (target >= 3x), C# peak {ours.PeakMb:F0} MB (target < 300 MB); scores agree: {Math.Abs(ours.Score - theirs.Score) < 1e-9}");
                failed |= ratio < 3 || ours.PeakMb >= 300 || Math.Abs(ours.Score - theirs.Score) >= 1e-9;
            }

            Console.WriteLine(failed ? "RESULT: a target was missed" : "RESULT: all targets met");
            return 0;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>
    /// Grades twice in this fresh process: the first is cold (JIT, first file read), the second is what a
    /// running server does. Prints both timings, peak memory and the all-rows score as JSON.
    /// </summary>
    public static int GradeOnce(string metric, string directory)
    {
        var prepared = Prepared(metric, directory);
        var submission = Path.Combine(directory, "submission.csv");
        var cold = Grade(prepared, submission, out _);
        var warm = Grade(prepared, submission, out var all);
        Console.WriteLine(JsonSerializer.Serialize(new Measurement(warm, PeakMemory.Bytes() / 1024.0 / 1024.0, all, cold)));
        return 0;
    }

    /// <summary>The work of a grading: load the answer key, read and validate the submission, score public and private rows.</summary>
    private static double Grade(PreparedCompetition prepared, string submission, out double allRows)
    {
        var started = Stopwatch.GetTimestamp();
        var grader = new Grader();
        var check = grader.Check(prepared, submission);
        if (!check.IsValid)
        {
            throw new InvalidOperationException(JsonSerializer.Serialize(check.Errors));
        }

        grader.Score(prepared, check, ScoreSplit.Public);
        grader.Score(prepared, check, ScoreSplit.Private);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        allRows = grader.Score(prepared, check, ScoreSplit.All);
        return seconds;
    }

    private static async Task<Measurement> BestOfAsync(string file, string[] arguments, string directory)
    {
        Measurement? best = null;
        for (var i = 0; i < Repeats; i++)
        {
            var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = directory };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var stdout = await process.StandardOutput.ReadToEndAsync();
            var stderr = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{file} failed ({process.ExitCode}): {stderr}");
            }

            var m = JsonSerializer.Deserialize<Measurement>(stdout.Trim().Split('\n')[^1])!;
            best = best is null || m.Seconds < best.Seconds ? m with { PeakMb = Math.Max(m.PeakMb, best?.PeakMb ?? 0), ColdSeconds = Math.Min(m.ColdSeconds ?? double.MaxValue, best?.ColdSeconds ?? double.MaxValue) } : best with { PeakMb = Math.Max(m.PeakMb, best.PeakMb), ColdSeconds = Math.Min(m.ColdSeconds ?? double.MaxValue, best.ColdSeconds ?? double.MaxValue) };
        }

        return best!;
    }

    private static void Print(string metric, string side, Measurement m, int rows) =>
        Console.WriteLine($"{metric,-8} {side,-22} {m.Seconds,8:F3} {rows / m.Seconds,12:N0} {m.PeakMb,8:F0}");

    private static void Generate(string dir, string metric, int rows)
    {
        Directory.CreateDirectory(dir);
        var random = new Random(20261126);
        var ids = Enumerable.Range(1, rows).ToArray();
        random.Shuffle(ids);
        using var answers = new StreamWriter(Path.Combine(dir, "answers.csv"), false, new UTF8Encoding(false)) { NewLine = "\n" };
        using var submission = new StreamWriter(Path.Combine(dir, "submission.csv"), false, new UTF8Encoding(false)) { NewLine = "\n" };
        answers.WriteLine("id,target,Usage");
        submission.WriteLine("id,target");
        var truths = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            var truth = metric == "roc_auc" ? (random.NextDouble() < 0.3 ? 1 : 0) : Math.Round(random.NextDouble() * 1000, 3);
            truths[i] = truth;
            answers.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{i + 1},{truth},{(random.NextDouble() < 0.3 ? "Public" : "Private")}"));
        }

        // The submission lists ids in another order, as a real one may.
        foreach (var id in ids)
        {
            var truth = truths[id - 1];
            var prediction = metric == "roc_auc"
                ? Math.Clamp((0.3 * truth) + (0.7 * random.NextDouble()), 0, 1)
                : truth + ((random.NextDouble() - 0.5) * 100);
            submission.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{id},{prediction:G9}"));
        }
    }

    private static PreparedCompetition Prepared(string metric, string dir)
    {
        Directory.CreateDirectory(Path.Combine(dir, "private"));
        var answers = Path.Combine(dir, "private", "answers.csv");
        if (!File.Exists(answers))
        {
            File.Copy(Path.Combine(dir, "answers.csv"), answers);
        }

        var rows = File.ReadLines(answers).Count() - 1;
        var spec = new CompetitionSpec
        {
            Id = "bench-" + metric,
            Title = "benchmark",
            Category = "tabular",
            Task = "benchmark",
            Tags = [],
            Directory = dir,
            SpecPath = Path.Combine(dir, "competition.yaml"),
            DescriptionPath = Path.Combine(dir, "description.md"),
            Data = new DataSpec { RawPath = answers, IdColumn = "id", RawTargets = ["target"], TargetColumns = ["target"] },
            Split = new SplitSpec { Seed = 1 },
            Metric = new MetricSpec { Name = metric, HigherIsBetter = metric == "roc_auc" },
            Submission = new SubmissionSpec { Kind = metric == "roc_auc" ? PredictionKind.Probability : PredictionKind.Value, MaxBytes = 1L << 30 },
            Source = new SourceSpec { Name = "generated", Licence = "CC0" },
        };
        var manifest = new PreparationManifest
        {
            CompetitionId = spec.Id,
            PreparerVersion = CompetitionPreparer.Version,
            InputSha256 = metric,
            TrainRows = 0,
            TestRows = rows,
            PublicRows = 0,
            PrivateRows = rows,
            DroppedRows = 0,
            Classes = metric == "roc_auc" ? ["0", "1"] : [],
            Files = new Dictionary<string, string>(),
        };
        return new PreparedCompetition(spec, dir, manifest);
    }

    private sealed record Measurement(double Seconds, double PeakMb, double Score, double? ColdSeconds = null);
}
