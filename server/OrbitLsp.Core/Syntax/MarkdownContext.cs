using System.Buffers;
using System.Collections.Immutable;
using OrbitLsp.Core.Text;

namespace OrbitLsp.Core.Syntax;

public enum ContextKind
{
    CodeFence,
    HtmlComment,
}

/// <summary>A stretch of the note's Markdown that changes what a review block there does.</summary>
public readonly record struct ContextRegion(ContextKind Kind, TextSpan Span);

/// <summary>
/// Finds fenced code blocks and HTML comments in a note's body. Hugo replaces every shortcode
/// (with its inner text) by a placeholder before Markdown is read, so the spans of review blocks
/// are opaque here: a fence written inside a block opens nothing.
/// </summary>
public static class MarkdownContext
{
    public static ImmutableArray<ContextRegion> Scan(string text, LineMap lines, int bodyStart, IReadOnlyList<TextSpan> opaque)
    {
        var regions = ImmutableArray.CreateBuilder<ContextRegion>();
        int opaqueIndex = 0;
        char fenceChar = '\0';
        int fenceLength = 0, fenceStart = -1, commentStart = -1;

        int nextMark = -1; // the next '`', '~' or "<!--" at or after the current line, or int.MaxValue
        for (int line = lines.GetLine(bodyStart); line < lines.LineCount; line++)
        {
            // Only a line holding what could open or close something needs reading: a fence
            // character (fences open and close at a line's start), "<!--" or, in a comment, "-->".
            // The next such place is found with one vectorised search and the lines before it are
            // skipped (on a large note, reading every line's start cost more than the rest). One
            // search finds both fence characters and comments: on a note larger than the caches
            // each search over the text reads it from memory again.
            int from = Math.Max(lines.LineStart(line), bodyStart);
            int next;
            if (fenceStart >= 0) next = IndexOrMax(text.IndexOf(fenceChar, from));
            else if (commentStart >= 0) next = IndexOrMax(text.IndexOf("-->", from, StringComparison.Ordinal));
            else
            {
                if (nextMark < from) nextMark = NextMark(text, from);
                next = nextMark;
            }
            if (next == int.MaxValue) break;
            int nextLine = lines.GetLine(next);
            if (nextLine > line) line = nextLine;

            int ls = Math.Max(lines.LineStart(line), bodyStart);
            int le = lines.LineEnd(line, text);
            while (opaqueIndex < opaque.Count && opaque[opaqueIndex].End <= ls) opaqueIndex++;
            int p = ls;
            // Skip the part of the line covered by a review block; the lines a block covers whole
            // are skipped in one step (on a large note most lines are inside blocks).
            if (opaqueIndex < opaque.Count && opaque[opaqueIndex].Start <= ls)
            {
                if (opaque[opaqueIndex].End >= le)
                {
                    // Every line up to the one the block ends on is covered whole; that one too
                    // when the block ends at its end.
                    int last = lines.GetLine(opaque[opaqueIndex].End);
                    int resume = lines.LineEnd(last, text) <= opaque[opaqueIndex].End ? last + 1 : last;
                    if (resume > line + 1) line = resume - 1;
                    continue;
                }
                p = opaque[opaqueIndex].End;
            }
            if (fenceStart >= 0)
            {
                if (p == ls && IsClosingFence(text, ls, le, fenceChar, fenceLength))
                {
                    regions.Add(new ContextRegion(ContextKind.CodeFence, TextSpan.FromBounds(fenceStart, le)));
                    fenceStart = -1;
                }
                continue;
            }
            if (commentStart < 0 && p == ls && TryOpenFence(text, ls, le, out fenceChar, out fenceLength))
            {
                fenceStart = ls;
                continue;
            }
            // Comments: may open and close several times on one line, and span lines. Read between
            // the calls and blocks on the line, each of them skipped (found by fuzzing: after a call
            // at the line's start, a "<!--" inside a block further on opened a comment).
            while (true)
            {
                while (opaqueIndex < opaque.Count && opaque[opaqueIndex].End <= p) opaqueIndex++;
                bool before = opaqueIndex < opaque.Count && opaque[opaqueIndex].Start < le;
                int limit = before ? Math.Max(p, opaque[opaqueIndex].Start) : le;
                while (p < limit)
                {
                    if (commentStart >= 0)
                    {
                        int close = text.IndexOf("-->", p, limit - p, StringComparison.Ordinal);
                        if (close < 0) break;
                        regions.Add(new ContextRegion(ContextKind.HtmlComment, TextSpan.FromBounds(commentStart, close + 3)));
                        commentStart = -1;
                        p = close + 3;
                    }
                    else
                    {
                        int open = text.IndexOf("<!--", p, limit - p, StringComparison.Ordinal);
                        if (open < 0) break;
                        commentStart = open;
                        p = open + 4;
                    }
                }
                // A block running on past the line: the lines it covers are skipped above.
                if (!before || opaque[opaqueIndex].End >= le) break;
                p = opaque[opaqueIndex].End;
            }
        }
        if (fenceStart >= 0) regions.Add(new ContextRegion(ContextKind.CodeFence, TextSpan.FromBounds(fenceStart, text.Length)));
        if (commentStart >= 0) regions.Add(new ContextRegion(ContextKind.HtmlComment, TextSpan.FromBounds(commentStart, text.Length)));
        regions.Sort((a, b) => a.Span.Start.CompareTo(b.Span.Start));
        return regions.ToImmutable();
    }

    private static readonly SearchValues<char> MarkChars = SearchValues.Create("`~<");

    /// <summary>A search's result, with "not found" as beyond everything.</summary>
    private static int IndexOrMax(int index) => index < 0 ? int.MaxValue : index;

    /// <summary>The next fence character or "&lt;!--" at or after <paramref name="from"/>, or int.MaxValue.</summary>
    private static int NextMark(string text, int from)
    {
        while (true)
        {
            int found = text.AsSpan(from).IndexOfAny(MarkChars);
            if (found < 0) return int.MaxValue;
            int at = from + found;
            if (text[at] != '<' || text.AsSpan(at).StartsWith("<!--", StringComparison.Ordinal)) return at;
            from = at + 1;
        }
    }

    /// <summary>The region holding the offset, if any.</summary>
    /// <remarks>
    /// <see cref="Scan"/> opens a region only when none is open, so its regions do not overlap: the
    /// one that can hold the offset is the last one starting at or before it, found by a binary
    /// search (a search from the first region, once for each block, grew with the square of a note's size).
    /// </remarks>
    public static ContextRegion? At(ImmutableArray<ContextRegion> regions, int offset)
    {
        int lo = 0, hi = regions.Length; // the first region starting after the offset lies in [lo, hi]
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (regions[mid].Span.Start > offset) hi = mid;
            else lo = mid + 1;
        }
        return lo > 0 && regions[lo - 1].Span.Contains(offset) ? regions[lo - 1] : null;
    }

    /// <summary>
    /// True when the offset's line is an indented code block: indented four columns or more
    /// after a blank line (or after another such line), and not the continuation of a list item.
    /// </summary>
    public static bool IsIndentedCode(string text, LineMap lines, int offset, int bodyStart)
    {
        int line = lines.GetLine(offset);
        if (Indent(text, lines, line) < 4) return false;
        int bodyLine = lines.GetLine(bodyStart);
        int prev = line - 1;
        if (prev < bodyLine) return true;
        if (!IsBlank(text, lines, prev)) return false;
        while (prev >= bodyLine && (IsBlank(text, lines, prev) || Indent(text, lines, prev) >= 4)) prev--;
        if (prev < bodyLine) return true;
        // After a list item, an indented line continues the item: it is not code.
        bool listItem = IsListItem(text.AsSpan(lines.LineStart(prev), lines.LineEnd(prev, text) - lines.LineStart(prev)));
        return !listItem && Indent(text, lines, prev) < 2;
    }

    /// <summary>
    /// Whether a line (without its break) starts a list item, as <see cref="IsIndentedCode"/> asks
    /// of the line before an indented one. With its blankness and indentation, all that the
    /// Markdown reading of other lines looks at on a line of prose.
    /// </summary>
    public static bool IsListItem(ReadOnlySpan<char> line)
    {
        var content = line.TrimStart();
        return content.Length >= 2 && (content[0] is '-' or '*' or '+') && content[1] == ' '
            || content.Length >= 3 && char.IsAsciiDigit(content[0]) && (content.IndexOf(". ") is > 0 and < 10 || content.IndexOf(") ") is > 0 and < 10);
    }

    private static int Indent(string text, LineMap lines, int line)
    {
        int columns = 0;
        for (int p = lines.LineStart(line), end = lines.LineEnd(line, text); p < end; p++)
        {
            if (text[p] == ' ') columns++;
            else if (text[p] == '\t') columns += 4 - columns % 4;
            else return columns;
        }
        return 0; // a blank line has no indentation that counts
    }

    private static bool IsBlank(string text, LineMap lines, int line) =>
        text.AsSpan(lines.LineStart(line), lines.LineEnd(line, text) - lines.LineStart(line)).IsWhiteSpace();

    // NOTE: any indentation is accepted before a fence, so fences inside list items count; an
    // indented code block that starts with ``` is rare enough to take the other way.
    private static bool TryOpenFence(string text, int ls, int le, out char fenceChar, out int length)
    {
        fenceChar = '\0';
        length = 0;
        int p = ls;
        while (p < le && (text[p] == ' ' || text[p] == '\t')) p++;
        if (p >= le || (text[p] != '`' && text[p] != '~')) return false;
        char c = text[p];
        int run = p;
        while (run < le && text[run] == c) run++;
        if (run - p < 3) return false;
        if (c == '`' && text.IndexOf('`', run, le - run) >= 0) return false; // info string may not hold backticks
        fenceChar = c;
        length = run - p;
        return true;
    }

    private static bool IsClosingFence(string text, int ls, int le, char fenceChar, int length)
    {
        int p = ls;
        while (p < le && (text[p] == ' ' || text[p] == '\t')) p++;
        int run = p;
        while (run < le && text[run] == fenceChar) run++;
        if (run - p < length) return false;
        while (run < le && (text[run] == ' ' || text[run] == '\t')) run++;
        return run == le;
    }
}
