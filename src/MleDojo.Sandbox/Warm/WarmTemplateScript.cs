namespace MleDojo.Sandbox.Warm;

/// <summary>The templates' Python sources, embedded in this assembly.</summary>
internal static class WarmTemplateScript
{
    /// <summary>The file name of the local template script.</summary>
    public const string FileName = "mledojo_warm_template.py";

    /// <summary>The module both templates import: the preload and the runner.</summary>
    public const string RunnerFileName = "mledojo_warm_runner.py";

    /// <summary>The local template's spare runs: namespace, identity, page copying, the init.</summary>
    public const string SpareFileName = "mledojo_warm_spare.py";

    /// <summary>The Docker template, passed to <c>python3 -c</c> with the runner's source.</summary>
    public const string DockerFileName = "mledojo_warm_docker.py";

    /// <summary>Writes the local template and its modules into <paramref name="directory"/>.</summary>
    public static async Task WriteAsync(string directory, CancellationToken cancellationToken)
    {
        foreach (var name in new[] { FileName, RunnerFileName, SpareFileName })
        {
            await using var source = Open(name);
            var file = File.Create(Path.Combine(directory, name));
            await using (file.ConfigureAwait(false))
            {
                await source.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The text of one embedded source.</summary>
    public static string Read(string name)
    {
        using var reader = new StreamReader(Open(name));
        return reader.ReadToEnd();
    }

    private static Stream Open(string name) =>
        typeof(WarmTemplateScript).Assembly.GetManifestResourceStream("warm/" + name)
            ?? throw new InvalidOperationException($"The warm template source {name} is not embedded in the assembly.");
}
