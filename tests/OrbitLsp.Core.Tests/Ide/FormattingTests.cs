using System.Text;
using OrbitLsp.Core.Analysis;
using OrbitLsp.Core.Cards;
using OrbitLsp.Core.Ide;
using OrbitLsp.Core.Ide.Fixes;
using OrbitLsp.Core.Text;

namespace OrbitLsp.Core.Tests.Ide;

/// <summary>
/// Formatting never changes the cards the page gets nor the problems found, is idempotent, and a
/// range format stays on the range's lines: on every fixture, every example and generated notes.
/// </summary>
public class FormattingTests
{
    public static TheoryData<string> Notes() => IdeFixtures.NotesAndExamples();

    public static TheoryData<string> AllNotes() => IdeFixtures.AllNotes();

    [Theory]
    [MemberData(nameof(Notes))]
    public void Formatting_a_note_gives_the_expected_text(string fixture)
    {
        string text = IdeFixtures.Read(fixture);
        var edits = Formatter.Format(NoteAnalyzer.Analyze(text));
        var lines = LineMap.Create(text);
        var sb = new StringBuilder();
        foreach (var e in edits) sb.Append("edit ").Append(IdeFixtures.Describe(text, lines, e.Span)).Append(" → ").Append(IdeFixtures.Quote(e.NewText)).Append('\n');
        sb.Append("== formatted ==\n").Append(Snapshot.Visible(TextEdits.Apply(text, edits)));
        IdeFixtures.Check(fixture, "formatted", sb.ToString());
    }

    [Theory]
    [MemberData(nameof(AllNotes))]
    public void Formatting_keeps_every_card_and_problem_and_is_idempotent(string fixture)
    {
        var (text, _) = Workspace.NoteReader.Read(Path.Combine(Snapshot.RepoRoot, fixture));
        if (text is null) return; // an unreadable note (not UTF-8) has nothing to format
        AssertFormatIsSafe(text);
    }

    [Fact]
    public void Formatting_generated_notes_keeps_every_card_and_problem_and_is_idempotent()
    {
        var random = new Random(20261127);
        for (int i = 0; i < 400; i++) AssertFormatIsSafe(GeneratedNotes.Note(random));
    }

    [Fact]
    public void Formatting_a_range_only_changes_the_lines_in_the_range()
    {
        var random = new Random(5);
        int changed = 0;
        for (int i = 0; i < 300; i++)
        {
            string text = GeneratedNotes.Note(random);
            var analysis = NoteAnalyzer.Analyze(text);
            var lines = analysis.Document.Lines;
            int a = random.Next(lines.LineCount), b = random.Next(lines.LineCount);
            int first = Math.Min(a, b), last = Math.Max(a, b);
            var range = TextSpan.FromBounds(lines.LineStart(first) + (first == last ? 0 : random.Next(2)), lines.LineEnd(last, text));
            var edits = Formatter.Format(analysis, range);
            string formatted = TextEdits.Apply(text, edits);
            int from = lines.LineStart(first), to = lines.LineEndIncludingBreak(last);
            Assert.Equal(text[..from], formatted[..from]);
            Assert.Equal(text[to..], formatted[(formatted.Length - (text.Length - to))..]);
            AssertSameCards(text, formatted);
            if (edits.Length > 0) changed++;
        }
        Assert.True(changed > 20, $"only {changed} range formats changed anything: the generator is too tame");
    }

    [Theory]
    [MemberData(nameof(AllNotes))]
    public void Formatting_with_the_final_newline_settings_keeps_every_card_and_problem(string fixture)
    {
        var (text, _) = Workspace.NoteReader.Read(Path.Combine(Snapshot.RepoRoot, fixture));
        if (text is null) return;
        AssertFormatIsSafe(text, new FinalNewlines(Insert: true, TrimExtra: true));
        AssertFormatIsSafe(text + "\n\n\n", new FinalNewlines(Insert: false, TrimExtra: true));
    }

    [Theory]
    [InlineData("Text.", true, false, "Text.\n")]
    [InlineData("Text.\r\nMore.", true, false, "Text.\r\nMore.\r\n")]
    [InlineData("Text.\n", true, true, "Text.\n")]
    [InlineData("Text.\n\n\n", false, true, "Text.\n")]
    [InlineData("Text.\r\n\r\n", true, true, "Text.\r\n")]
    [InlineData("Text.\n\n", true, false, "Text.\n\n")]
    [InlineData("Text.", false, true, "Text.")]
    [InlineData("", true, true, "")]
    public void The_end_of_the_file_gets_the_line_breaks_the_editor_asks_for(string text, bool insert, bool trim, string expected)
    {
        var edits = Formatter.Format(NoteAnalyzer.Analyze(text), null, new FinalNewlines(insert, trim));
        Assert.Equal(expected, TextEdits.Apply(text, edits));
        // A range format leaves the end of the file to the whole-file format.
        Assert.Empty(Formatter.Format(NoteAnalyzer.Analyze(text), new TextSpan(0, 0), new FinalNewlines(insert, trim)));
    }

    internal static void AssertFormatIsSafe(string text, FinalNewlines finalNewlines = default)
    {
        var edits = Formatter.Format(NoteAnalyzer.Analyze(text), null, finalNewlines);
        for (int i = 1; i < edits.Length; i++) Assert.True(edits[i - 1].Span.End <= edits[i].Span.Start, "edits overlap");
        string formatted = TextEdits.Apply(text, edits);
        AssertSameCards(text, formatted);
        var again = Formatter.Format(NoteAnalyzer.Analyze(formatted), null, finalNewlines);
        Assert.True(again.IsEmpty, $"not idempotent: a second pass still edits {string.Join(", ", again.Select(e => e.Span + " " + IdeFixtures.Quote(e.NewText)))} in\n{Snapshot.Visible(formatted)}");
    }

    private static void AssertSameCards(string before, string after)
    {
        var a = NoteAnalyzer.Analyze(before);
        var b = NoteAnalyzer.Analyze(after);
        Assert.Equal(Cards(a), Cards(b));
        Assert.Equal(Codes(a), Codes(b));
        Assert.Equal(a.BuildFailure?.Code, b.BuildFailure?.Code);
    }

    private static List<string> Cards(NoteAnalysis analysis) =>
        [.. CardExtractor.Extract(analysis).Select(c => $"{c.Block}/{c.Prompt} {c.Color} Q={c.Question} A={c.Answer} hidden={c.Hidden}")];

    private static List<string> Codes(NoteAnalysis analysis) => [.. analysis.Diagnostics.Select(d => d.Code).Order(StringComparer.Ordinal)];
}
