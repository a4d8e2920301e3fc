using MleDojo.Server.Cli;
using MleDojo.Server.Hosting;
using Serilog;

// Until a verb's host exists (it knows the data root and so the log file), problems go to stderr.
Log.Logger = DojoLogging.CreateBootstrapLogger();
try
{
    return await CommandLine.Build().Parse(args).InvokeAsync().ConfigureAwait(false);
}
finally
{
    await Log.CloseAndFlushAsync().ConfigureAwait(false);
}
