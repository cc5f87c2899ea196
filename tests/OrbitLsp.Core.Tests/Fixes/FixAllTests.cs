using OrbitLsp.Core.Analysis;
using OrbitLsp.Core.Ide;
using OrbitLsp.Core.Ide.Fixes;
using OrbitLsp.Core.Text;

namespace OrbitLsp.Core.Tests.Fixes;

/// <summary>
/// Fix-all on every fixture and example note. What it made of each note is kept as a dump of the
/// fixed note's analysis in tests/fixtures-fixes/ (ORBITLSP_UPDATE_SNAPSHOTS=1 rewrites them).
/// </summary>
public class FixAllTests
{
    public static TheoryData<string> Fixtures() => FixtureTests.Fixtures();

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Fix_all_leaves_no_safe_fix_and_no_change_outside_the_edited_lines(string fixture)
    {
        string path = Path.Combine(Snapshot.RepoRoot, fixture);
        var (text, _) = Workspace.NoteReader.Read(path);
        if (text is null) return; // an unreadable note has nothing to fix
        var settings = new Workspace.ConfigLocator().ForNote(path)?.Settings;
        var analysis = NoteAnalyzer.Analyze(text, settings);

        var edits = CodeFixes.FixAll(analysis);
        string fixedText = TextEdits.Apply(text, edits);
        var after = NoteAnalyzer.Analyze(fixedText, settings);

        Assert.Empty(CodeFixes.FixAll(after));
        foreach (var d in after.Diagnostics)
        {
            var safe = CodeFixes.For(after, d.Span).Where(f => f.IsSafe && f.DiagnosticCode == d.Code).Select(f => f.Title).ToList();
            Assert.True(safe.Count == 0, $"{d.Code} at {d.Span} still has a safe fix after fix-all: {string.Join("; ", safe)}");
        }
        AssertUnchangedOutside(text, edits, fixedText);

        string snapshot = Path.Combine(Snapshot.RepoRoot, "tests", "fixtures-fixes", fixture + ".fixed");
        if (edits.Count == 0)
        {
            Assert.False(File.Exists(snapshot) && !Snapshot.Updating, $"{snapshot} is left over: fix-all no longer changes {fixture}.");
            if (Snapshot.Updating && File.Exists(snapshot)) File.Delete(snapshot);
            return;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(snapshot)!);
        Snapshot.Check(snapshot, Snapshot.Dump(after));
    }

    [Fact]
    public void Fix_all_on_a_clean_note_changes_nothing()
    {
        var analysis = NoteAnalyzer.Analyze("Notes.\n\n{{<orbit_review>}}\nQ?\nA.\n{{</orbit_review>}}\n");
        Assert.Empty(CodeFixes.FixAll(analysis));
    }

    [Fact]
    public void Fix_all_that_needs_two_rounds_returns_one_set_of_edits_against_the_original_text()
    {
        // The stray line and the duplicate overlap: the duplicate waits for the second round.
        string text = "Notes.\n\n{{<orbit_review>}}\nQ?\nA.\n<div>\nQ?\nA.\n{{</orbit_review>}}\n";
        var edits = CodeFixes.FixAll(NoteAnalyzer.Analyze(text));
        string fixedText = TextEdits.Apply(text, edits);
        Assert.Equal("Notes.\n\n{{<orbit_review>}}\nQ?\nA.\n{{</orbit_review>}}\n", fixedText);
        AssertUnchangedOutside(text, edits, fixedText);
    }

    /// <summary>Every line no edit touches is in the fixed text, byte for byte, where the edits before it put it.</summary>
    internal static void AssertUnchangedOutside(string text, IReadOnlyList<TextEdit> edits, string fixedText)
    {
        var lines = LineMap.Create(text);
        var sorted = edits.OrderBy(e => e.Span.Start).ToList();
        for (int line = 0; line < lines.LineCount; line++)
        {
            int start = lines.LineStart(line), end = lines.LineEndIncludingBreak(line);
            if (sorted.Any(e => e.Span.Start <= end && start <= e.Span.End)) continue;
            int shift = sorted.Where(e => e.Span.End <= start).Sum(e => e.NewText.Length - e.Span.Length);
            Assert.True(start + shift + (end - start) <= fixedText.Length && string.CompareOrdinal(fixedText, start + shift, text, start, end - start) == 0,
                $"line {line + 1} changed although no edit touches it");
        }
    }
}
