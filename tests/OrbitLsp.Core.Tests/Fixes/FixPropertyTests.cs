using CsCheck;
using OrbitLsp.Core.Analysis;
using OrbitLsp.Core.Ide.Fixes;

namespace OrbitLsp.Core.Tests.Fixes;

/// <summary>Whatever the note, fixes never throw, stay inside the text, and fix-all ends where nothing safe is left.</summary>
public class FixPropertyTests
{
    [Fact]
    public void Every_fix_of_any_note_applies_cleanly()
    {
        PropertyTests.Note.Sample(text =>
        {
            var analysis = NoteAnalyzer.Analyze(text);
            foreach (var d in analysis.Diagnostics)
                foreach (var fix in CodeFixes.For(analysis, d.Span))
                    TextEdits.Apply(text, fix.Edits); // throws on an edit outside the text or overlapping another
        }, iter: 1500);
    }

    [Fact]
    public void Fix_all_of_any_note_leaves_nothing_for_a_second_fix_all()
    {
        PropertyTests.Note.Sample(text =>
        {
            var analysis = NoteAnalyzer.Analyze(text);
            var edits = CodeFixes.FixAll(analysis);
            string fixedText = TextEdits.Apply(text, edits);
            FixAllTests.AssertUnchangedOutside(text, edits, fixedText);
            Assert.Empty(CodeFixes.FixAll(NoteAnalyzer.Analyze(fixedText)));
        }, iter: 1500);
    }
}
