namespace MleDojo.Sandbox.Warm;

/// <summary>Where a relayed warm run's output goes: a chunk of its stdout or stderr (<see cref="Common.OutputCapture.Stdout"/> or <see cref="Common.OutputCapture.Stderr"/>).</summary>
/// <param name="source">Which stream the chunk is from.</param>
/// <param name="data">The bytes, as the run wrote them.</param>
internal delegate Task WarmOutputSink(int source, ReadOnlyMemory<byte> data);
