namespace MleDojo.Sandbox.Warm;

/// <summary>The template's Python source, embedded in this assembly and written into each session's private directory.</summary>
internal static class WarmTemplateScript
{
    /// <summary>The file name of the template script.</summary>
    public const string FileName = "mledojo_warm_template.py";

    /// <summary>Writes the script into <paramref name="directory"/>.</summary>
    public static async Task WriteAsync(string directory, CancellationToken cancellationToken)
    {
        await using var source = typeof(WarmTemplateScript).Assembly.GetManifestResourceStream("warm/" + FileName)
            ?? throw new InvalidOperationException("The warm template script is not embedded in the assembly.");
        var file = File.Create(Path.Combine(directory, FileName));
        await using (file.ConfigureAwait(false))
        {
            await source.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
        }
    }
}
