using OrbitLsp.Core.Analysis;
using OrbitLsp.Core.Diagnostics;
using OrbitLsp.Core.Model;
using OrbitLsp.Core.Text;

namespace OrbitLsp.Core.Ide;

/// <summary>The layout of an <c>orbit_review</c> block's inner text, and when it may be changed.</summary>
internal static class BlockLayout
{
    private const LineHazards Breaking =
        LineHazards.InvisibleOnly | LineHazards.MarkupOnly | LineHazards.ShortcodeCall | LineHazards.NestedBlock | LineHazards.CarriageReturn;

    private static readonly HashSet<string> PairingCodes = ["OL001", "OL002", "OL003", "OL004", "OL005", "OL006", "OL007", "OL008", "OL010", "OL015"];

    /// <summary>
    /// True when the block's lines pair as written and nothing else lives among them, so blank
    /// lines may be moved and tags respelled. Any doubt leaves the block as it is.
    /// </summary>
    public static bool IsWellPaired(NoteAnalysis analysis, DiagnosticLookup diagnostics, ReviewBlock block)
    {
        if (!block.IsClosed || block.Close is null || block.Open is null || block.Lines.IsEmpty) return false;
        if (block.Open.SyntaxError is not null || block.Close.SyntaxError is not null) return false;
        if (block.CrlfLineCount > 0 || !block.InnerCalls.IsEmpty || !block.NestedBlocks.IsEmpty) return false;
        if (!block.DroppedLines.IsEmpty || !block.OddGroups.IsEmpty || block.Lines.Length % 2 != 0) return false;
        foreach (var line in block.Lines)
            if ((line.Hazards & Breaking) != 0) return false;
        foreach (var prompt in block.Prompts)
            if (prompt.ShiftedBy is not null || !prompt.HasAnswer) return false;
        if (analysis.Document.Text.AsSpan(block.InnerSpan.Start, block.InnerSpan.Length).Contains('\r')) return false;
        foreach (var d in diagnostics.Overlapping(block.Span))
            if (PairingCodes.Contains(d.Code)) return false;
        return true;
    }

    /// <summary>
    /// Spaces at the end of the block's lines. Only ' ' right before '\n': the shortcode trims
    /// those anyway, while a tab, a no-break space or a '\r' before them is published and must stay.
    /// Calls written inside the block are left whole (their values are theirs).
    /// </summary>
    public static IEnumerable<TextEdit> TrailingSpaceEdits(string text, ReviewBlock block)
    {
        var inner = block.InnerSpan;
        int nl = text.IndexOf('\n', inner.Start, inner.Length);
        while (nl >= 0)
        {
            int start = nl;
            while (start > inner.Start && text[start - 1] == ' ') start--;
            if (start < nl && !InsideCall(block, start)) yield return new TextEdit(TextSpan.FromBounds(start, nl), "");
            nl = nl + 1 < inner.End ? text.IndexOf('\n', nl + 1, inner.End - nl - 1) : -1;
        }
    }

    /// <summary>Trailing spaces of a well-paired block's prompt lines (its blank lines go with <see cref="GapEdits"/>).</summary>
    public static IEnumerable<TextEdit> LineEndEdits(string text, ReviewBlock block)
    {
        foreach (var line in block.Lines)
        {
            int end = line.LineSpan.End;
            while (end > line.ContentSpan.End && text[end - 1] == ' ') end--;
            if (end < line.LineSpan.End) yield return new TextEdit(TextSpan.FromBounds(end, line.LineSpan.End), "");
        }
    }

    /// <summary>
    /// For a well-paired block: the text between consecutive prompt lines becomes "\n" inside a pair
    /// and "\n\n" between pairs; the first line starts on the line after the opening tag and the
    /// closing tag on the line after the last (keeping its indentation).
    /// </summary>
    // NOTE: these edits go together or not at all. Each keeps the cards, but half of them can
    // make the author's blank-line rhythm look broken (an odd-run warning that was not there).
    public static IEnumerable<TextEdit> GapEdits(string text, ReviewBlock block)
    {
        var lines = block.Lines;
        yield return Gap(text, block.InnerSpan.Start, lines[0].LineSpan.Start, "\n", keepIndent: false);
        for (int i = 0; i + 1 < lines.Length; i++)
            yield return Gap(text, lines[i].LineSpan.End, lines[i + 1].LineSpan.Start, i % 2 == 0 ? "\n" : "\n\n", keepIndent: false);
        yield return Gap(text, lines[^1].LineSpan.End, block.InnerSpan.End, "\n", keepIndent: true);
    }

    /// <summary>
    /// The edit that makes the white space between two places <paramref name="canonical"/>, or an
    /// empty edit (dropped later) when that space holds anything but ' ' and '\n'.
    /// </summary>
    private static TextEdit Gap(string text, int start, int end, string canonical, bool keepIndent)
    {
        var gap = text.AsSpan(start, end - start);
        foreach (char c in gap)
            if (c is not (' ' or '\n')) return new TextEdit(new TextSpan(start, 0), "");
        if (keepIndent)
        {
            int lastBreak = gap.LastIndexOf('\n');
            if (lastBreak >= 0) canonical += gap[(lastBreak + 1)..].ToString();
        }
        return new TextEdit(TextSpan.FromBounds(start, end), canonical);
    }

    private static bool InsideCall(ReviewBlock block, int offset)
    {
        foreach (var call in block.InnerCalls) if (call.Span.Contains(offset)) return true;
        foreach (var nested in block.NestedBlocks) if (nested.Span.Contains(offset)) return true;
        return false;
    }
}
