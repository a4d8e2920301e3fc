namespace MleDojo.Core.Importing;

/// <summary>An import cannot go on. The message says what is wrong; <see cref="Input"/> says which input of the request it is about.</summary>
public sealed class ImportException(string message, ImportInput input = ImportInput.None)
    : DojoException("import_failed", message)
{
    /// <summary>The input at fault, or whose setting fixes it.</summary>
    public ImportInput Input { get; } = input;
}
