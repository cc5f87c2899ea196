using OrbitLsp.Core.Analysis;
using OrbitLsp.Core.Ide;
using OrbitLsp.Core.Text;

namespace OrbitLsp.Core.Tests.Ide;

/// <summary>Selection ranges: fixtures with a <c>$0</c> cursor and the chain of spans next to them, and invariants on every note.</summary>
public class SelectionRangeTests
{
    public static TheoryData<string> SelectionFixtures() => IdeFixtures.In("selection");

    public static TheoryData<string> AllNotes() => IdeFixtures.AllNotes();

    [Theory]
    [MemberData(nameof(SelectionFixtures))]
    public void Selection_ranges_grow_from_the_word_to_the_whole_note(string fixture)
    {
        var (text, offset) = IdeFixtures.WithCursor(fixture);
        var analysis = NoteAnalyzer.Analyze(text);
        var dump = string.Concat(SelectionRanges.For(analysis, offset).Select(s => IdeFixtures.Describe(text, analysis.Document.Lines, s) + "\n"));
        IdeFixtures.Check(fixture, "selection", dump);
    }

    [Theory]
    [MemberData(nameof(AllNotes))]
    public void Selection_ranges_grow_strictly_and_end_with_the_whole_note(string fixture)
    {
        var analysis = IdeFixtures.Analyze(fixture);
        string text = analysis.Document.Text;
        for (int offset = 0; offset <= text.Length; offset += Math.Max(1, text.Length / 40))
        {
            var chain = SelectionRanges.For(analysis, offset);
            Assert.Equal(new TextSpan(0, text.Length), chain[^1]);
            for (int i = 1; i < chain.Length; i++) Assert.True(chain[i].Contains(chain[i - 1]) && chain[i] != chain[i - 1]);
            Assert.All(chain, s => Assert.True(s.Touches(offset)));
        }
    }
}
