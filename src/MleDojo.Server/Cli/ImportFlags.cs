using MleDojo.Core;
using MleDojo.Core.Importing;

namespace MleDojo.Server.Cli;

/// <summary>The import's inputs in the CLI's terms: Core says which input an error is about, this names its flag.</summary>
internal static class ImportFlags
{
    /// <summary>The error as <c>mledojo import</c> prints it: the flag at fault first, and the flags that fix it.</summary>
    public static string Describe(DojoException exception) => exception is not ImportException { Input: var input }
        ? VerbHost.Describe(exception)
        : input switch
        {
            ImportInput.Data => $"--data: {exception.Message}",
            ImportInput.Id => $"--id: {exception.Message}",
            ImportInput.PublicFraction => $"--public-fraction: {exception.Message}",
            ImportInput.ExistingImport => $"{exception.Message}{Environment.NewLine}hint: pass --force to replace it, or --id to import under another id",
            ImportInput.OwnGrader => $"{exception.Message}{Environment.NewLine}hint: --own-grader grades with the folder's own grade.py or utils/metric.py",
            ImportInput.Direction => $"{exception.Message}{Environment.NewLine}hint: pass --higher-is-better or --lower-is-better",
            _ => VerbHost.Describe(exception),
        };
}
