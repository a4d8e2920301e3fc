namespace MleDojo.Reports;

/// <summary>How far reading the store has come.</summary>
/// <param name="Episodes">Episodes read so far.</param>
/// <param name="Total">Episodes to read.</param>
public readonly record struct ReportProgress(int Episodes, int Total);
