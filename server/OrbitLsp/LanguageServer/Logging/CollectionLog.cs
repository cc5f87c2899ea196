using OrbitLsp.LanguageServer.Lifecycle;
using Serilog;
using Serilog.Events;

namespace OrbitLsp.LanguageServer.Logging;

/// <summary>
/// At debug level, every collection that paused the server for long enough to show in a keystroke
/// or a hover, with its generation and the moment it ended (the line's time, within moments), so
/// that a slow answer in a client's measurements can be matched to the collector or ruled out. A
/// message's own debug line counts the collections during its handling; these are the ones that
/// fell between messages, while one was being read or written.
/// </summary>
/// <remarks>
/// It reads each collection as <see cref="CollectionWatch"/> reports it (on the finalizer thread,
/// right after it). The lines go where the server's debug lines go (the log file at
/// <c>--log-level debug</c>, the client's log when it traces verbosely).
/// </remarks>
public static class CollectionLog
{
    /// <summary>Pauses at least this long are logged.</summary>
    public static readonly TimeSpan Long = TimeSpan.FromMilliseconds(2);

    /// <summary>Watches until <paramref name="stopping"/>; lines are written while <paramref name="log"/> takes debug ones (a client may turn that on later).</summary>
    /// <param name="longPause">Pauses at least this long are logged (<see cref="Long"/> by default).</param>
    public static void Start(ILogger log, CancellationToken stopping, TimeSpan? longPause = null)
    {
        var watch = new Watch(log, stopping, longPause ?? Long) { Seen = GC.GetGCMemoryInfo(GCKind.Any).Index };
        CollectionWatch.Read(() =>
        {
            if (watch.Stopped) return false;
            try
            {
                watch.Look();
            }
            catch (Exception)
            {
                // A log that cannot be written now may be later; the watch goes on.
            }
            return true;
        });
    }

    private sealed class Watch(ILogger log, CancellationToken stopping, TimeSpan longPause)
    {
        public long Seen { get; set; }

        public bool Stopped => stopping.IsCancellationRequested;

        // NOTE: the numbers of the last collections logged, none of which is logged again: once in
        // a CI run one collection's line came out twice (the runtime's record of each kind is read
        // while other threads' collections go on).
        private readonly long[] _logged = new long[8];
        private int _next;

        /// <summary>Logs the long pauses among the collections since the last look.</summary>
        public void Look()
        {
            if (!log.IsEnabled(LogEventLevel.Debug))
            {
                Seen = GC.GetGCMemoryInfo(GCKind.Any).Index;
                return;
            }
            long latest = Seen;
            foreach (var kind in (ReadOnlySpan<GCKind>)[GCKind.Ephemeral, GCKind.FullBlocking, GCKind.Background])
            {
                var info = GC.GetGCMemoryInfo(kind);
                if (info.Index <= Seen || Array.IndexOf(_logged, info.Index) >= 0) continue;
                _logged[_next++ % _logged.Length] = info.Index;
                latest = Math.Max(latest, info.Index);
                var paused = info.PauseDurations[0] + info.PauseDurations[1];
                if (paused < longPause) continue;
                log.Debug("Collection #{Index} (gen{Generation}{Compacted:l}) paused the server {Paused:F1} ms; {Promoted} KB survived it",
                    info.Index, info.Generation, info.Compacted ? ", compacting" : "", paused.TotalMilliseconds, info.PromotedBytes >> 10);
            }
            Seen = latest;
        }
    }
}
