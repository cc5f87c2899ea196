using OrbitLsp.Core.Analysis;
using OrbitLsp.Core.Syntax;
using OrbitLsp.Core.Text;

namespace OrbitLsp.LanguageServer.Documents;

/// <summary>
/// Recognises the keystrokes that cannot change a note's analysis: letters and plain punctuation
/// typed or deleted inside a line of prose that no review block, shortcode call, code fence, HTML
/// comment, front matter or diagnostic touches, without changing the line's indentation or
/// blankness or whether it starts a list item. Such an edit keeps every line where it was and
/// every other line as it was, so the diagnostics (LSP ranges included) are exactly those of the
/// last analysed version; the server republishes them at once and analyses the new text in the
/// background once typing pauses (see DiagnosticsPublisher).
/// </summary>
/// <remarks>
/// NOTE: this shortcut (like the other, <see cref="BlockEdits"/>) must be exact; the typing, fuzz
/// and random-edit tests compare every result with a fresh analysis.
/// </remarks>
public static class ProseEdits
{
    /// <summary>Lines an edit must not touch to be a prose edit: everything the analysis looked at.</summary>
    public static bool[] SensitiveLines(NoteAnalysis analysis)
    {
        var doc = analysis.Document;
        var lines = doc.Lines;
        var sensitive = new bool[lines.LineCount];
        void Mark(TextSpan span)
        {
            int first = lines.GetLine(span.Start), last = lines.GetLine(span.End);
            for (int l = first; l <= last && l < sensitive.Length; l++) sensitive[l] = true;
        }
        if (doc.FrontMatter is { } frontMatter) Mark(TextSpan.FromBounds(0, Math.Min(Math.Max(frontMatter.Span.End, doc.BodyStart) + 1, doc.Text.Length)));
        foreach (var b in doc.Blocks) Mark(b.Span);
        // A call Hugo rejects: its message may name what Hugo read after it (the word after a value
        // that swallowed the delimiter, found by fuzzing), and a delimiter typed there can end it.
        foreach (var c in doc.Calls) Mark(c.SyntaxError is { } error ? TextSpan.FromBounds(c.Span.Start, Math.Max(c.Span.End, Math.Min(error.ReadTo, doc.Text.Length))) : c.Span);
        foreach (var r in doc.Regions) Mark(r.Span);
        foreach (var e in doc.OrphanHtmlPrompts) Mark(e.Span);
        foreach (var d in analysis.Diagnostics)
        {
            Mark(d.Span);
            foreach (var r in d.Related) Mark(r.Span);
        }
        return sensitive;
    }

    /// <summary>
    /// True when replacing [start, end) of <paramref name="text"/> (that is, <paramref name="removed"/>)
    /// by <paramref name="insert"/> is a prose edit with respect to the analysed lines.
    /// </summary>
    public static bool IsProseEdit(bool[] sensitiveLines, DocumentSnapshot text, int start, int end, ReadOnlySpan<char> removed, string insert)
    {
        var lines = text.Lines;
        int line = lines.GetLine(start);
        if (line >= sensitiveLines.Length || sensitiveLines[line] || lines.GetLine(end) != line) return false;
        if (!AllPlain(insert.AsSpan()) || !AllPlain(removed)) return false;
        int lineStart = lines.LineStart(line);
        int lineEnd = text.LineEnd(line);
        var content = text.Slice(lineStart, lineEnd - lineStart).AsSpan();
        // Markup characters anywhere on the line mean something may be parsed there: leave it.
        if (content.IndexOfAny(MarkupCharacters) >= 0) return false;
        // The line keeps its first visible character, so its indentation and blankness stay.
        int firstVisible = content.IndexOfAnyExcept(' ', '\t');
        if (firstVisible < 0 || start <= lineStart + firstVisible) return false;
        // What the Markdown reading of the next indented line looks at on this one: whether it is
        // blank (white space other than spaces and tabs counts too) and whether it starts a list
        // item ("- item" made "-x item" turned the indented block after it into code: found by fuzzing).
        int from = start - lineStart, to = Math.Min(end, lineEnd) - lineStart;
        string after = string.Concat(content[..from], insert, content[to..]);
        return content.IsWhiteSpace() == after.AsSpan().IsWhiteSpace() && MarkdownContext.IsListItem(content) == MarkdownContext.IsListItem(after);
    }

    private static readonly System.Buffers.SearchValues<char> MarkupCharacters =
        System.Buffers.SearchValues.Create("{}<>%`~\\|");

    private static bool AllPlain(ReadOnlySpan<char> s)
    {
        foreach (char c in s)
        {
            if (char.IsLetterOrDigit(c) || c is ' ' or '.' or ',' or ';' or ':' or '?' or '!' or '\'' or '"' or '(' or ')' or '/' or '&' or '@') continue;
            return false;
        }
        return true;
    }
}
