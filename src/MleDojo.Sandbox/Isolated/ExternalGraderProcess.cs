using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MleDojo.Core.Competitions;
using MleDojo.Core.Execution;
using MleDojo.Core.Grading;
using MleDojo.Core.Importing;

namespace MleDojo.Sandbox.Isolated;

/// <summary>
/// Grades imported competitions with their own grade.py (MLE-bench) or metric.py (MLE-Dojo): a fresh isolated
/// process per submission, with only the submission copy, the answer rows and the grader code visible, no network,
/// and a timeout. Never the agent's sandbox: the answers never enter an agent's namespace.
/// </summary>
/// <param name="python">The isolated runner the grader runs in.</param>
/// <param name="workRoot">Server-private directory for each grading's files.</param>
/// <param name="timeout">Time one grading may take.</param>
/// <param name="logger">Where failures the grader survives are logged; null logs nothing.</param>
public sealed class ExternalGraderProcess(IsolatedPython python, string workRoot, TimeSpan timeout, ILogger<ExternalGraderProcess>? logger = null) : IExternalGrader
{
    /// <summary>The default time one grading may take.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(2);

    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;

    /// <inheritdoc />
    public async Task<ExternalVerdict> GradeAsync(PreparedCompetition prepared, string submissionPath, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        var imported = prepared.Spec.Imported ?? throw new InvalidOperationException($"{prepared.Spec.Id} is not an imported competition");
        if (imported.GraderScript is not { } script)
        {
            throw new InvalidOperationException($"{prepared.Spec.Id} is graded by the metric library, not by its own code");
        }

        var work = Directory.CreateDirectory(Path.Combine(workRoot, Guid.NewGuid().ToString("N"))).FullName;
        try
        {
            // The whole source folder's Python is visible, so the grader's relative imports (from .classes import ...) work.
            var sourceDirectory = Path.Combine(prepared.Spec.Directory, ImportedSpec.SourceDirectory);
            CodeFiles.Copy(sourceDirectory, Path.Combine(work, "comp"));
            File.Copy(submissionPath, Path.Combine(work, "submission.csv"));
            File.Copy(Path.Combine(prepared.RootDirectory, "private", ImportedSpec.GraderAnswersFile), Path.Combine(work, "answers.csv"));
            foreach (var directory in IsolatedPython.WritableDirectories)
            {
                Directory.CreateDirectory(Path.Combine(work, directory));
            }

            var module = "comp/" + Path.GetRelativePath(sourceDirectory, Path.Combine(prepared.Spec.Directory, script)).Replace('\\', '/');
            var result = await python.RunAsync(
                work,
                new
                {
                    Mode = "grade",
                    Format = imported.Format,
                    Module = module,
                    PackageDir = "comp",
                    Submission = "submission.csv",
                    Answers = "answers.csv",
                    IdColumn = prepared.Spec.Data.IdColumn,
                    Result = "out/result.json",
                },
                timeout,
                cancellationToken).ConfigureAwait(false);
            return await ReadVerdictAsync(Path.Combine(work, "out", "result.json"), result, cancellationToken).ConfigureAwait(false);
        }
        catch (SandboxException ex)
        {
            IsolatedLog.GraderNotStarted(_logger, prepared.Spec.Id, ex);
            return new ExternalVerdict(null, null, null, $"the grader process could not start: {ex.Message}");
        }
        finally
        {
            try
            {
                Directory.Delete(work, recursive: true);
            }
            catch (IOException exception)
            {
                // A leftover grading directory is server-private; it is removed with the next clean-up of the data root.
                IsolatedLog.GradingCleanupFailed(_logger, work, exception);
            }
        }
    }

    private async Task<ExternalVerdict> ReadVerdictAsync(string path, SandboxRunResult run, CancellationToken cancellationToken)
    {
        if (run.Outcome == SandboxRunOutcome.TimedOut)
        {
            return new ExternalVerdict(null, null, null, string.Create(CultureInfo.InvariantCulture, $"the competition's grader took longer than {timeout.TotalSeconds:0} s and was stopped"));
        }

        if (!File.Exists(path))
        {
            var stderr = run.Stderr.TrimEnd();
            return new ExternalVerdict(null, null, null, $"the competition's grader failed ({run.Note ?? $"exit code {run.ExitCode}"}): {stderr[Math.Max(0, stderr.Length - 2000)..]}");
        }

        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false));
        var root = document.RootElement;
        static double? Number(JsonElement root, string name) => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;
        static string? Text(JsonElement root, string name) => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        return new ExternalVerdict(Number(root, "public"), Number(root, "private"), Text(root, "invalid"), Text(root, "error"));
    }
}
