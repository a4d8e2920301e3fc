namespace MleDojo.Testing;

/// <summary>Helpers for splicing host values into the Python scripts the sandbox tests run.</summary>
public static class PythonText
{
    /// <summary>A single-quoted Python string literal for <paramref name="value"/>.</summary>
    public static string Py(string value) => "'" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";

    /// <summary>The string reversed: a script carries a secret reversed, so searching for it does not find the script itself.</summary>
    public static string Reverse(string value) => new(value.Reverse().ToArray());
}
