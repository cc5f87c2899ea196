using OrbitLsp.LanguageServer.Lifecycle;
using OrbitLsp.Server.Tests.Infrastructure;

namespace OrbitLsp.Server.Tests;

/// <summary>Each collection reaches every reader once, on the finalizer thread; a reader that is done, or throws, is not called again.</summary>
[Trait(TestServer.Trait, TestServer.HereOnly)]
public sealed class CollectionWatchTests
{
    private static void Collect(int generation)
    {
        GC.Collect(generation, GCCollectionMode.Forced, blocking: true);
        GC.WaitForPendingFinalizers();
    }

    [Fact]
    public void Every_collection_of_any_generation_is_read()
    {
        int seenBefore = CollectionWatch.CollectionsSeen;
        int reads = 0;
        using var done = new CancellationTokenSource();
        CollectionWatch.Read(() =>
        {
            Interlocked.Increment(ref reads);
            return !done.IsCancellationRequested;
        });
        Collect(0);
        int afterYoung = Volatile.Read(ref reads);
        Collect(2);
        int afterFull = Volatile.Read(ref reads);
        done.Cancel();

        Assert.True(afterYoung >= 1, $"{afterYoung} reads after a young collection");
        Assert.True(afterFull > afterYoung, $"{afterFull} reads after a full one, {afterYoung} before it");
        Assert.True(CollectionWatch.CollectionsSeen >= seenBefore + 2);
    }

    [Fact]
    public void A_collection_made_while_the_readers_are_called_is_read_too()
    {
        // The reader's first call collects, as another thread may at that moment: that collection
        // too must be followed by a call (CI once failed so, with the next probe left last).
        int reads = 0;
        using var done = new CancellationTokenSource();
        CollectionWatch.Read(() =>
        {
            if (Interlocked.Increment(ref reads) == 1) GC.Collect(0, GCCollectionMode.Forced, blocking: true);
            return !done.IsCancellationRequested;
        });
        Collect(0);
        done.Cancel();

        Assert.True(Volatile.Read(ref reads) >= 2, $"{reads} reads: the collection made during the first was not read");
    }

    [Fact]
    public void A_reader_that_answers_false_or_throws_is_not_called_again()
    {
        int finished = 0, thrown = 0, going = 0;
        using var done = new CancellationTokenSource();
        CollectionWatch.Read(() =>
        {
            Interlocked.Increment(ref finished);
            return false;
        });
        CollectionWatch.Read(() =>
        {
            Interlocked.Increment(ref thrown);
            throw new InvalidOperationException("a reader that fails");
        });
        CollectionWatch.Read(() =>
        {
            Interlocked.Increment(ref going);
            return !done.IsCancellationRequested;
        });
        for (int i = 0; i < 3; i++) Collect(0);
        done.Cancel();

        Assert.Equal(1, Volatile.Read(ref finished));
        Assert.Equal(1, Volatile.Read(ref thrown));
        Assert.True(Volatile.Read(ref going) >= 3, $"the reader that goes on was called {going} times");
    }
}
