namespace MleDojo.Core.Importing;

/// <summary>An import cannot go on; the message says what is wrong and what to do.</summary>
public sealed class ImportException(string message) : DojoException("import_failed", message);
