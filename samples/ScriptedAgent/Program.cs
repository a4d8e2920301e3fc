using MleDojo.Samples.ScriptedAgent;
using ModelContextProtocol;

var (options, error) = AgentOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine(error is "" ? AgentOptions.Usage : $"error: {error}\n\n{AgentOptions.Usage}");
    return error is "" ? 0 : 2;
}

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // The first Ctrl+C cancels the MCP request in flight, which makes the server kill the run.
    e.Cancel = true;
    cancellation.Cancel();
};

var runner = new EpisodeRunner(options, Console.Out);
try
{
    return await runner.RunAsync(cancellation.Token);
}
catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
{
    Console.Error.WriteLine("\nInterrupted: the request in flight was cancelled.");
    return 130;
}
catch (Exception ex) when (ex is AgentFailure or McpException or IOException or InvalidOperationException or TimeoutException)
{
    Console.Out.Flush();
    Console.Error.WriteLine($"\nFAILED: {ex.Message}");
    // The SDK sometimes quotes the server's stderr in its message already: print only what it did not.
    var tail = runner.ServerLogTail.TakeLast(15).Where(l => l.Trim().Length > 0 && !ex.Message.Contains(l.Trim(), StringComparison.Ordinal)).ToList();
    if (tail.Count > 0)
    {
        Console.Error.WriteLine("Last lines of the server's log (stderr):");
        foreach (var line in tail)
        {
            Console.Error.WriteLine($"  {line}");
        }
    }

    return 1;
}
