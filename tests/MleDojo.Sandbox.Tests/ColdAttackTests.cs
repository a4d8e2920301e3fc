using MleDojo.Sandbox.Local;

namespace MleDojo.Sandbox.Tests;

/// <summary>A provider whose runs are all cold (fresh interpreters), as with <c>--cold-runs</c>.</summary>
public sealed class ColdSandboxFixture() : LocalSandboxFixture(new LocalSandboxOptions { WarmInterpreter = false }, requireFullIsolation: false);

/// <summary>The attack suite again on the cold path (<c>--cold-runs</c>), which stays the fallback.</summary>
public sealed class ColdAttackTests(ColdSandboxFixture fixture) : AttackTests(fixture), IClassFixture<ColdSandboxFixture>;
