using System.Runtime;

namespace OrbitLsp.LanguageServer.Documents;

/// <summary>
/// Gives memory back to the system once a large note is closed. Its text, analysis and message
/// buffers lie in the large-object heap, which the GC neither compacts nor returns on its own soon;
/// one compacting collection a moment after the last such close (so that a burst of closes costs
/// one) brings the server back near its resting size.
/// </summary>
public sealed class MemoryReturn : IDisposable
{
    /// <summary>Notes at least this long (chars) are worth a collection when closed: a 2 MB string and more.</summary>
    public const int LargeNote = 1 << 20;

    private readonly Timer _timer;
    private readonly TimeSpan _delay;

    public MemoryReturn(TimeSpan? delay = null)
    {
        _delay = delay ?? TimeSpan.FromSeconds(1);
        _timer = new Timer(_ => Collect(), null, Timeout.Infinite, Timeout.Infinite);
    }

    private int _collections;

    /// <summary>Number of collections made, for tests.</summary>
    public int Collections => Volatile.Read(ref _collections);

    /// <summary>A note of <paramref name="length"/> chars was closed.</summary>
    public void Closed(int length)
    {
        if (length >= LargeNote) _timer.Change(_delay, Timeout.InfiniteTimeSpan);
    }

    private void Collect()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        Interlocked.Increment(ref _collections);
    }

    public void Dispose() => _timer.Dispose();
}
