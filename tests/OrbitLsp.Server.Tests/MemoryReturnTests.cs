using OrbitLsp.Core.Config;
using OrbitLsp.LanguageServer.Documents;
using OrbitLsp.LanguageServer.Protocol;
using OrbitLsp.Server.Tests.Infrastructure;

namespace OrbitLsp.Server.Tests;

/// <summary>A large note's memory is given back once, shortly after it (and any others) closed; small notes cost nothing.</summary>
[Trait(TestServer.Trait, TestServer.HereOnly)]
public sealed class MemoryReturnTests
{
    [Fact]
    public async Task Closing_a_small_note_collects_nothing()
    {
        using var memory = new MemoryReturn(TimeSpan.FromMilliseconds(10));
        var store = new DocumentStore { Memory = memory };
        store.Open(new TextDocumentItem("file:///small.md", "markdown", 1, "Some prose.\n"), _ => RuleSettings.Default);
        Assert.True(store.Close("file:///small.md"));
        await Task.Delay(200);
        Assert.Equal(0, memory.Collections);
    }

    [Fact]
    public async Task Closing_large_notes_collects_once_after_the_last()
    {
        using var memory = new MemoryReturn(TimeSpan.FromMilliseconds(100));
        var store = new DocumentStore { Memory = memory };
        string large = new('x', MemoryReturn.LargeNote);
        for (int i = 0; i < 3; i++)
        {
            store.Open(new TextDocumentItem($"file:///large-{i}.md", "markdown", 1, large), _ => RuleSettings.Default);
            Assert.True(store.Close($"file:///large-{i}.md"));
        }
        Assert.False(store.Close("file:///large-0.md"));
        for (int waited = 0; memory.Collections == 0 && waited < 5000; waited += 20) await Task.Delay(20);
        await Task.Delay(300);
        Assert.Equal(1, memory.Collections);
    }

    /// <summary>
    /// The collector's counts as this test sets them: the runtime's are process-wide, and tests
    /// running at the same time allocate and collect too (this test once failed so).
    /// </summary>
    private sealed class CountedCollector : MemoryReturn.ICollector
    {
        public long AllocatedBytes { get; set; }

        public int FullCollections { get; set; }

        public int Asked { get; private set; }

        public void CollectFull()
        {
            Asked++;
            FullCollections++;
        }

        public long AllocatedSinceCollection { get; set; }

        public int YoungAsked { get; private set; }

        public void CollectYoung()
        {
            YoungAsked++;
            AllocatedSinceCollection = 0;
        }
    }

    [Fact]
    public void A_typing_pause_makes_a_full_collection_only_after_enough_was_allocated_since_the_last()
    {
        const long mb = 1 << 20;
        var never = new CountedCollector { AllocatedBytes = 100 * mb };
        using (var memory = new MemoryReturn(null, long.MaxValue, never))
        {
            memory.TypingPaused();
            memory.TypingPaused();
            Assert.Equal(0, memory.Collections);
        }
        Assert.Equal(0, never.Asked);

        var gc = new CountedCollector();
        using var pausing = new MemoryReturn(null, 4 * mb, gc);
        // The first pause counts too (from the start when the runtime has made no full collection).
        gc.AllocatedBytes = 3 * mb;
        pausing.TypingPaused();
        Assert.Equal(0, gc.Asked);
        gc.AllocatedBytes = 5 * mb;
        pausing.TypingPaused();
        Assert.Equal((1, 1), (gc.Asked, pausing.Collections));

        // From that collection on.
        gc.AllocatedBytes += 3 * mb;
        pausing.TypingPaused();
        Assert.Equal(1, gc.Asked);
        gc.AllocatedBytes += 2 * mb;
        pausing.TypingPaused();
        Assert.Equal((2, 2), (gc.Asked, pausing.Collections));

        // The runtime's own full collection, once seen, counts as the last.
        gc.AllocatedBytes += 3 * mb;
        gc.FullCollections++;
        pausing.FullCollectionSeen();
        gc.AllocatedBytes += 2 * mb;
        pausing.TypingPaused();
        Assert.Equal(2, gc.Asked);
        gc.AllocatedBytes += 2 * mb;
        pausing.TypingPaused();
        Assert.Equal((3, 3), (gc.Asked, pausing.Collections));
    }

    [Fact]
    public void A_typing_pause_counts_from_the_runtimes_own_last_full_collection()
    {
        for (int i = 0; i < 8192; i++) GC.KeepAlive(new byte[8 << 10]);
        // More than was allocated since the last full collection the runtime may have made, less
        // than since the process started.
        long threshold = GC.GetTotalAllocatedBytes() / 2;
        using var memory = new MemoryReturn(pauseCollectAfter: threshold);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        memory.TypingPaused();
        Assert.Equal(0, memory.Collections);
    }

    [Fact]
    public void A_silence_after_enough_was_allocated_collects_the_young_generations()
    {
        var gc = new CountedCollector();
        using var memory = new MemoryReturn(null, long.MaxValue, gc);
        var silent = TimeSpan.Zero;
        memory.WatchClient(() => silent);
        gc.AllocatedSinceCollection = 2 << 20;
        // The client still talking: not yet.
        silent = MemoryReturn.IdleAfter / 2;
        Assert.False(memory.IdleCheck());
        silent = MemoryReturn.IdleAfter;
        Assert.True(memory.IdleCheck());
        Assert.Equal((1, 1), (gc.YoungAsked, memory.IdleCollections));
        // Little allocated since: the next silence collects nothing.
        gc.AllocatedSinceCollection = MemoryReturn.IdleCollectAfter - 1;
        Assert.False(memory.IdleCheck());
        gc.AllocatedSinceCollection = MemoryReturn.IdleCollectAfter;
        Assert.True(memory.IdleCheck());
        Assert.Equal((2, 0), (gc.YoungAsked, gc.Asked));
    }

    [Fact]
    public async Task A_message_arms_one_look_for_the_next_silence_and_the_look_waits_while_the_client_talks()
    {
        var gc = new CountedCollector { AllocatedSinceCollection = 2 << 20 };
        using var memory = new MemoryReturn(null, long.MaxValue, gc);
        long lastMessage = Environment.TickCount64;
        bool talking = true;
        memory.WatchClient(() => talking ? TimeSpan.Zero : TimeSpan.FromMilliseconds(Environment.TickCount64 - Volatile.Read(ref lastMessage)));
        memory.ClientActive();
        // Looked at again and again while the client talks: nothing collected.
        await Task.Delay(MemoryReturn.IdleAfter * 3);
        Assert.Equal(0, gc.YoungAsked);
        Volatile.Write(ref lastMessage, Environment.TickCount64);
        talking = false;
        var deadline = DateTime.UtcNow + LspTestClient.Deadline;
        while (memory.IdleCollections == 0 && DateTime.UtcNow < deadline) await Task.Delay(20);
        Assert.Equal(1, gc.YoungAsked);
        // One look per message: a long silence collects once, however much is allocated meanwhile.
        gc.AllocatedSinceCollection = 2 << 20;
        await Task.Delay(MemoryReturn.IdleAfter * 3);
        Assert.Equal(1, gc.YoungAsked);
        memory.ClientActive();
        while (memory.IdleCollections == 1 && DateTime.UtcNow < deadline) await Task.Delay(20);
        Assert.Equal(2, gc.YoungAsked);
    }


    [Fact]
    public void A_message_or_a_look_after_the_end_arms_nothing_and_throws_nothing()
    {
        var gc = new CountedCollector { AllocatedSinceCollection = 2 << 20 };
        var memory = new MemoryReturn(null, long.MaxValue, gc);
        var silent = TimeSpan.Zero;
        memory.WatchClient(() => silent);
        memory.Dispose();
        memory.ClientActive();
        Assert.False(memory.IdleCheck());
        silent = TimeSpan.FromSeconds(1);
        Assert.False(memory.IdleCheck());
        Assert.Equal(0, gc.YoungAsked);
    }
}
