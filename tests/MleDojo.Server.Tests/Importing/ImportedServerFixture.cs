using MleDojo.Server.Tests.Support;

namespace MleDojo.Server.Tests.Importing;

/// <summary>
/// Imports the four fixture competitions (two per format) with the real CLI into one directory, then starts one
/// real MCP server over stdio that loads it.
/// </summary>
public sealed class ImportedServerFixture : IAsyncLifetime
{
    public static readonly (string Format, string Folder, string Id)[] Competitions =
    [
        ("mle-bench", "spaceship-titanic", "spaceship-titanic"),
        ("mle-bench", "custom-weighted-error", "custom-weighted-error"),
        ("mle-dojo", "GiveMeSomeCredit", "givemesomecredit"),
        ("mle-dojo", "custom-dojo-metric", "custom-dojo-metric"),
    ];

    private readonly string _root = Directory.CreateTempSubdirectory("mledojo-import-e2e-").FullName;
    private ServerProcess? _server;

    public ServerProcess Server => _server ?? throw new InvalidOperationException("The fixture is not initialised.");

    /// <summary>What each import printed, by id.</summary>
    public Dictionary<string, string> ImportOutput { get; } = [];

    public string Into => Path.Combine(_root, "competitions");

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        foreach (var (format, folder, id) in Competitions)
        {
            var result = await MledojoCli.RunAsync(Path.Combine(_root, "home"), ct, "import", format, MledojoCli.ImportFixture(format, folder),
                "--data", MledojoCli.ImportFixture(format, folder + ".zip"), "--into", Into);
            if (result.ExitCode != 0)
            {
                throw new InvalidOperationException($"import of {folder} failed ({result.ExitCode}):\n{result.Stdout}\n{result.Stderr}");
            }

            ImportOutput[id] = result.Stdout;
        }

        _server = await ServerProcess.StartAsync(serveArguments: ["--competitions", Into], cancellationToken: ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
