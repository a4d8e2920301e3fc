using MleDojo.Sandbox.Local;

// The sandbox is Linux-only: it runs real bubblewrap, /proc and POSIX permissions.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
[assembly: AssemblyFixture(typeof(MleDojo.Sandbox.Tests.SandboxFixture))]

// Attack tests fork-bomb and allocate; running them one at a time keeps timings honest on a small machine.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace MleDojo.Sandbox.Tests;

/// <summary>
/// One provider probed with the default options, except that runs wait for the session's warm template (by default
/// the first runs of a session go cold while it imports), so the warm path is what the tests exercise. A machine
/// without full isolation does not fail the whole suite: the tests that need it say so, and the weaker modes are
/// tested on such machines too.
/// </summary>
public sealed class SandboxFixture() : LocalSandboxFixture(new LocalSandboxOptions { WarmStartWait = TimeSpan.FromMinutes(3) }, requireFullIsolation: false);
