using System.Globalization;
using System.Text.Json;

namespace MleDojo.Samples.SolutionAgent;

/// <summary>
/// One episode played by a fixed policy over the competition's shipped solutions (<c>solutions/baseline.py</c> and
/// <c>solutions/reference.py</c>): trivial runs the baseline and submits; climber runs the baseline, then the
/// reference, and submits the best; gambler runs both too but submits by its seed (the reference on even seeds, the
/// baseline on odd ones), so its results vary over seeds; reference runs the reference and submits; quitter only
/// validates the baseline and ends the episode without a submission.
/// </summary>
internal sealed class SolutionEpisode(ToolCaller tools, SolutionOptions options, string competition, long seed)
{
    public async Task<string> PlayAsync(CancellationToken cancellationToken)
    {
        var started = await tools.CallAsync("start_session", new()
        {
            ["competition_id"] = competition,
            ["agent"] = options.Agent,
            ["experiment"] = options.Experiment,
            ["seed"] = seed,
        }, cancellationToken).ConfigureAwait(false);
        var session = started.GetProperty("session_id").GetString()!;
        var scores = new List<string>();
        foreach (var (tool, script) in Plan())
        {
            var code = await File.ReadAllTextAsync(Path.Combine(options.SolutionsOf(competition), script), cancellationToken).ConfigureAwait(false);
            var run = await tools.CallAsync(tool, new() { ["session_id"] = session, ["code"] = code }, cancellationToken).ConfigureAwait(false);
            while (run.GetProperty("status").GetString() == "running")
            {
                run = await tools.CallAsync("get_run", new() { ["session_id"] = session, ["run_id"] = run.GetProperty("run_id").GetString(), ["wait_s"] = 45 }, cancellationToken).ConfigureAwait(false);
            }

            scores.Add($"{script} {run.GetProperty("status").GetString()} {Number(run, "public_score")}");
        }

        var final = "no submission";
        var ended = false;
        if (options.Policy != "quitter")
        {
            var submit = new Dictionary<string, object?> { ["session_id"] = session };
            if (options.Policy == "gambler")
            {
                submit["step"] = seed % 2 == 0 ? 2 : 1;
            }

            var submitted = await tools.CallAsync("submit", submit, cancellationToken).ConfigureAwait(false);
            final = $"private {Number(submitted, "private_score")}";
            ended = submitted.TryGetProperty("terminated", out var terminated) && terminated.GetBoolean();
        }

        if (!ended)
        {
            await tools.CallAsync("end_session", new() { ["session_id"] = session }, cancellationToken).ConfigureAwait(false);
        }
        return $"{options.Agent} {competition} seed {seed.ToString(CultureInfo.InvariantCulture)}: {string.Join("; ", scores)}; {final}";
    }

    private IEnumerable<(string Tool, string Script)> Plan() => options.Policy switch
    {
        "trivial" => [("execute_code", "baseline.py")],
        "climber" or "gambler" => [("execute_code", "baseline.py"), ("execute_code", "reference.py")],
        "reference" => [("execute_code", "reference.py")],
        _ => [("validate_code", "baseline.py")],
    };

    private static string Number(JsonElement result, string name) =>
        result.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble().ToString("0.0000", CultureInfo.InvariantCulture) : "none";
}
