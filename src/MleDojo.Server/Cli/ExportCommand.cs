using System.CommandLine;
using System.Text;
using MleDojo.Core.Recording;
using MleDojo.Server.Export;
using MleDojo.Server.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace MleDojo.Server.Cli;

/// <summary>
/// <c>mledojo export --session ID | --all [--format steps|chat] [--out FILE]</c>: recorded episodes as JSONL, one line
/// per recorded call (<see cref="TrajectoryExporter"/>) or one chat example per episode (<see cref="ChatTrajectoryExporter"/>).
/// Writes to stdout without <c>--out</c>.
/// </summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var session = new Option<string?>("--session") { Description = "The session id to export." };
        var all = new Option<bool>("--all") { Description = "Export every recorded session, oldest first." };
        var output = new Option<string?>("--out") { Description = "Write to this file instead of stdout." };
        var format = new Option<string>("--format")
        {
            Description = "steps: one line per recorded call (observation, scores, reward, budget); chat: one line per episode in the OpenAI fine-tuning shape (messages with tool_calls, tools), rewards in metadata.",
            DefaultValueFactory = _ => "steps",
        };
        format.AcceptOnlyFromAmong("steps", "chat");
        var command = new Command("export", "Export recorded sessions for fine-tuning or RL: JSONL trajectories, one line per step (--format steps), or one chat example per episode in the OpenAI fine-tuning shape (--format chat).") { session, all, output, format };
        command.SetAction((parseResult, cancellationToken) => VerbHost.RunAsync(parseResult, async (host, ct) =>
        {
            var id = parseResult.GetValue(session);
            var everything = parseResult.GetValue(all);
            if (string.IsNullOrWhiteSpace(id) == !everything)
            {
                Console.Error.WriteLine("error: pass either --session ID or --all.");
                return 1;
            }

            var context = host.Services.GetRequiredService<CatalogContext>();
            if (!File.Exists(context.DataRoot.DatabasePath))
            {
                Console.Error.WriteLine($"error: no recordings at {context.DataRoot.DatabasePath}. Set --home or MLEDOJO_HOME to the server's data root.");
                return 1;
            }

            var store = new SqliteSessionStore(context.DataRoot.DatabasePath);
            var chat = parseResult.GetValue(format) == "chat"
                ? new ChatTrajectoryExporter(store, context.Catalog, ServerToolList.Get(), context.DataRoot.Transcripts)
                : null;
            var exporter = new TrajectoryExporter(store, context.Catalog.Registry);
            var path = parseResult.GetValue(output);
            var target = path is null ? null : Path.GetFullPath(path);
            var temporary = target is null ? null : target + ".partial";
            var writer = temporary is null ? Console.Out : new StreamWriter(temporary, append: false, new UTF8Encoding(false));
            int sessions = 0, lines = 0;
            var done = false;
            try
            {
                if (chat is not null)
                {
                    sessions = everything ? await chat.ExportAllAsync(writer, ct) : 1;
                    if (!everything)
                    {
                        await chat.ExportSessionAsync(id!, writer, ct);
                    }

                    lines = sessions;
                }
                else if (everything)
                {
                    (sessions, lines) = await exporter.ExportAllAsync(writer, ct);
                }
                else
                {
                    (sessions, lines) = (1, await exporter.ExportSessionAsync(id!, writer, ct));
                }

                await writer.FlushAsync(ct);
                done = true;
            }
            catch (KeyNotFoundException ex)
            {
                Console.Error.WriteLine($"error: {ex.Message} Export every session with: mledojo export --all");
                return 1;
            }
            finally
            {
                // The file appears whole or not at all.
                if (temporary is not null)
                {
                    await writer.DisposeAsync();
                    if (done)
                    {
                        File.Move(temporary, target!, overwrite: true);
                    }
                    else
                    {
                        File.Delete(temporary);
                    }
                }
            }

            Console.Error.WriteLine(chat is null
                ? $"exported {lines} step(s) of {sessions} session(s){(target is null ? "" : $" to {target}")}"
                : $"exported {sessions} episode(s) as chat{(target is null ? "" : $" to {target}")}");
            return 0;
        }, cancellationToken));
        return command;
    }
}
