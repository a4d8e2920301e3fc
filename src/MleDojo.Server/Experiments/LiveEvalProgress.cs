using Spectre.Console;

namespace MleDojo.Server.Experiments;

/// <summary>Progress as a live table in the terminal: cell, state, steps, best public score, elapsed.</summary>
internal sealed class LiveEvalProgress : EvalProgress
{
    public override async Task RunAsync(Func<Task> grid) =>
        await AnsiConsole.Live(Render()).AutoClear(false).StartAsync(async context =>
        {
            var work = grid();
            while (!work.IsCompleted)
            {
                context.UpdateTarget(Render());
                await Task.WhenAny(work, Task.Delay(500)).ConfigureAwait(false);
            }

            context.UpdateTarget(Render());
            await work.ConfigureAwait(false);
        }).ConfigureAwait(false);

    protected override void Report(string line)
    {
        // The table shows it on its next refresh.
    }

    private Table Render()
    {
        var table = new Table().AddColumns("cell", "state", "steps", "best public", "elapsed");
        foreach (var cell in Snapshot())
        {
            table.AddRow(Markup.Escape(cell.Key), Markup.Escape(cell.State), cell.Steps?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-", Score(cell.BestPublic), cell.Elapsed);
        }

        return table;
    }
}
