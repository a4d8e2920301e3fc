using MleDojo.Core;
using MleDojo.Core.Competitions;
using MleDojo.Core.Grading;
using MleDojo.Sandbox.Isolated;

namespace MleDojo.Server.Hosting;

/// <summary>Builds the grader process for imported competitions graded by their own grade.py / metric.py.</summary>
internal static class ExternalGraders
{
    /// <summary>A grader process when any of <paramref name="specs"/> needs one (the isolation probe costs a moment), else null.</summary>
    public static async Task<IExternalGrader?> CreateIfNeededAsync(IEnumerable<CompetitionSpec> specs, DataRoot dataRoot, SandboxSettings settings, CancellationToken cancellationToken)
    {
        if (!specs.Any(s => s.Imported?.GraderScript is not null))
        {
            return null;
        }

        var options = new IsolatedPythonOptions { AllowUnisolated = settings.AllowUnisolated };
        if (!string.IsNullOrWhiteSpace(settings.Python))
        {
            options.PythonPath = settings.Python;
        }

        var python = await IsolatedPython.CreateAsync(options, cancellationToken).ConfigureAwait(false);
        return new ExternalGraderProcess(python, Path.Combine(dataRoot.Scratch, "grading"), ExternalGraderProcess.DefaultTimeout);
    }
}
