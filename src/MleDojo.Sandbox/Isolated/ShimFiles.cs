namespace MleDojo.Sandbox.Isolated;

/// <summary>
/// The Python shim packages (<c>mlebench</c>, <c>mledojo</c>, <c>tqdm</c>) and the runner script, embedded in this
/// assembly and written into each isolated workspace, so an imported competition's code finds the helpers it imports.
/// </summary>
internal static class ShimFiles
{
    private const string Prefix = "shim/";

    /// <summary>The runner, relative to the workspace once written.</summary>
    public const string RunnerPath = "shim/mledojo_import_runner.py";

    /// <summary>Writes every shim file under <c>&lt;workspace&gt;/shim/</c>.</summary>
    public static async Task WriteAsync(string workspace, CancellationToken cancellationToken)
    {
        var assembly = typeof(ShimFiles).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            var target = Path.Combine(workspace, name.Replace('\\', '/'));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            await using var source = assembly.GetManifestResourceStream(name)!;
            await using var file = File.Create(target);
            await source.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
        }
    }
}
