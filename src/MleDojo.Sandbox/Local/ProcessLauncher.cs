using System.Collections.Concurrent;
using System.Diagnostics;

namespace MleDojo.Sandbox.Local;

/// <summary>
/// Starts processes from one long-lived thread. bubblewrap's --die-with-parent uses PR_SET_PDEATHSIG, which the kernel
/// documents as firing when the parent <em>thread</em> exits; a thread-pool thread that starts a run and later retires
/// could otherwise kill that run in the middle.
/// </summary>
internal static class ProcessLauncher
{
    private static readonly BlockingCollection<(ProcessStartInfo StartInfo, TaskCompletionSource<Process> Started)> Queue = [];
    private static readonly Lazy<Thread> Worker = new(StartWorker, LazyThreadSafetyMode.ExecutionAndPublication);

    public static Task<Process> StartAsync(ProcessStartInfo startInfo, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _ = Worker.Value;
        var started = new TaskCompletionSource<Process>(TaskCreationOptions.RunContinuationsAsynchronously);
        Queue.Add((startInfo, started), cancellationToken);
        return started.Task;
    }

    private static Thread StartWorker()
    {
        var thread = new Thread(Run) { IsBackground = true, Name = "MleDojo sandbox launcher" };
        thread.Start();
        return thread;
    }

    private static void Run()
    {
        foreach (var (startInfo, started) in Queue.GetConsumingEnumerable())
        {
            try
            {
                started.SetResult(Process.Start(startInfo) ?? throw new InvalidOperationException("Process.Start returned no process."));
            }
            catch (Exception exception)
            {
                started.SetException(exception);
            }
        }
    }
}
