using System.Diagnostics;

namespace OrbitLsp.LanguageServer.Lifecycle;

/// <summary>
/// Watches the client process named in <c>initialize</c>'s <c>processId</c>: when it is gone the
/// server exits, so an editor that crashed leaves no server behind.
/// </summary>
public static class ParentProcessWatcher
{
    public static void Start(int processId, TimeSpan interval, Action onExit, CancellationToken stop)
    {
        _ = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(interval);
            while (!stop.IsCancellationRequested && IsAlive(processId))
            {
                try
                {
                    await timer.WaitForNextTickAsync(stop).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
            if (!stop.IsCancellationRequested) onExit();
        }, CancellationToken.None);
    }

    public static bool IsAlive(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }
}
