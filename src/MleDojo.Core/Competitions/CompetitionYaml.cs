namespace MleDojo.Core.Competitions;

// The raw shape of competition.yaml, bound by YamlDotNet with underscored names; CompetitionSpecLoader
// validates it into a CompetitionSpec. Kept mutable and nullable because YAML may omit anything.
#pragma warning disable CA1812 // instantiated by YamlDotNet
internal sealed class CompetitionYaml
{
    public string? Id { get; set; }
    public string? Title { get; set; }
    public string? Category { get; set; }
    public string? Task { get; set; }
    public List<string>? Tags { get; set; }
    public DataYaml? Data { get; set; }
    public SplitYaml? Split { get; set; }
    public MetricYaml? Metric { get; set; }
    public SubmissionYaml? Submission { get; set; }
    public ScoresYaml? Scores { get; set; }
    public BudgetsYaml? Budgets { get; set; }
    public SourceYaml? Source { get; set; }
    public List<string>? Leakage { get; set; }
    public Importing.ImportedYaml? Imported { get; set; }

    internal sealed class DataYaml
    {
        public string? Raw { get; set; }
        public SourceDataYaml? Source { get; set; }
        public string? IdColumn { get; set; }
        public string? Target { get; set; }
        public List<string>? Targets { get; set; }
        public string? TargetColumn { get; set; }
        public List<string>? TargetColumns { get; set; }
        public Dictionary<string, string>? TargetMap { get; set; }
        public double? BinarizeTargetAt { get; set; }
        public bool? DropRowsMissingTarget { get; set; }
        public List<DropYaml>? DropColumns { get; set; }
        public Dictionary<string, string>? RenameColumns { get; set; }
    }

    internal sealed class SourceDataYaml
    {
        public string? Reader { get; set; }
        public PackageYaml? Package { get; set; }
        public List<string>? Files { get; set; }
        public Dictionary<string, string>? Options { get; set; }
    }

    internal sealed class PackageYaml
    {
        public string? Manager { get; set; }
        public string? Name { get; set; }
        public string? Version { get; set; }
    }

    internal sealed class DropYaml
    {
        public string? Name { get; set; }
        public string? Reason { get; set; }
    }

    internal sealed class SplitYaml
    {
        public ulong? Seed { get; set; }
        public double? TestFraction { get; set; }
        public double? PublicFraction { get; set; }
        public string? TimeColumn { get; set; }
        public string? TimeCut { get; set; }
        public bool? ShuffleTies { get; set; }
        public string? GroupColumn { get; set; }
    }

    internal sealed class MetricYaml
    {
        public string? Name { get; set; }
        public bool? HigherIsBetter { get; set; }
        public Dictionary<string, object?>? Parameters { get; set; }
    }

    internal sealed class SubmissionYaml
    {
        public string? Kind { get; set; }
        public List<string>? Classes { get; set; }
        public long? MaxBytes { get; set; }
    }

    internal sealed class ScoresYaml
    {
        public double? Baseline { get; set; }
        public double? Reference { get; set; }
        public string? Reproduce { get; set; }
    }

    internal sealed class BudgetsYaml
    {
        public int? MaxSteps { get; set; }
        public int? RunTimeoutS { get; set; }
    }

    internal sealed class SourceYaml
    {
        public string? Name { get; set; }
        public string? Package { get; set; }
        public string? Object { get; set; }
        public string? Licence { get; set; }
        public string? Url { get; set; }
    }
}
#pragma warning restore CA1812
