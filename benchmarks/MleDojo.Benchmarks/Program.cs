using MleDojo.Benchmarks;

return args switch
{
    ["grading", .. var rest] => await GradingBenchmark.RunAsync(rest),
    ["grade-once", var metric, var directory] => GradingBenchmark.GradeOnce(metric, directory),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: MleDojo.Benchmarks grading [--rows N]");
    return 2;
}
