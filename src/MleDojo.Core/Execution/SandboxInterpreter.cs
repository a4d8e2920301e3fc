namespace MleDojo.Core.Execution;

/// <summary>How a run's Python interpreter started, as recorded with each run.</summary>
public static class SandboxInterpreter
{
    /// <summary>Forked from the session's warm template, which had imported the usual libraries already.</summary>
    public const string Warm = "warm";

    /// <summary>A fresh interpreter process, as <c>python3 script.py</c>.</summary>
    public const string Cold = "cold";
}
