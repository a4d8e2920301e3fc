namespace MleDojo.Core.Competitions.RawSources;

/// <summary>A raw labelled table: a header and rows of field text, before the spec's column operations.</summary>
/// <param name="Header">Column names.</param>
/// <param name="Rows">One array per row, as long as the header.</param>
public sealed record RawData(string[] Header, List<string[]> Rows);
