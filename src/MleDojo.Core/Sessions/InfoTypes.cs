namespace MleDojo.Core.Sessions;

/// <summary>The info types request_info answers.</summary>
public static class InfoTypes
{
    /// <summary>Every type request_info accepts.</summary>
    public static readonly IReadOnlyList<string> All = ["overview", "data_structure", "sample_submission", "metric", "budget", "all"];
}
