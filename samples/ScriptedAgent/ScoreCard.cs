using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MleDojo.Samples.ScriptedAgent;

/// <summary>One row per budgeted step, filled from the structured content of the run results.</summary>
internal sealed class ScoreCard
{
    private static readonly string[] Header = ["step", "action", "script", "status", "time", "public", "best", "reward", "steps left", "episode left"];
    private readonly List<string[]> _rows = [];

    public IReadOnlyList<string[]> Rows => _rows;

    /// <summary>Adds a finished run (validate_code, execute_code or get_run result) and returns a one-line summary of it.</summary>
    public string Add(string script, JsonElement run)
    {
        var budget = run.Get("budget") ?? default;
        var row = new[]
        {
            run.Num("step")?.ToString(CultureInfo.InvariantCulture) ?? "?",
            run.Str("action") ?? "?",
            script,
            run.Str("status") ?? "?",
            Json.Seconds(run.Num("duration_s")),
            Json.Score(run.Num("public_score")),
            Json.Score(run.Num("best_public_score")),
            Json.Score(run.Num("reward")),
            $"{budget.Num("steps_remaining"):0}/{budget.Num("max_steps"):0}",
            Json.Seconds(budget.Num("episode_remaining_s")),
        };
        _rows.Add(row);
        return $"{row[3]} in {row[4]}  public {row[5]}  best {row[6]}  reward {row[7]}  steps left {row[8]}  episode left {row[9]}";
    }

    public override string ToString()
    {
        var all = _rows.Prepend(Header).ToList();
        var widths = Enumerable.Range(0, Header.Length).Select(c => all.Max(r => r[c].Length)).ToArray();
        var text = new StringBuilder();
        void Line(string[] cells)
        {
            text.Append("  ");
            for (var c = 0; c < cells.Length; c++)
            {
                // Text columns align left, numbers right.
                text.Append(c is 1 or 2 or 3 ? cells[c].PadRight(widths[c]) : cells[c].PadLeft(widths[c]));
                text.Append(c == cells.Length - 1 ? "" : "  ");
            }

            text.AppendLine();
        }

        Line(Header);
        Line([.. widths.Select(w => new string('-', w))]);
        foreach (var row in _rows)
        {
            Line(row);
        }

        return text.ToString().TrimEnd('\n', '\r');
    }
}
