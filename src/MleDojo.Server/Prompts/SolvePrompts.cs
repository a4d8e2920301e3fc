using System.ComponentModel;
using MleDojo.Core.Competitions;
using ModelContextProtocol.Server;

namespace MleDojo.Server.Prompts;

/// <summary>Prompts that give an agent a good start.</summary>
[McpServerPromptType]
public sealed class SolvePrompts
{
    /// <summary>solve_competition.</summary>
    [McpServerPrompt(Name = "solve_competition", Title = "Solve a competition")]
    [Description("Instructions for working a competition end to end with this server's tools, within its budgets.")]
    public static string SolveCompetition(CompetitionCatalog catalog, [Description("Competition id, e.g. titanic.")] string competition_id)
    {
        var spec = catalog.Registry.Get(competition_id);

        var direction = spec.Metric.HigherIsBetter ? "higher" : "lower";
        return $"""
            You are competing in "{spec.Title}" (id: {spec.Id}), a Kaggle-style machine-learning competition scored by {spec.Metric.Name} ({direction} is better).

            Work with the MleDojo tools:
            1. start_session(competition_id="{spec.Id}") and read the overview and budget it returns.
            2. request_info(info_type="data_structure") and request_info(info_type="metric") to learn the files and the scoring.
            3. Explore with validate_code: a short script that loads input/train.csv and prints shapes, dtypes, missing values and the target distribution. Every validate_code and execute_code uses one step of your budget; request_info, list_files and read_file do not.
            4. Build a simple, valid baseline first with execute_code. Your script runs with the workspace as its working directory, reads input/, and must write output/submission.csv with exactly the columns of input/sample_submission.csv. The result gives a public score on part of the test set.
            5. Improve step by step: validate locally with cross-validation on train.csv, not by probing the public score; the final result is the private score, on rows you never see scored.
            6. Long scripts return status "running" with a run_id; call get_run to wait. Keep each run under the run timeout.
            7. When satisfied, call submit (default: your best public score) before the budget runs out. If a budget runs out first, your best valid submission is graded automatically.

            There is no internet access inside the sandbox. Available: Python 3 with numpy, pandas, scipy, scikit-learn and xgboost.
            """;
    }
}
