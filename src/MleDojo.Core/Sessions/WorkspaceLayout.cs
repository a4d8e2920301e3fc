using System.Text.Json.Serialization;

namespace MleDojo.Core.Sessions;

/// <summary>Paths as the agent's code sees them inside the sandbox.</summary>
public sealed record WorkspaceLayout
{
    /// <summary>The working directory of every run.</summary>
    [JsonPropertyName("root")] public required string Root { get; init; }

    /// <summary>Read-only competition data: train.csv, test.csv, sample_submission.csv.</summary>
    [JsonPropertyName("input_dir")] public required string InputDir { get; init; }

    /// <summary>Where results go.</summary>
    [JsonPropertyName("output_dir")] public required string OutputDir { get; init; }

    /// <summary>The file that is checked and scored after each run.</summary>
    [JsonPropertyName("submission_path")] public required string SubmissionPath { get; init; }

    /// <summary>Files in input/.</summary>
    [JsonPropertyName("input_files")] public required IReadOnlyList<string> InputFiles { get; init; }

    /// <summary>The layout of <paramref name="workspace"/> as agent code sees it at <paramref name="mountPath"/> (the host path when null).</summary>
    internal static WorkspaceLayout For(Workspace workspace, string? mountPath)
    {
        var root = mountPath ?? workspace.Root;
        return new WorkspaceLayout
        {
            Root = root,
            InputDir = $"{root}/{Workspace.InputDirectory}",
            OutputDir = $"{root}/{Workspace.OutputDirectory}",
            SubmissionPath = $"{root}/{Workspace.SubmissionFile}",
            InputFiles = workspace.InputFiles,
        };
    }
}
