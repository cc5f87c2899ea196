using System.Text;
using OrbitLsp.Core.Analysis;
using OrbitLsp.Core.Config;
using OrbitLsp.Core.Diagnostics;
using OrbitLsp.Core.Model;
using OrbitLsp.Core.Text;

namespace OrbitLsp.Core.Tests;

/// <summary>
/// A block edit's diagnostics (<see cref="BlockEdits.Recheck"/>) against a fresh analysis of the
/// same text: on every fixture and on generated notes, runs of random edits inside each block.
/// </summary>
public class BlockEditTests
{
    public static TheoryData<string> Fixtures() => FixtureTests.Fixtures();

    // Typing and deleting as an author does, and every character that means something to the shortcode.
    private static readonly string[] Inserts =
    [
        "a", "e", " ", "?", ".", "*", "**", "$", "$$", "\"", "\t", "\u00A0", "<b>", "</b>", "<", ">", "{", "}", "{{", "<!", "--",
        "<!--", "-->", "😀", "\\", "`", "%", "orbitlsp-disable-line", "What is it?", "  ", "\r", "\n", "x\ny",
    ];

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Block_edits_equal_a_fresh_analysis_on_every_fixture(string fixture)
    {
        string path = Path.Combine(Snapshot.RepoRoot, fixture);
        var (text, _) = Workspace.NoteReader.Read(path);
        if (text is null) return;
        var settings = new Workspace.ConfigLocator().ForNote(path)?.Settings;
        _ = Check(text, settings, new Random(fixture.Length * 7919 + text.Length), runs: 12);
    }

    [Fact]
    public void Block_edits_equal_a_fresh_analysis_on_generated_notes()
    {
        var random = new Random(20261127);
        int checkedEdits = 0, linesMoved = 0;
        for (int i = 0; i < 400; i++)
        {
            var (all, moved) = Check(Ide.GeneratedNotes.Note(random), null, random, runs: 4);
            checkedEdits += all;
            linesMoved += moved;
        }
        Assert.True(checkedEdits > 1000 && linesMoved > 100, $"only {checkedEdits} edits qualified, {linesMoved} of them adding or removing lines");
    }

    [Fact]
    public void Typing_a_question_in_a_large_note_is_a_block_edit_all_along()
    {
        string note = string.Concat(Enumerable.Range(0, 50).Select(i =>
            $"Text {i}.\n\n{{{{<orbit_review>}}}}\nQuestion {i}?\nAnswer {i}.\n\nSame question?\nSame answer.\n{{{{</orbit_review>}}}}\n\n"));
        var basis = NoteAnalyzer.Analyze(note);
        int at = note.IndexOf("Question 20?", StringComparison.Ordinal) + "Question 20".Length;
        var block = BlockEdits.BlockFor(basis, at, at);
        Assert.NotNull(block);
        string text = note;
        var lines = basis.Document.Lines;
        int delta = 0;
        foreach (char c in " and what else")
        {
            Assert.True(BlockEdits.Qualifies("", c.ToString(), "Question 20 and what else?"));
            lines = lines.WithEdit(text, at, at, c.ToString())!;
            text = text.Insert(at, c.ToString());
            at++;
            delta++;
            var quick = BlockEdits.Recheck(basis, block, text, lines, delta);
            Assert.NotNull(quick);
            AssertSame(NoteAnalyzer.Analyze(text).Diagnostics, quick.Value, text);
            AssertSameFromWindow(basis, block, text, lines, delta, quick.Value);
        }
        // The other blocks' duplicates are still found, after the edited block too.
        Assert.Equal(49, BlockEdits.Recheck(basis, block, text, lines, delta)!.Value.Count(d => d.Code == "OL028"));
    }

    [Fact]
    public void A_line_added_before_a_block_whose_question_shift_names_lines_reads_the_whole_note()
    {
        string note = "Text.\n\n{{<orbit_review>}}\nWhat is a?\nA.\n{{</orbit_review>}}\n\n{{<orbit_review>}}\n"
            + "Which planet is the largest?\nJupiter.\nWhich planet is closest to the Sun?\nWhich planet has the longest day?\nVenus.\n"
            + "Which planet has the most moons?\nSaturn.\nA note to self\nWhich planet spins on its side?\nUranus.\n{{</orbit_review>}}\n";
        var basis = NoteAnalyzer.Analyze(note);
        Assert.Contains(basis.Diagnostics, d => d.Code == "OL008");
        int at = note.IndexOf("A.", StringComparison.Ordinal) + 2;
        var block = BlockEdits.BlockFor(basis, at, at);
        Assert.NotNull(block);

        // Typed on a line: the later block keeps its lines and its message.
        string typed = note.Insert(at, "x");
        var quick = BlockEdits.Recheck(basis, block, typed, basis.Document.Lines.WithEdit(note, at, at, "x")!, 1);
        Assert.NotNull(quick);
        AssertSame(NoteAnalyzer.Analyze(typed).Diagnostics, quick.Value, typed);

        // A line added: the later block's message names lines that moved, so the whole note is read.
        string entered = note.Insert(at, "\nB.");
        Assert.Null(BlockEdits.Recheck(basis, block, entered, LineMap.Create(entered), 3));
    }

    [Fact]
    public void Edits_that_could_change_the_structure_do_not_qualify()
    {
        Assert.True(BlockEdits.Qualifies("", "\n", "Q?\nA."));
        Assert.True(BlockEdits.Qualifies("\n", "", "Q?A."));
        Assert.False(BlockEdits.Qualifies("", "\r\n", "Q?\r\nA."));
        Assert.False(BlockEdits.Qualifies("\r\n", "", "Q?A."));
        Assert.False(BlockEdits.Qualifies("", "x\n{{<", "Q?x\n{{<"));
        Assert.False(BlockEdits.Qualifies("", "<", "Q?{{<"));
        Assert.False(BlockEdits.Qualifies("", "-", "Q? <!--"));
        Assert.True(BlockEdits.Qualifies("b", "<i>", "a <i> c"));

        var analysis = NoteAnalyzer.Analyze("Text.\n\n{{<orbit_review>}}\nQ?\nA.\n{{</orbit_review>}}\n\n```\n{{<orbit_review>}}\nQ?\n{{</orbit_review>}}\n```\n");
        Assert.NotNull(BlockEdits.BlockFor(analysis, 27, 27));
        Assert.Null(BlockEdits.BlockFor(analysis, 9, 9)); // in the opening tag
        int inFence = analysis.Document.Text.LastIndexOf("Q?", StringComparison.Ordinal);
        Assert.Null(BlockEdits.BlockFor(analysis, inFence, inFence)); // the fenced block is a code example
    }

    /// <summary>Runs of random edits inside random blocks; each qualifying one checked. Returns how many were, and how many of them moved lines.</summary>
    private static (int Checked, int LinesMoved) Check(string original, RuleSettings? settings, Random random, int runs)
    {
        var basis = NoteAnalyzer.Analyze(original, settings);
        var candidates = basis.Document.Blocks.Where(b => b.Form == BlockForm.Shortcode && b.InnerSpan.Length > 0).ToList();
        int checkedEdits = 0, linesMoved = 0;
        for (int run = 0; run < runs && candidates.Count > 0; run++)
        {
            var first = candidates[random.Next(candidates.Count)];
            string text = original;
            var lines = basis.Document.Lines;
            ReviewBlock? block = null;
            int delta = 0;
            for (int step = 0; step < 8; step++)
            {
                // A position in the block's inner text as it is now.
                int innerStart = first.InnerSpan.Start, innerEnd = first.InnerSpan.End + delta;
                int start = random.Next(innerStart, innerEnd + 1);
                int line = lines.GetLine(start);
                int lineEnd = Math.Min(lines.LineEnd(line, text), innerEnd);
                if (start > lineEnd) break;
                // Mostly within the line; now and then across line breaks (a deleted line, joined lines).
                int end = random.Next(4) != 0 ? start
                    : random.Next(3) == 0 ? Math.Min(innerEnd, start + random.Next(1, 40))
                    : Math.Min(lineEnd, start + random.Next(1, 6));
                string insert = random.Next(5) == 0 ? "" : Inserts[random.Next(Inserts.Length)];
                block ??= BlockEdits.BlockFor(basis, start, end);
                if (block is null) break;
                if (start > 0 && text[start - 1] == '\r' || end < text.Length && text[end] == '\n' && end > start && text[end - 1] == '\r') break;
                string next = string.Concat(text.AsSpan(0, start), insert, text.AsSpan(end));
                var newLines = lines.WithEdit(text, start, end, insert) ?? LineMap.Create(next);
                if (!BlockEdits.Qualifies(text.AsSpan(start, end - start), insert, BlockEdits.EditedLines(next, newLines, start, insert.Length))) break;
                text = next;
                lines = newLines;
                delta += insert.Length - (end - start);
                var fresh = LineMap.Create(text);
                Assert.Equal(fresh.LineCount, lines.LineCount);
                for (int l = 0; l < fresh.LineCount; l++)
                    Assert.True(fresh.LineStart(l) == lines.LineStart(l), $"line {l} starts at {fresh.LineStart(l)}, not {lines.LineStart(l)}, after '{insert}' at {start}..{end}");
                // Null only when the edit moved lines and a later block's message names a line: then the whole note is read.
                if (BlockEdits.Recheck(basis, block, text, lines, delta) is not { } quick)
                {
                    Assert.NotEqual(basis.Document.Lines.LineCount, lines.LineCount);
                    break;
                }
                AssertSame(NoteAnalyzer.Analyze(text, settings).Diagnostics, quick, text);
                AssertSameFromWindow(basis, block, text, lines, delta, quick);
                checkedEdits++;
                if (lines.LineCount != basis.Document.Lines.LineCount) linesMoved++;
            }
        }
        return (checkedEdits, linesMoved);
    }

    /// <summary>
    /// When no line was added or removed, the block's lines alone (<see cref="BlockEdits.WindowOf"/>)
    /// give what the whole text gave; with lines moved, the window is refused.
    /// </summary>
    private static void AssertSameFromWindow(NoteAnalysis basis, ReviewBlock block, string text, LineMap lines, int delta, IReadOnlyList<NoteDiagnostic> whole)
    {
        var window = BlockEdits.WindowOf(block, lines, delta);
        var fromWindow = BlockEdits.Recheck(basis, block, text.Substring(window.Start, window.Length), window.Start, lines, delta);
        if (lines.LineCount != basis.Document.Lines.LineCount)
        {
            Assert.True(window.Start == 0 || fromWindow is null);
            return;
        }
        Assert.NotNull(fromWindow);
        AssertSame(whole, fromWindow.Value, text);
    }

    private static void AssertSame(IReadOnlyList<NoteDiagnostic> expected, IReadOnlyList<NoteDiagnostic> actual, string text)
    {
        string Show(IReadOnlyList<NoteDiagnostic> list)
        {
            var sb = new StringBuilder();
            foreach (var d in list)
            {
                sb.Append($"{d.Code} {d.Severity} {d.Span} {d.Message}");
                foreach (var r in d.Related) sb.Append($" | {r.Span} {r.Message} {r.File} {r.Range}");
                sb.Append('\n');
            }
            return sb.ToString();
        }
        string want = Show(expected), got = Show(actual);
        Assert.True(want == got, $"block edit differs from a fresh analysis.\nexpected:\n{want}\nactual:\n{got}\ntext:\n{text}");
    }
}
