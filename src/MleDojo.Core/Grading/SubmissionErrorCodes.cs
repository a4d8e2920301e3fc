namespace MleDojo.Core.Grading;

/// <summary>The codes a <see cref="SubmissionError"/> can carry.</summary>
public static class SubmissionErrorCodes
{
    /// <summary>No submission file.</summary>
    public const string MissingFile = "missing_file";

    /// <summary>Zero bytes, or a header with no rows.</summary>
    public const string EmptyFile = "empty_file";

    /// <summary>Over the competition's size limit.</summary>
    public const string FileTooLarge = "file_too_large";

    /// <summary>Not parseable as CSV (unbalanced quotes, ragged rows).</summary>
    public const string MalformedCsv = "malformed_csv";

    /// <summary>Required columns absent.</summary>
    public const string MissingColumns = "missing_columns";

    /// <summary>Columns that the format does not have.</summary>
    public const string ExtraColumns = "extra_columns";

    /// <summary>More or fewer rows than the test set.</summary>
    public const string WrongRowCount = "wrong_row_count";

    /// <summary>Test ids without a prediction.</summary>
    public const string MissingIds = "missing_ids";

    /// <summary>Ids predicted more than once.</summary>
    public const string DuplicateIds = "duplicate_ids";

    /// <summary>Ids not in the test set.</summary>
    public const string UnknownIds = "unknown_ids";

    /// <summary>Text where a number is needed.</summary>
    public const string NonNumeric = "non_numeric";

    /// <summary>NaN or infinity.</summary>
    public const string NotFinite = "not_finite";

    /// <summary>A probability below 0 or above 1.</summary>
    public const string ProbabilityOutOfRange = "probability_out_of_range";

    /// <summary>Class probabilities whose row sum is not 1.</summary>
    public const string ProbabilitiesDoNotSumToOne = "probabilities_do_not_sum_to_one";

    /// <summary>A label outside the class set.</summary>
    public const string UnknownLabel = "unknown_label";

    /// <summary>A value the metric cannot take (for example a negative value under RMSLE).</summary>
    public const string InvalidValue = "invalid_value";

    /// <summary>An imported competition's own grader rejected the file (its InvalidSubmissionError).</summary>
    public const string RejectedByGrader = "rejected_by_grader";
}
