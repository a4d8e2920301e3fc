using MleDojo.Core;
using MleDojo.Core.Competitions;
using MleDojo.Core.Grading;
using MleDojo.Sandbox.Isolated;
using Microsoft.Extensions.Logging;

namespace MleDojo.Server.Hosting;

/// <summary>Builds the grader process for imported competitions graded by their own grade.py / metric.py.</summary>
internal static class ExternalGraders
{
    /// <summary>A grader process when any of <paramref name="specs"/> needs one (the isolation probe costs a moment), else null.</summary>
    public static async Task<IExternalGrader?> CreateIfNeededAsync(
        IEnumerable<CompetitionSpec> specs,
        DataRoot dataRoot,
        IsolatedPythonOptions options,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        if (!specs.Any(s => s.Imported?.GraderScript is not null))
        {
            return null;
        }

        var python = await IsolatedPython.CreateAsync(options, loggers, cancellationToken).ConfigureAwait(false);
        return new ExternalGraderProcess(python, Path.Combine(dataRoot.Scratch, "grading"), ExternalGraderProcess.DefaultTimeout, loggers.CreateLogger<ExternalGraderProcess>());
    }
}
