using System.Runtime;

namespace OrbitLsp.LanguageServer.Documents;

/// <summary>
/// Collections at moments nobody waits for. Once a large note is closed: its text, analysis and
/// message buffers lie in the large-object heap, which the GC neither compacts nor returns on its
/// own soon; one compacting collection a moment after the last such close (so that a burst of
/// closes costs one) brings the server back near its resting size. And when typing pauses (see
/// <see cref="TypingPaused"/>).
/// </summary>
public sealed class MemoryReturn : IDisposable
{
    /// <summary>Notes at least this long (chars) are worth a collection when closed: a 2 MB string and more.</summary>
    public const int LargeNote = 1 << 20;

    private readonly Timer _timer;
    private readonly TimeSpan _delay;

    /// <param name="delay">How long after the last large note closed to collect.</param>
    /// <param name="pauseCollectAfter">Bytes allocated since the last full collection that make a typing pause worth one.</param>
    public MemoryReturn(TimeSpan? delay = null, long pauseCollectAfter = PauseCollectAfter)
    {
        _delay = delay ?? TimeSpan.FromSeconds(1);
        _pauseCollectAfter = pauseCollectAfter;
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

    /// <summary>Allocations since the last full collection that make a typing pause worth one, by default.</summary>
    public const long PauseCollectAfter = 4 << 20;

    private readonly long _pauseCollectAfter;
    private readonly Lock _pauseGate = new();
    private int _fullCollections = -1;
    private long _allocatedAtFull;

    /// <summary>
    /// Typing paused and its version is analysed. When much was allocated since the last full
    /// collection (every analysed version of a large note is promoted and dies old, and a workspace
    /// being indexed adds its own), one is made now, while the author is not waiting, rather than
    /// by the runtime in the middle of a later keystroke (6–10 ms, and 15–25 ms when it compacts,
    /// on the heap of a 1 MB note while 10,000 notes are indexed). Not compacting: a keystroke
    /// that comes during it waits less.
    /// </summary>
    public void TypingPaused()
    {
        lock (_pauseGate)
        {
            int full = GC.CollectionCount(2);
            long allocated = GC.GetTotalAllocatedBytes();
            if (full != _fullCollections) (_fullCollections, _allocatedAtFull) = (full, allocated);
            // NOTE: a full collection the runtime made is seen only now, so the count restarts here.
            if (allocated - _allocatedAtFull < _pauseCollectAfter) return;
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: false);
            (_fullCollections, _allocatedAtFull) = (GC.CollectionCount(2), GC.GetTotalAllocatedBytes());
            Interlocked.Increment(ref _collections);
        }
    }

    private void Collect()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        Interlocked.Increment(ref _collections);
    }

    public void Dispose() => _timer.Dispose();
}
