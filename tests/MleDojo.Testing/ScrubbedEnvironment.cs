using System.Text.Json;
using MleDojo.Core.Execution;

namespace MleDojo.Testing;

/// <summary>
/// Reads the environment agent code sees while the test host holds a secret in its own; both backends must hand agent
/// code the same small set of variables and nothing of the host's.
/// </summary>
public static class ScrubbedEnvironment
{
    private const string HostSecret = "sk-host-secret-4242";

    /// <summary>The variables both backends set for agent code; each backend adds the few its runtime sets.</summary>
    public static readonly string[] SetBySandbox =
    [
        "PATH", "HOME", "LANG", "PYTHONUNBUFFERED", "PYTHONDONTWRITEBYTECODE", "MPLBACKEND", "OMP_NUM_THREADS",
        "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS",
    ];

    /// <summary>Runs a script that prints its environment, checks the host's secret is not in it, and returns it.</summary>
    public static async Task<Dictionary<string, string>> CaptureAsync(Func<string, Task<SandboxRunResult>> runAsync)
    {
        Environment.SetEnvironmentVariable("MLEDOJO_TEST_SECRET", HostSecret);
        try
        {
            var result = await runAsync("""
                import json, os
                print(json.dumps(dict(os.environ)))
                """);

            Assert.Equal(SandboxRunOutcome.Succeeded, result.Outcome);
            Assert.DoesNotContain(HostSecret, result.Stdout);
            return JsonSerializer.Deserialize<Dictionary<string, string>>(result.Stdout)!;
        }
        finally
        {
            Environment.SetEnvironmentVariable("MLEDOJO_TEST_SECRET", null);
        }
    }
}
