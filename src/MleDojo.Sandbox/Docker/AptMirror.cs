namespace MleDojo.Sandbox.Docker;

/// <summary>Finds the Debian mirror this machine's apt is configured with, so an offline build uses the same one apt can reach.</summary>
internal static class AptMirror
{
    public const string Fallback = "http://deb.debian.org/debian";

    /// <summary>
    /// The first mirror serving <paramref name="suite"/> (not its security or updates pockets) in the deb822
    /// <c>sources.list.d/*.sources</c> files or the one-line <c>sources.list</c> files under <paramref name="aptDirectory"/>.
    /// </summary>
    public static string Find(string suite, string aptDirectory = "/etc/apt")
    {
        var files = new List<string>();
        var directory = Path.Combine(aptDirectory, "sources.list.d");
        if (Directory.Exists(directory))
        {
            files.AddRange(Directory.EnumerateFiles(directory).Where(f => f.EndsWith(".sources", StringComparison.Ordinal) || f.EndsWith(".list", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        }

        var main = Path.Combine(aptDirectory, "sources.list");
        if (File.Exists(main))
        {
            files.Insert(0, main);
        }

        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            var found = file.EndsWith(".sources", StringComparison.Ordinal) ? FromDeb822(text, suite) : FromOneLine(text, suite);
            if (found is not null)
            {
                return found.TrimEnd('/');
            }
        }

        return Fallback;
    }

    private static string? FromDeb822(string text, string suite)
    {
        foreach (var stanza in text.Replace("\r", "", StringComparison.Ordinal).Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var line in stanza.Split('\n'))
            {
                if (line.StartsWith('#') || !line.Contains(':', StringComparison.Ordinal))
                {
                    continue;
                }

                var colon = line.IndexOf(':', StringComparison.Ordinal);
                fields[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }

            if (fields.TryGetValue("Types", out var types) && types.Split(' ').Contains("deb")
                && fields.TryGetValue("Suites", out var suites) && suites.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(suite)
                && fields.TryGetValue("URIs", out var uris)
                && (!fields.TryGetValue("Enabled", out var enabled) || enabled != "no"))
            {
                return uris.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
            }
        }

        return null;
    }

    private static string? FromOneLine(string text, string suite)
    {
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (!line.StartsWith("deb ", StringComparison.Ordinal))
            {
                continue;
            }

            // deb [options] uri suite components...
            var rest = line[4..].Trim();
            if (rest.StartsWith('['))
            {
                var close = rest.IndexOf(']', StringComparison.Ordinal);
                rest = close < 0 ? "" : rest[(close + 1)..].Trim();
            }

            var parts = rest.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length >= 2 && parts[1] == suite)
            {
                return parts[0];
            }
        }

        return null;
    }
}
