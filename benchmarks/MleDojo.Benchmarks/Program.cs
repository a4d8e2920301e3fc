using MleDojo.Benchmarks;

return args switch
{
    ["grading", .. var rest] => await GradingBenchmark.RunAsync(rest),
    ["steps", .. var rest] => await StepBenchmark.RunAsync(rest),
    ["http", .. var rest] => await HttpBenchmark.RunAsync(rest),
    ["grade-once", var metric, var directory] => GradingBenchmark.GradeOnce(metric, directory),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: MleDojo.Benchmarks grading [--rows N] | steps [--server PATH] | http [--server PATH]");
    return 2;
}
