namespace MleDojo.Server.Experiments;

/// <summary>Progress as one line per event on stderr, for logs and pipes.</summary>
internal sealed class PlainEvalProgress : EvalProgress
{
    private readonly Lock _gate = new();

    public override Task RunAsync(Func<Task> grid) => grid();

    protected override void Report(string line)
    {
        lock (_gate)
        {
            Console.Error.WriteLine($"{DateTimeOffset.UtcNow:HH:mm:ss} {line}");
        }
    }
}
