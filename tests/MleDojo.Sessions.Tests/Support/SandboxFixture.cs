using MleDojo.Sandbox.Local;

// The episode engine is tested over the real local sandbox: bubblewrap, per-session uid, rlimits, /proc.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
[assembly: AssemblyFixture(typeof(MleDojo.Sessions.Tests.Support.SandboxFixture))]

// Attacks fork-bomb, allocate and flood output; one test at a time keeps timings honest on a small machine.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace MleDojo.Sessions.Tests.Support;

/// <summary>
/// One provider on Debian's interpreter (it has pandas and scikit-learn; the first python3 on PATH may not), and
/// only with full isolation: every test here runs agent code through the engine, and an unisolated run proves nothing.
/// </summary>
public sealed class SandboxFixture() : LocalSandboxFixture(new LocalSandboxOptions { PythonPath = "/usr/bin/python3" }, requireFullIsolation: true);
