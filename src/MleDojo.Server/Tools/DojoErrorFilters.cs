using System.Security.Cryptography;
using MleDojo.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace MleDojo.Server.Tools;

/// <summary>
/// Maps failures to MCP once, for every tool, resource and prompt. A <see cref="DojoException"/> is an answer the
/// model can act on: a tool error (<c>isError: true</c>) reading <c>[code] message hint</c>. Anything else is a server
/// fault: the agent gets <c>[internal_error]</c> with a correlation id, never a stack trace, and the log gets the
/// exception under the same id.
/// </summary>
internal static partial class DojoErrorFilters
{
    /// <summary>Installs the filters.</summary>
    public static IMcpServerBuilder WithDojoErrors(this IMcpServerBuilder builder) =>
        builder.WithRequestFilters(filters => filters
            .AddCallToolFilter(next => async (context, cancellationToken) =>
            {
                try
                {
                    return await next(context, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (Answer(ex, context.Services, context.Params?.Name, cancellationToken) is { } text)
                {
                    return new CallToolResult { IsError = true, Content = [new TextContentBlock { Text = text }] };
                }
            })
            .AddReadResourceFilter(next => async (context, cancellationToken) =>
            {
                try
                {
                    return await next(context, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (Answer(ex, context.Services, context.Params?.Uri, cancellationToken) is { } text)
                {
                    throw new McpException(text, ex);
                }
            })
            .AddGetPromptFilter(next => async (context, cancellationToken) =>
            {
                try
                {
                    return await next(context, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (Answer(ex, context.Services, context.Params?.Name, cancellationToken) is { } text)
                {
                    throw new McpException(text, ex);
                }
            }));

    /// <summary>The text the client gets for <paramref name="exception"/>, or null when the SDK should handle it (cancellation, protocol errors).</summary>
    internal static string? Answer(Exception exception, IServiceProvider? services, string? target, CancellationToken cancellationToken)
    {
        switch (exception)
        {
            case OperationCanceledException when cancellationToken.IsCancellationRequested:
            case McpException:
                return null;
            case DojoException dojo:
                return dojo.Hint is { } hint ? $"[{dojo.Code}] {dojo.MessageForAgent} {hint}" : $"[{dojo.Code}] {dojo.MessageForAgent}";
            case ArgumentException argument when IsArgumentBinding(argument):
                // The SDK could not bind the call's arguments to the tool (a required one missing, a wrong type): the
                // caller's mistake, which its message names.
                return $"[invalid_argument] {argument.Message} See the tool's input schema.";
            default:
                var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
                var logger = services?.GetService<ILoggerFactory>()?.CreateLogger("MleDojo.Server.Tools") ?? NullLogger.Instance;
                Failed(logger, exception, target ?? "(unknown)", id);
                return $"[internal_error] The server failed on this call; nothing you did caused it. Correlation id: {id} (the server log has the detail).";
        }
    }

    /// <summary>Whether the exception comes from binding a call's arguments, not from the server's own code.</summary>
    private static bool IsArgumentBinding(ArgumentException exception) =>
        exception.ParamName == "arguments" && exception.StackTrace?.Contains("Microsoft.Extensions.AI.AIFunctionFactory", StringComparison.Ordinal) == true;

    [LoggerMessage(Level = LogLevel.Error, Message = "{Target} failed with an unexpected error (correlation id {CorrelationId})")]
    private static partial void Failed(ILogger logger, Exception exception, string target, string correlationId);
}
