using System.Security.Cryptography;
using System.Text;

namespace MleDojo.Sandbox.Docker;

/// <summary>Names a server instance for the <c>mledojo.instance</c> label.</summary>
public static class DockerInstance
{
    /// <summary>
    /// A short id derived from the data root path: a server restarted on the same data root (<c>MLEDOJO_HOME</c>) gets
    /// the same id, so it recognises and removes the containers its crashed predecessor left, while servers on other
    /// data roots sharing the engine are left alone.
    /// </summary>
    /// <param name="dataRootPath">The server's data root.</param>
    public static string ForDataRoot(string dataRootPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataRootPath);
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(dataRootPath));
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(Environment.MachineName + "\n" + full));
        return Convert.ToHexStringLower(hash.AsSpan(0, 8));
    }
}
