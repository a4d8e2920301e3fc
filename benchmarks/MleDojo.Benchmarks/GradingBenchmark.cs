using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using MleDojo.Core.Competitions;
using MleDojo.Core.Competitions.RawSources;
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
            Console.WriteLine($"Grading benchmark: {rows:N0} rows, best of {Repeats} runs per side, each run in a fresh process");
            Console.WriteLine("  submission = read + validate + align by id + score (C#: public and private; pandas: all rows), answers already in memory");
            Console.WriteLine("  answers    = reading the answer key (a server does it once per competition)");
            Console.WriteLine($"{"metric",-8} {"side",-22} {"answers s",10} {"submission s",13} {"rows/s",12} {"total s",8} {"peak MB",8}");
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
                var total = (theirs.Seconds + theirs.AnswersSeconds) / (ours.ColdSeconds!.Value + ours.AnswersSeconds);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{metric,-8} speed-up per submission {ratio:F1}x (target >= 3x); cold process incl. answers {total:F1}x; C# peak {ours.PeakMb:F0} MB (target < 300 MB); same score: {Math.Abs(ours.Score - theirs.Score) < 1e-9}"));
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
    /// In this fresh process: loads the answer key (a server does this once per competition and keeps it),
    /// then grades the submission twice; the first is cold (JIT, first file read), the second is what a running
    /// server does for every submission. Prints the timings, peak memory and the all-rows score as JSON.
    /// </summary>
    public static int GradeOnce(string metric, string directory)
    {
        var prepared = Prepared(metric, directory);
        var submission = Path.Combine(directory, "submission.csv");
        var grader = new Grader();
        var started = Stopwatch.GetTimestamp();
        grader.LoadAnswers(prepared);
        var answers = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var cold = Grade(grader, prepared, submission, out _);
        var warm = Grade(grader, prepared, submission, out var all);
        Console.WriteLine(JsonSerializer.Serialize(new Measurement(warm, PeakMemory.Bytes() / 1024.0 / 1024.0, all, answers, cold)));
        return 0;
    }

    /// <summary>The work of grading one submission: read and validate it, align it by id, score public and private rows.</summary>
    private static double Grade(Grader grader, PreparedCompetition prepared, string submission, out double allRows)
    {
        var started = Stopwatch.GetTimestamp();
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
        var runs = new List<Measurement>();
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

            runs.Add(JsonSerializer.Deserialize<Measurement>(stdout.Trim().Split('\n')[^1])!);
        }

        // Best time of each phase; the worst peak memory.
        return new Measurement(
            runs.Min(r => r.Seconds),
            runs.Max(r => r.PeakMb),
            runs[0].Score,
            runs.Min(r => r.AnswersSeconds),
            runs.Any(r => r.ColdSeconds is null) ? null : runs.Min(r => r.ColdSeconds!.Value));
    }

    private static void Print(string metric, string side, Measurement m, int rows) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{metric,-8} {side,-22} {m.AnswersSeconds,10:F3} {m.Seconds,13:F3} {rows / m.Seconds,12:N0} {m.AnswersSeconds + m.Seconds,8:F3} {m.PeakMb,8:F0}"));

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
            Data = new DataSpec { Source = RawSourceSpec.Csv(answers), IdColumn = "id", RawTargets = ["target"], TargetColumns = ["target"] },
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

    /// <param name="Seconds">Grading one submission with the answers in memory (warm for C#).</param>
    /// <param name="AnswersSeconds">Reading the answers.</param>
    /// <param name="ColdSeconds">C# only: the first grading in the process.</param>
    private sealed record Measurement(double Seconds, double PeakMb, double Score, double AnswersSeconds, double? ColdSeconds = null);
}
