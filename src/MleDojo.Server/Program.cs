using MleDojo.Server.Cli;
using MleDojo.Server.Hosting;
using Serilog;

// Until a verb's host exists (it knows the data root and so the log file), problems go to stderr.
Log.Logger = DojoLogging.CreateBootstrapLogger();
try
{
    // Ctrl+C and SIGTERM cancel the verb's token; the verb gets 30 seconds to end its episodes before the process goes.
    // (Invoked without a configuration, the process was killed by the signal at once.)
    var invocation = new System.CommandLine.InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(30) };
    return await CommandLine.Build().Parse(args).InvokeAsync(invocation).ConfigureAwait(false);
}
finally
{
    await Log.CloseAndFlushAsync().ConfigureAwait(false);
}
