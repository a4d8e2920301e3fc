namespace MleDojo.Sandbox.Isolated;

/// <summary>How imported competitions' own Python (prepare.py, grade.py, metric.py) is run.</summary>
public sealed class IsolatedPythonOptions
{
    /// <summary>The interpreter: the sandbox's, so the code sees the same library versions as agent code. Default <c>/usr/bin/python3</c> when it exists.</summary>
    public string PythonPath { get; set; } = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

    /// <summary>Run even where bubblewrap cannot isolate filesystem and network (the caller is told). Default false.</summary>
    public bool AllowUnisolated { get; set; }

    /// <summary>Memory limit of one run. Default 8 GiB.</summary>
    public long MemoryBytes { get; set; } = 8L << 30;

    /// <summary>CPU share of one run. Default 2.</summary>
    public double Cpus { get; set; } = 2;
}
