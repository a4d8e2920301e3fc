namespace MleDojo.Core.Importing;

// The raw `imported:` section of competition.yaml, bound by YamlDotNet; ImportedSpecLoader validates it.
#pragma warning disable CA1812 // instantiated by YamlDotNet
internal sealed class ImportedYaml
{
    public string? Format { get; set; }
    public string? OriginalId { get; set; }
    public string? SourcePath { get; set; }
    public string? Answers { get; set; }
    public string? SampleSubmission { get; set; }
    public string? IdColumn { get; set; }
    public List<string>? TargetColumns { get; set; }
    public string? Grader { get; set; }
    public int? Rows { get; set; }
    public string? ImportedAt { get; set; }
}
#pragma warning restore CA1812
