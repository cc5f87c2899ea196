using System.Text;
using OrbitLsp.Core.Text;

namespace OrbitLsp.Core.Tests.Ide;

/// <summary>
/// Fixture notes for the IDE features: <c>Ide/Fixtures/notes/*.md</c> (whole-note features, one
/// dump per feature next to each note) and cursor fixtures whose <c>$0</c> marks the offset.
/// </summary>
public static class IdeFixtures
{
    public static string Root { get; } = Path.Combine(Snapshot.RepoRoot, "tests", "OrbitLsp.Core.Tests", "Ide", "Fixtures");

    public static TheoryData<string> In(string folder, string pattern = "*.md")
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(Path.Combine(Root, folder), pattern).Order(StringComparer.Ordinal))
            data.Add(folder + "/" + Path.GetFileName(f));
        return data;
    }

    /// <summary>Every note under tests/fixtures, examples/ and Ide/Fixtures/notes, relative to the repository.</summary>
    public static TheoryData<string> AllNotes()
    {
        var data = new TheoryData<string>();
        foreach (string f in FixtureTests.Fixtures()) data.Add(f);
        foreach (string f in In("notes")) data.Add("tests/OrbitLsp.Core.Tests/Ide/Fixtures/" + f);
        return data;
    }

    /// <summary>A note of <see cref="AllNotes"/>, analysed; an unreadable one is empty.</summary>
    public static Analysis.NoteAnalysis Analyze(string note)
    {
        var (text, _) = Workspace.NoteReader.Read(Path.Combine(Snapshot.RepoRoot, note));
        return Analysis.NoteAnalyzer.Analyze(text ?? "");
    }

    /// <summary>The notes of <c>Ide/Fixtures/notes</c> and the real notes of <c>examples/</c> (as <c>examples/name.md</c>).</summary>
    public static TheoryData<string> NotesAndExamples()
    {
        var data = In("notes");
        foreach (var f in Directory.GetFiles(Path.Combine(Snapshot.RepoRoot, "examples"), "*.md").Order(StringComparer.Ordinal))
            data.Add("examples/" + Path.GetFileName(f));
        return data;
    }

    /// <summary>A fixture's text; <c>examples/…</c> is read from the repository's examples (their dumps live in <c>Fixtures/examples</c>).</summary>
    public static string Read(string fixture) =>
        File.ReadAllText(fixture.StartsWith("examples/", StringComparison.Ordinal) ? Path.Combine(Snapshot.RepoRoot, fixture) : Path.Combine(Root, fixture));

    /// <summary>The text without its <c>$0</c> marker, and the marker's offset.</summary>
    public static (string Text, int Offset) WithCursor(string fixture)
    {
        string raw = Read(fixture);
        int at = raw.IndexOf("$0", StringComparison.Ordinal);
        Assert.True(at >= 0, $"{fixture} has no $0 cursor marker");
        return (raw.Remove(at, 2), at);
    }

    /// <summary>Compares with <c>fixture + "." + kind</c>, next to the fixture.</summary>
    public static void Check(string fixture, string kind, string actual)
    {
        string path = Path.Combine(Root, fixture + "." + kind);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        Snapshot.Check(path, actual);
    }

    /// <summary>"line:column" (1-based, UTF-16) of both ends, and the text shown with invisible characters marked.</summary>
    public static string Describe(string text, LineMap lines, TextSpan span)
    {
        var r = lines.GetRange(span);
        return $"[{r.Start.Line + 1}:{r.Start.Character + 1}-{r.End.Line + 1}:{r.End.Character + 1}] {Quote(text.Substring(span.Start, span.Length))}";
    }

    public static string Quote(string s, int max = 70)
    {
        var v = Snapshot.Visible(s).Replace("\n", "⏎");
        return "\"" + (v.Length > max ? v[..max] + "…" : v) + "\"";
    }

    /// <summary>The note, line by line, with text inserted at offsets (labels sorted by offset).</summary>
    public static string Annotate(string text, IEnumerable<(int Offset, string Label)> labels)
    {
        var sorted = labels.OrderBy(l => l.Offset).ToList();
        var sb = new StringBuilder();
        int at = 0;
        foreach (var (offset, label) in sorted)
        {
            sb.Append(text, at, offset - at).Append(label);
            at = offset;
        }
        sb.Append(text, at, text.Length - at);
        return Snapshot.Visible(sb.ToString());
    }
}
