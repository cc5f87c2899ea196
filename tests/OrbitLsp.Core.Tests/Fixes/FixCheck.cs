using OrbitLsp.Core.Analysis;
using OrbitLsp.Core.Ide.Fixes;
using OrbitLsp.Core.Text;

namespace OrbitLsp.Core.Tests.Fixes;

/// <summary>
/// One check per fix: a note with a <c>$0</c> cursor, the title of the fix expected there, and the
/// note after applying it. Notes are written with '\n' and turned into CRLF only when a test says so.
/// </summary>
internal static class FixCheck
{
    public static CodeFix Apply(string note, string title, string expected, bool safe)
    {
        var (analysis, cursor) = Analyze(note);
        var fixes = CodeFixes.For(analysis, new TextSpan(cursor, 0));
        var fix = fixes.FirstOrDefault(f => f.Title == title);
        Assert.True(fix is not null, $"No fix '{title}' at the cursor. Offered:\n  {string.Join("\n  ", fixes.Select(f => f.Title))}");
        Assert.Equal(expected, TextEdits.Apply(analysis.Document.Text, fix.Edits));
        Assert.True(safe == fix.IsSafe, $"'{title}' should {(safe ? "" : "not ")}be safe for fix-all.");
        return fix;
    }

    public static void NotOffered(string note, string titleStart)
    {
        var (analysis, cursor) = Analyze(note);
        var titles = CodeFixes.For(analysis, new TextSpan(cursor, 0)).Select(f => f.Title).ToList();
        Assert.DoesNotContain(titles, t => t.StartsWith(titleStart, StringComparison.Ordinal));
    }

    public static IReadOnlyList<CodeFix> At(string note) { var (a, c) = Analyze(note); return CodeFixes.For(a, new TextSpan(c, 0)); }

    private static (NoteAnalysis, int) Analyze(string note)
    {
        int cursor = note.IndexOf("$0", StringComparison.Ordinal);
        Assert.True(cursor >= 0, "The note needs a $0 cursor.");
        return (NoteAnalyzer.Analyze(note.Remove(cursor, 2)), cursor);
    }
}
