namespace MleDojo.Sandbox.Warm;

/// <summary>A run the warm template started.</summary>
/// <param name="Pid">The run's init, in the template's pid namespace.</param>
/// <param name="Exited">Ends with the init's exit code (negative for a signal), or null when the template died first.</param>
/// <param name="PrefaultedBytes">The template's pages its spare copied before the run began (not the run's memory).</param>
internal sealed record WarmSpawn(int Pid, Task<int?> Exited, long PrefaultedBytes);
