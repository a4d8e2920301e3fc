using MleDojo.Core.Competitions;
using MleDojo.Core.Metrics;

namespace MleDojo.Core.Grading;

/// <summary>How <see cref="Grader"/> uses an imported competition's own grader (see <see cref="IExternalGrader"/>).</summary>
internal static class ExternalGrading
{
    public static bool IsExternal(CompetitionSpec spec) => spec.Imported?.GraderScript is not null;

    public static async Task<SubmissionCheck> ApplyAsync(IExternalGrader? grader, PreparedCompetition prepared, string submissionPath, SubmissionCheck check, CancellationToken cancellationToken)
    {
        if (grader is null)
        {
            return check with { External = new ExternalVerdict(null, null, null, $"{prepared.Spec.Id} is graded by its own {prepared.Spec.Imported!.GraderScript}, but this grader was built without an external grader process") };
        }

        var verdict = await grader.GradeAsync(prepared, submissionPath, cancellationToken).ConfigureAwait(false);
        if (verdict.Invalid is { } message)
        {
            return check with
            {
                Errors = [new SubmissionError(SubmissionErrorCodes.RejectedByGrader, $"The competition's grader rejected the submission: {message}",
                    "Match input/sample_submission.csv exactly: the same columns, one row per id, values of the same kind.")],
                Predictions = null,
            };
        }

        return check with { External = verdict };
    }

    public static double Score(CompetitionSpec spec, SubmissionCheck check, ScoreSplit split)
    {
        var verdict = check.External ?? throw new MetricException($"{spec.Id} is graded by its own {spec.Imported!.GraderScript}: check the submission with CheckAsync (or grade with GradeAsync) first");
        var score = split switch
        {
            ScoreSplit.Public => verdict.PublicScore,
            ScoreSplit.Private => verdict.PrivateScore,
            _ => throw new MetricException($"{spec.Id} is graded by its own code on the public and private rows only"),
        };
        return score ?? throw new MetricException(verdict.Error ?? "the competition's grader returned no score");
    }
}
