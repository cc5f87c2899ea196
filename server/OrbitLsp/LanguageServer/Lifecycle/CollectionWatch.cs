using System.Collections.Immutable;

namespace OrbitLsp.LanguageServer.Lifecycle;

/// <summary>
/// Tells its readers, within moments, that the runtime collected: the collection log (which logs
/// the long pauses) and <see cref="Documents.MemoryReturn"/> (which counts allocation from the last
/// collection, and from the last full one).
/// </summary>
/// <remarks>
/// One young finalizable object is the probe: found dead by the next collection of any
/// generation, its finalizer runs on the finalizer thread right after that collection, calls each
/// reader and leaves the next probe; a few microseconds a collection, however many read. A reader
/// that answers false is dropped (its owner stopped or was collected). Readers run on the finalizer
/// thread: an exception there would end the process, so one that throws is dropped too.
/// </remarks>
internal static class CollectionWatch
{
    private static ImmutableArray<Func<bool>> s_readers = [];
    private static int s_collectionsSeen;

    static CollectionWatch() => Leave();

    /// <summary>Collections the probe has seen since the process started.</summary>
    public static int CollectionsSeen => Volatile.Read(ref s_collectionsSeen);

    /// <summary>Calls <paramref name="reader"/> after each collection from now on, until it answers false.</summary>
    public static void Read(Func<bool> reader) => ImmutableInterlocked.Update(ref s_readers, static (all, r) => all.Add(r), reader);

    private static void Drop(Func<bool> reader) => ImmutableInterlocked.Update(ref s_readers, static (all, r) => all.Remove(r), reader);

    // NOTE: through KeepAlive, so that the compiler cannot keep the probe on the stack: it must be a
    // heap object, found unreachable.
    private static void Leave() => GC.KeepAlive(new Probe());

    private sealed class Probe
    {
        ~Probe()
        {
            // The next probe first, the readers read after it: a collection made before this line
            // (while this probe waited in the queue) is followed by the read below, and one made
            // after it finds the new probe. So every collection is followed by a call to each
            // reader added before it. (With the probe left last, a collection made while the readers
            // were being called went unread until the next one.)
            Leave();
            Interlocked.Increment(ref s_collectionsSeen);
            var readers = s_readers;
            foreach (var reader in readers)
            {
                bool keep;
                try
                {
                    keep = reader();
                }
                catch (Exception)
                {
                    keep = false;
                }
                if (!keep) Drop(reader);
            }
        }
    }
}
