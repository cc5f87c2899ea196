using OrbitLsp.Core.Analysis;
using OrbitLsp.Core.Cards;
using OrbitLsp.Core.Ide.Fixes;

namespace OrbitLsp.Core.Tests.Fixes;

/// <summary>examples/misalignment.md after fix-all publishes the cards its author meant.</summary>
public class MisalignmentFixTests
{
    private static (NoteAnalysis Before, NoteAnalysis After) Fixed()
    {
        string text = File.ReadAllText(Path.Combine(Snapshot.RepoRoot, "examples", "misalignment.md"));
        var before = NoteAnalyzer.Analyze(text);
        return (before, NoteAnalyzer.Analyze(TextEdits.Apply(text, CodeFixes.FixAll(before))));
    }

    [Fact]
    public void No_card_is_unanswered_or_shifted_after_fix_all()
    {
        var (_, after) = Fixed();
        Assert.DoesNotContain(after.Diagnostics, d => d.Code is "OL001" or "OL002" or "OL003" or "OL005" or "OL028");
        var cards = CardExtractor.Extract(after);
        Assert.All(cards, c => Assert.NotEqual("", c.Answer));
        Assert.All(cards, c => Assert.Null(c.SourcePrompt.ShiftedBy));
    }

    [Fact]
    public void No_card_is_published_twice_after_fix_all()
    {
        var cards = CardExtractor.Extract(Fixed().After);
        Assert.Equal(cards.Length, cards.Select(c => (c.Question, c.Answer)).Distinct().Count());
    }

    [Fact]
    public void The_third_block_publishes_the_pairs_as_the_author_wrote_them()
    {
        var third = CardExtractor.Extract(Fixed().After).Where(c => c.Block == 2).Select(c => (c.Question, c.Answer)).ToList();
        const string tuning = "A hyper-parameter tuning algorithm is used to tune the learning rate for gradient descent for image classification neural networks.";
        const string descent = "A gradient descent algorithm is used to optimize a neural network. The final chosen neural network is itself an optimizer.";
        Assert.Equal(
        [
            ("Roughly speaking, a ___ is an optimizer that optimizes optimizers", "Meta-optimizer."),
            ("In the example of evolution, what was the base optimizer and what was the mesa optimizer?",
                "Evolution is a base optimizer (optimizing for genetic fitness) and humans (for example) are a mesa optimizer."),
            (tuning + " Is the hyper-parameter tuning algorithm a meta-optimizer or a mesa-optimizer (or neither)?\"", "A meta-optimizer"),
            (tuning + " Is the resulting gradient descent algorithm a meta-optimizer or a mesa-optimizer (or neither)?", "Neither. It is just an optimizer."),
            (descent + " Is the gradient descent algorithm a meta-optimizer or a mesa-optimizer (or neither)?", "Neither. It is the base optimizer."),
            (descent + " Is the resulting neural network a meta-optimizer or a mesa-optimizer (or neither)?", "A mesa-optimizer."),
        ], third);
    }

    [Fact]
    public void The_other_blocks_keep_their_cards()
    {
        var (before, after) = Fixed();
        var kept = CardExtractor.Extract(before).Where(c => c.Block != 2).Select(c => (c.Block, c.Question, c.Answer));
        var now = CardExtractor.Extract(after).Where(c => c.Block != 2).Select(c => (c.Block, c.Question, c.Answer));
        Assert.Equal(kept, now);
    }
}
