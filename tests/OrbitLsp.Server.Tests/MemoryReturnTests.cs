using OrbitLsp.Core.Config;
using OrbitLsp.LanguageServer.Documents;
using OrbitLsp.LanguageServer.Protocol;

namespace OrbitLsp.Server.Tests;

/// <summary>A large note's memory is given back once, shortly after it (and any others) closed; small notes cost nothing.</summary>
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

    [Fact]
    public void A_typing_pause_makes_a_full_collection_only_after_enough_was_allocated_since_the_last()
    {
        using var never = new MemoryReturn(pauseCollectAfter: long.MaxValue);
        never.TypingPaused();
        never.TypingPaused();
        Assert.Equal(0, never.Collections);

        // The first pause counts too (from the runtime's last full collection, or the start).
        using var memory = new MemoryReturn(pauseCollectAfter: 4 << 20);
        int full = GC.CollectionCount(2);
        for (int i = 0; i < 1024; i++) GC.KeepAlive(new byte[8 << 10]);
        memory.TypingPaused();
        // Made here, or by the runtime meanwhile (other tests allocate too): either way one happened.
        Assert.True(memory.Collections == 1 || GC.CollectionCount(2) > full);
        Assert.True(GC.CollectionCount(2) > full);

        full = GC.CollectionCount(2);
        for (int i = 0; i < 1024; i++) GC.KeepAlive(new byte[8 << 10]);
        int before = memory.Collections;
        memory.TypingPaused();
        Assert.True(memory.Collections == before + 1 || GC.CollectionCount(2) > full);
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
}
