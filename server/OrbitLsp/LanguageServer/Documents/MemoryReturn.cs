using System.Runtime;
using OrbitLsp.LanguageServer.Lifecycle;

namespace OrbitLsp.LanguageServer.Documents;

/// <summary>
/// Collections at moments nobody waits for. Once a large note is closed: its text, analysis and
/// message buffers lie in the large-object heap, which the GC neither compacts nor returns on its
/// own soon; one compacting collection a moment after the last such close (so that a burst of
/// closes costs one) brings the server back near its resting size. When typing pauses (see
/// <see cref="TypingPaused"/>). And when the client falls silent after asking (see <see cref="ClientActive"/>).
/// </summary>
public sealed class MemoryReturn : IDisposable
{
    /// <summary>Notes at least this long (chars) are worth a collection when closed: a 2 MB string and more.</summary>
    public const int LargeNote = 1 << 20;

    private readonly Timer _timer;
    private readonly TimeSpan _delay;

    /// <summary>
    /// What a typing pause reads of the collector and asks of it: the runtime's (process-wide), or,
    /// in tests, counts of their own, which other threads' allocations and collections do not move.
    /// </summary>
    internal interface ICollector
    {
        long AllocatedBytes { get; }

        int FullCollections { get; }

        void CollectFull();

        /// <summary>Bytes allocated since the last collection of any generation (seen within moments of it).</summary>
        long AllocatedSinceCollection { get; }

        /// <summary>Collects generations 0 and 1: what survives goes to generation 2.</summary>
        void CollectYoung();
    }

    internal sealed class RuntimeCollector : ICollector
    {
        public static readonly RuntimeCollector Instance = new();

        public long AllocatedBytes => GC.GetTotalAllocatedBytes();

        public int FullCollections => GC.CollectionCount(2);

        public void CollectFull() => GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: false);

        public long AllocatedSinceCollection => GC.GetTotalAllocatedBytes() - Volatile.Read(ref _allocatedAtCollection);

        public void CollectYoung() => GC.Collect(1, GCCollectionMode.Forced, blocking: true);

        private static long _allocatedAtCollection = GC.GetTotalAllocatedBytes();

        static RuntimeCollector() => CollectionWatch.Read(() =>
        {
            Volatile.Write(ref _allocatedAtCollection, GC.GetTotalAllocatedBytes());
            return true;
        });
    }

    private readonly ICollector _collector;

    /// <param name="delay">How long after the last large note closed to collect.</param>
    /// <param name="pauseCollectAfter">Bytes allocated since the last full collection that make a typing pause worth one.</param>
    public MemoryReturn(TimeSpan? delay = null, long pauseCollectAfter = PauseCollectAfter) : this(delay, pauseCollectAfter, RuntimeCollector.Instance)
    {
    }

    internal MemoryReturn(TimeSpan? delay, long pauseCollectAfter, ICollector collector)
    {
        _collector = collector;
        _delay = delay ?? TimeSpan.FromSeconds(1);
        _pauseCollectAfter = pauseCollectAfter;
        _timer = new Timer(_ => Collect(), null, Timeout.Infinite, Timeout.Infinite);
        _fullCollections = collector.FullCollections;
        // The reader holds this weakly: a MemoryReturn nobody disposed is still collected, and its
        // reader then dropped.
        var self = new WeakReference<MemoryReturn>(this);
        CollectionWatch.Read(() => self.TryGetTarget(out var memory) && memory.CollectionSeen());
    }

    private int _collections;

    /// <summary>Number of collections made, for tests.</summary>
    public int Collections => Volatile.Read(ref _collections);

    /// <summary>A note of <paramref name="length"/> chars was closed.</summary>
    public void Closed(int length)
    {
        if (length >= LargeNote) _timer.Change(_delay, Timeout.InfiniteTimeSpan);
    }

    /// <summary>
    /// Allocations since the last full collection that make a typing pause worth one, by default.
    /// 1 MB: the pause's own analysis of a 1 MB note leaves about that much young, which a young
    /// collection soon after copied (2-10 ms) and a gen-1 one a little later copied again (5-8 ms,
    /// the one that met most of the benchmark's hover bursts); a full collection here, not
    /// compacting, does that work while nobody waits (4 ms on average). With 4 MB (until 7
    /// December) 24-28 pauses of 35 collected, and the young collections met the requests after.
    /// </summary>
    public const long PauseCollectAfter = 1 << 20;

    private readonly long _pauseCollectAfter;
    private readonly Lock _pauseGate = new();
    private int _fullCollections;
    private long _allocatedAtFull;

    /// <summary>
    /// Typing paused and its version is analysed. When much was allocated since the last full
    /// collection (every analysed version of a large note is promoted and dies old, and a workspace
    /// being indexed adds its own), one is made now, while the author is not waiting, rather than
    /// by the runtime in the middle of a later keystroke (6–10 ms, and 15–25 ms when it compacts,
    /// on the heap of a 1 MB note while 10,000 notes are indexed). Not compacting: a keystroke
    /// that comes during it waits less.
    /// </summary>
    /// <returns>How long the collection took, or null when none was made.</returns>
    public TimeSpan? TypingPaused()
    {
        lock (_pauseGate)
        {
            if (_collector.AllocatedBytes - _allocatedAtFull < _pauseCollectAfter) return null;
            long started = System.Diagnostics.Stopwatch.GetTimestamp();
            _collector.CollectFull();
            Interlocked.Increment(ref _collections);
            CountFromNow();
            return System.Diagnostics.Stopwatch.GetElapsedTime(started);
        }
    }

    /// <summary>Counts allocations from the full collection just seen (the runtime's or the pause's own).</summary>
    internal void FullCollectionSeen()
    {
        lock (_pauseGate) CountFromNow();
    }

    private void CountFromNow()
    {
        int full = _collector.FullCollections;
        if (full != _fullCollections) (_fullCollections, _allocatedAtFull) = (full, _collector.AllocatedBytes);
    }

    /// <summary>
    /// The runtime collected (<see cref="CollectionWatch"/>, within moments). When it was a full
    /// collection, a pause counts from it. Before this, a runtime collection was noticed only at
    /// the next pause, which then counted from itself: the first pause of a session never
    /// collected, and the runtime's next full collection (7–10 ms) met the first keystroke after it.
    /// </summary>
    /// <returns>False once disposed: nothing more to read.</returns>
    private bool CollectionSeen()
    {
        if (_disposed) return false;
        // Read without the lock: one seen twice is counted from once (CountFromNow compares again).
        if (_collector.FullCollections != Volatile.Read(ref _fullCollections)) FullCollectionSeen();
        return true;
    }

    private volatile bool _disposed;

    private void Collect()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        Interlocked.Increment(ref _collections);
    }

    /// <summary>Client silence after which the young generations are collected (<see cref="ClientActive"/>).</summary>
    public static readonly TimeSpan IdleAfter = TimeSpan.FromMilliseconds(200);

    /// <summary>Bytes allocated since the last collection that make a silence worth a young one.</summary>
    public const long IdleCollectAfter = 256 << 10;

    private Func<TimeSpan>? _silentFor;
    private Timer? _idleTimer;
    private int _idleArmed;
    private int _idleCollections;

    /// <summary>Number of young collections made in a silence, for tests.</summary>
    public int IdleCollections => Volatile.Read(ref _idleCollections);

    /// <summary>Looks for the client's silences from now on (<see cref="ClientActive"/>); <paramref name="silentFor"/> says how long it has said nothing.</summary>
    public void WatchClient(Func<TimeSpan> silentFor)
    {
        _silentFor = silentFor;
        _idleTimer = new Timer(_ => IdleCheck(), null, Timeout.Infinite, Timeout.Infinite);
    }

    /// <summary>
    /// A message came from the client. Once it has been silent for <see cref="IdleAfter"/>, and at
    /// least <see cref="IdleCollectAfter"/> was allocated since the last collection, generations 0
    /// and 1 are collected, while nobody waits. What an editor asks after an edit (tokens, lenses,
    /// symbols, folding, hints) leaves what it made of the new analysis young and alive (1–2 MB for a
    /// 1 MB note); the runtime's next young collection, made by whatever comes next (a burst of
    /// hovers), would copy all of it then (3–4 ms in the middle of a hover).
    /// </summary>
    public void ClientActive()
    {
        // Read first: nearly every message finds the look already armed, and then writes nothing.
        if (_idleTimer is not null && Volatile.Read(ref _idleArmed) == 0 && Interlocked.Exchange(ref _idleArmed, 1) == 0)
            _idleTimer.Change(IdleAfter, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The timer's look: not silent long enough yet, look again later; else collect when worth it. True when it collected.</summary>
    internal bool IdleCheck()
    {
        if (_disposed || _silentFor is null) return false;
        var silent = _silentFor();
        if (silent < IdleAfter)
        {
            _idleTimer?.Change(IdleAfter - silent + TimeSpan.FromMilliseconds(5), Timeout.InfiniteTimeSpan);
            return false;
        }
        Volatile.Write(ref _idleArmed, 0);
        // A message that came just now found the timer armed and did not arm it: look again for it.
        if (_silentFor() < IdleAfter)
        {
            ClientActive();
            return false;
        }
        lock (_pauseGate)
        {
            if (_collector.AllocatedSinceCollection < IdleCollectAfter) return false;
            _collector.CollectYoung();
            Interlocked.Increment(ref _idleCollections);
            return true;
        }
    }

    public void Dispose()
    {
        _disposed = true;
        _timer.Dispose();
        _idleTimer?.Dispose();
    }
}
