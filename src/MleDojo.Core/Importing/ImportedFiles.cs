using System.Text.Json;
using MleDojo.Core.Data;
using MleDojo.Core.Platform;

namespace MleDojo.Core.Importing;

/// <summary>The file trees an import reads and writes: checked for links and special files, listed, moved or copied.</summary>
internal static class ImportedFiles
{
    private static readonly JsonSerializerOptions ManifestJson = new() { WriteIndented = true };

    public static async Task WriteDataManifestAsync(string competition, CancellationToken cancellationToken)
    {
        var data = Path.Combine(competition, ImportedSpec.DataDirectoryName);
        var files = await Sha256File.ComputeTreeAsync(data, cancellationToken).ConfigureAwait(false);

        await File.WriteAllTextAsync(Path.Combine(competition, ImportedSpec.DataManifestFile), JsonSerializer.Serialize(new { files }, ManifestJson), cancellationToken).ConfigureAwait(false);
    }

    // Everything below is read and copied on the host (hashing, preparation, workspaces): a link that prepare.py (or a
    // pre-split download) planted would bring a host file into agent workspaces, so only regular files and folders pass.
    public static void RefuseLinks(string directory)
    {
        foreach (var entry in new DirectoryInfo(directory).EnumerateFileSystemInfos("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
        {
            var relative = Path.GetRelativePath(directory, entry.FullName);
            if (entry.LinkTarget is not null || (entry is FileInfo && !IsRegularFile(directory, relative)))
            {
                throw new ImportException($"the prepared data holds {Path.GetFileName(directory)}/{relative}, which is a link or special file; prepare.py must write plain files into public/ and private/");
            }
        }
    }

    // Opens without following links and refuses FIFOs, sockets and devices.
    public static bool IsRegularFile(string directory, string relative)
    {
        try
        {
            using var stream = WorkspaceFiles.OpenRead(directory, relative);
            return true;
        }
        catch (WorkspacePathException)
        {
            return false;
        }
    }

    public static string Listing(string directory) =>
        Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory).Any()
            ? string.Join(", ", Directory.EnumerateFileSystemEntries(directory).Select(Path.GetFileName).Order(StringComparer.Ordinal).Take(10))
            : "nothing";

    // The scratch space and the destination may be on different file systems, where a directory cannot be moved: copy then.
    public static void MoveTree(string source, string target)
    {
        try
        {
            Directory.Move(source, target);
        }
        catch (IOException)
        {
            CopyTree(source, target, skipPycache: false);
        }
    }

    public static void CopyTree(string source, string target, bool skipPycache)
    {
        Directory.CreateDirectory(target);
        foreach (var entry in new DirectoryInfo(source).EnumerateFileSystemInfos("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
        {
            var relative = Path.GetRelativePath(source, entry.FullName);
            if (entry.LinkTarget is not null || (skipPycache && relative.Split('/').Contains("__pycache__")))
            {
                continue;
            }

            var destination = Path.Combine(target, relative);
            if (entry is DirectoryInfo)
            {
                Directory.CreateDirectory(destination);
            }
            else
            {
                Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
                File.Copy(entry.FullName, destination);
            }
        }
    }
}
