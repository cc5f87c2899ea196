using System.Text;
using OrbitLsp.Core.Analysis;
using OrbitLsp.Core.Cards;
using OrbitLsp.Core.Model;
using OrbitLsp.Core.Tests.Ide;

namespace OrbitLsp.Core.Tests;

/// <summary>Cards of the blocks asked for: the same as the whole note gives them, at a cost that does not grow with the blocks skipped.</summary>
public sealed class CardExtractorTests
{
    [Fact]
    public void Each_block_asked_for_alone_gets_the_cards_and_problems_the_whole_note_gives_it()
    {
        var random = new Random(7);
        for (int n = 0; n < 200; n++)
        {
            // Several generated notes one after another: problems that start in one block's text
            // and reach into the next, blocks with none, hidden and broken blocks.
            var text = string.Concat(Enumerable.Range(0, 4).Select(_ => GeneratedNotes.Note(random) + "\n\n"));
            var analysis = NoteAnalyzer.Analyze(text);
            var all = CardExtractor.Extract(analysis);
            foreach (var block in analysis.Document.Blocks)
            {
                var alone = CardExtractor.Extract(analysis, b => ReferenceEquals(b, block));
                var expected = all.Where(c => ReferenceEquals(c.SourceBlock, block)).ToList();
                Assert.Equal(expected.Count, alone.Length);
                for (int i = 0; i < alone.Length; i++)
                {
                    Assert.Equal(expected[i].Span, alone[i].Span);
                    Assert.Equal(expected[i].Block, alone[i].Block);
                    Assert.Equal(expected[i].Problems.ToArray(), alone[i].Problems.ToArray());
                }
            }
        }
    }

    [Fact]
    public void Asking_for_one_block_costs_no_more_memory_in_a_note_of_two_thousand_blocks_than_in_one_of_twenty()
    {
        // A hover asks for the cards of the block under the cursor. A lambda in the loop over the
        // blocks that captured the block made one closure per block, those skipped too: 13 KB a
        // hover in a 1 MB note of 541 blocks, the half of all it allocated.
        long few = AllocatedAskingForTheMiddleBlock(ManyBlocks(20));
        long many = AllocatedAskingForTheMiddleBlock(ManyBlocks(2000));
        Assert.True(many < few + 1024, $"one block of 2,000 cost {many:N0} bytes, of 20 {few:N0}");
    }

    private static NoteAnalysis ManyBlocks(int count)
    {
        var sb = new StringBuilder("Intro.\n\n");
        for (int i = 0; i < count; i++)
        {
            sb.Append("{{< orbit_review color=\"blue\" >}}\n");
            sb.Append($"Question {i}?\nAnswer {i}\n");
            // Every tenth block has an unanswered prompt: diagnostics all through the note.
            if (i % 10 == 0) sb.Append($"Unanswered {i}?\n");
            sb.Append("{{< /orbit_review >}}\n\nProse between blocks.\n\n");
        }
        return NoteAnalyzer.Analyze(sb.ToString());
    }

    private static long AllocatedAskingForTheMiddleBlock(NoteAnalysis analysis)
    {
        ReviewBlock middle = analysis.Document.Blocks[analysis.Document.Blocks.Length / 2];
        Func<ReviewBlock, bool> filter = b => ReferenceEquals(b, middle);
        Assert.NotEmpty(CardExtractor.Extract(analysis, filter));
        long before = GC.GetAllocatedBytesForCurrentThread();
        var cards = CardExtractor.Extract(analysis, filter);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.NotEmpty(cards);
        return allocated;
    }
}
