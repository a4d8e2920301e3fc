using System.CommandLine;
using MleDojo.Core;
using MleDojo.Server.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MleDojo.Server.Cli;

/// <summary>
/// Runs a verb inside a <see cref="DojoHost"/>: its flags become the last configuration layer, every option is
/// validated before the verb starts, and a configuration problem ends it with <c>error: ...</c> and exit code 1.
/// </summary>
internal static class VerbHost
{
    /// <summary>The configuration keys set by the flags given on the command line: the command's own and its parents'.</summary>
    public static IReadOnlyDictionary<string, string?> Flags(ParseResult parseResult)
    {
        var flags = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        for (var command = parseResult.CommandResult; command is not null; command = command.Parent as System.CommandLine.Parsing.CommandResult)
        {
            foreach (var flag in command.Command.Options.OfType<IConfigurationFlag>())
            {
                flag.AddTo(flags, parseResult);
            }
        }

        return flags;
    }

    /// <summary>The verb's host builder: the one configuration path, with the flags of <paramref name="parseResult"/> on top.</summary>
    public static HostApplicationBuilder CreateBuilder(ParseResult parseResult, DojoHostSettings? settings = null) =>
        DojoHost.CreateBuilder(Flags(parseResult), settings);

    /// <summary>Runs an offline verb (console log: warnings and errors only).</summary>
    /// <param name="parseResult">The command line.</param>
    /// <param name="verb">The verb's work.</param>
    /// <param name="cancellationToken">Cancels the verb.</param>
    /// <param name="describe">How the verb words a failure (for example naming its flags); <see cref="Describe"/> by default.</param>
    public static Task<int> RunAsync(ParseResult parseResult, Func<IHost, CancellationToken, Task<int>> verb, CancellationToken cancellationToken, Func<DojoException, string>? describe = null) =>
        RunAsync(parseResult, new DojoHostSettings(), configure: null, verb, cancellationToken, describe);

    /// <summary>Builds the verb's host, validates the configuration, runs <paramref name="verb"/> and disposes the host.</summary>
    public static async Task<int> RunAsync(
        ParseResult parseResult,
        DojoHostSettings settings,
        Action<HostApplicationBuilder>? configure,
        Func<IHost, CancellationToken, Task<int>> verb,
        CancellationToken cancellationToken,
        Func<DojoException, string>? describe = null)
    {
        var builder = CreateBuilder(parseResult, settings);
        configure?.Invoke(builder);
        return await RunAsync(builder.Build(), verb, cancellationToken, describe).ConfigureAwait(false);
    }

    /// <summary>Validates the configuration of a built <paramref name="host"/>, runs <paramref name="verb"/> and disposes the host.</summary>
    public static async Task<int> RunAsync(IHost host, Func<IHost, CancellationToken, Task<int>> verb, CancellationToken cancellationToken, Func<DojoException, string>? describe = null)
    {
        try
        {
            try
            {
                DojoHost.Validate(host);
            }
            catch (InvalidConfigurationException exception)
            {
                return Fail(host, exception.Message);
            }

            try
            {
                return await verb(host, cancellationToken).ConfigureAwait(false);
            }
            catch (DojoException exception)
            {
                // The one place a verb's failure becomes words: what is wrong, and what to do.
                return Fail(host, (describe ?? Describe)(exception));
            }
        }
        finally
        {
            // Disposing the host ends the sessions and the sandbox backend (the Docker backend removes its containers).
            if (host is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync().ConfigureAwait(false);
            }
            else
            {
                host.Dispose();
            }
        }
    }

    /// <summary>A failure in words: the message, then the hint when there is one.</summary>
    public static string Describe(DojoException exception) =>
        exception.Hint is { } hint ? $"{exception.Message}{Environment.NewLine}hint: {hint}" : exception.Message;

    /// <summary>Prints <c>error: message</c> to stderr and records it in the log file (the console log skips it: it is printed already).</summary>
    /// <returns>The exit code, 1.</returns>
    public static int Fail(IHost host, string message)
    {
        Console.Error.WriteLine($"error: {message}");
        HostingLog.Reported(host.Services.GetRequiredService<ILoggerFactory>().CreateLogger(DojoLogging.ReportedCategory), message);
        return 1;
    }
}
