namespace MleDojo.Sandbox.Docker;

/// <summary>A host directory bound into the container.</summary>
/// <param name="Source">Absolute path on the engine's host.</param>
/// <param name="Target">Absolute path inside the container.</param>
/// <param name="ReadOnly">Whether the container may only read it.</param>
internal sealed record BindMount(string Source, string Target, bool ReadOnly);
