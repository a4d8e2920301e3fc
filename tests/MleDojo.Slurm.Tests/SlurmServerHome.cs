using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace MleDojo.Slurm.Tests;

/// <summary>
/// A data root and a shared root for real <c>mledojo serve --sandbox slurm</c> processes of one test, deleted at its
/// end, and what the server tests drive them with.
/// </summary>
public sealed class SlurmServerHome(string prefix) : IDisposable
{
    /// <summary>A script that writes a valid titanic submission (gender rule).</summary>
    public const string TitanicSubmission = """
        import pandas as pd
        t = pd.read_csv('input/test.csv')
        sex = t['Sex'] if 'Sex' in t.columns else t['sex']
        pd.DataFrame({'PassengerId': t['PassengerId'], 'Survived': (sex == 'female').astype(int)}).to_csv('output/submission.csv', index=False)
        print('written', len(t))
        """;

    /// <summary>The server's data root (<c>--home</c>).</summary>
    public string Home { get; } = Directory.CreateTempSubdirectory(prefix + "-home-").FullName;

    /// <summary>The shared root (<c>--slurm-shared-root</c>).</summary>
    public string Shared { get; } = Directory.CreateTempSubdirectory(prefix + "-shared-").FullName;

    /// <summary>Starts a server on this home, on <paramref name="partition"/> (the default one when null).</summary>
    public async Task<McpClient> StartServerAsync(string? partition, IDictionary<string, string?>? environment, CancellationToken cancellationToken)
    {
        string[] arguments = [Path.Combine(AppContext.BaseDirectory, "mledojo.dll"), "serve", "--home", Home, "--sandbox", "slurm", "--slurm-shared-root", Shared];
        return await McpClient.CreateAsync(
            new StdioClientTransport(new StdioClientTransportOptions
            {
                Name = "mledojo",
                Command = "dotnet",
                Arguments = partition is null ? arguments : [.. arguments, "--slurm-partition", partition],
                EnvironmentVariables = environment,
                StandardErrorLines = _ => { },
                ShutdownTimeout = TimeSpan.FromSeconds(30),
            }),
            cancellationToken: cancellationToken);
    }

    /// <summary>The text of a tool result.</summary>
    public static string Text(CallToolResult result) => string.Join(" ", result.Content.OfType<TextContentBlock>().Select(t => t.Text));

    /// <summary>The structured content of a successful tool result; a refusal throws with its text.</summary>
    public static JsonElement Structured(CallToolResult result) =>
        result.IsError == true
            ? throw new InvalidOperationException(Text(result))
            : result.StructuredContent ?? throw new InvalidOperationException("no structured content");

    public void Dispose()
    {
        foreach (var directory in new[] { Home, Shared })
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Temporary files; the OS cleans them eventually.
            }
        }
    }
}
