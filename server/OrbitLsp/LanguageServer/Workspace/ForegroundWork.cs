namespace OrbitLsp.LanguageServer.Workspace;

/// <summary>
/// Counts the work an author is waiting for (diagnostics after a keystroke); the indexing thread
/// waits while there is some, so on two cores typing does not queue behind the index.
/// </summary>
/// <remarks>
/// NOTE: thread priorities are not honoured on Linux without privileges, so the index yields by
/// itself. It waits at most <see cref="MaxWait"/> per note, so a stream of edits cannot stop it.
/// </remarks>
public sealed class ForegroundWork
{
    public static readonly TimeSpan MaxWait = TimeSpan.FromMilliseconds(100);

    private int _running;

    public void Begin() => Interlocked.Increment(ref _running);

    public void End() => Interlocked.Decrement(ref _running);

    public bool IsBusy => Volatile.Read(ref _running) > 0;

    /// <summary>Waits until no foreground work runs, or <see cref="MaxWait"/> passed.</summary>
    public void WaitIdle()
    {
        if (!IsBusy) return;
        long until = Environment.TickCount64 + (long)MaxWait.TotalMilliseconds;
        while (IsBusy && Environment.TickCount64 < until) Thread.Sleep(1);
    }
}
