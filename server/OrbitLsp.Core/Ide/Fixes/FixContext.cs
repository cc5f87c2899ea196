using OrbitLsp.Core.Analysis;
using OrbitLsp.Core.Model;
using OrbitLsp.Core.Syntax;
using OrbitLsp.Core.Text;

namespace OrbitLsp.Core.Ide.Fixes;

/// <summary>The analysed note seen line by line, with the edits fixes are made of.</summary>
internal sealed class FixContext(NoteAnalysis analysis)
{
    public NoteAnalysis Analysis { get; } = analysis;
    public NoteDocument Doc => Analysis.Document;
    public string Text => Analysis.Document.Text;
    public LineMap Lines => Analysis.Document.Lines;

    /// <summary>
    /// The blocks that start at or before the offset and end at or after it, nearest start first:
    /// the blocks a diagnostic there belongs to. A binary search, not a pass over every block:
    /// fix-all asks this for every diagnostic of the note.
    /// </summary>
    public IEnumerable<ReviewBlock> BlocksAt(int offset)
    {
        var blocks = Doc.Blocks;
        int lo = 0, hi = blocks.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (blocks[mid].Span.Start <= offset) lo = mid + 1;
            else hi = mid;
        }
        for (int i = lo - 1; i >= 0; i--)
            if (blocks[i].Span.End >= offset) yield return blocks[i];
    }

    /// <summary>True when the offset lies inside a shortcode call (after its first character): text put there is part of the call.</summary>
    public bool InsideCall(int offset)
    {
        var calls = Doc.Calls;
        int lo = 0, hi = calls.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (calls[mid].Span.Start < offset) lo = mid + 1;
            else hi = mid;
        }
        return lo > 0 && calls[lo - 1].Span.End > offset;
    }

    /// <summary>
    /// The stretches a comment line cannot be put inside without changing the note, with whether
    /// each was closed: the review blocks, then the code fences and HTML comments, in order.
    /// </summary>
    public (TextSpan Span, bool Closed)[] Stretches => _stretches ??= MakeStretches();

    private (TextSpan Span, bool Closed)[]? _stretches;

    private (TextSpan Span, bool Closed)[] MakeStretches()
    {
        var stretches = new List<(TextSpan Span, bool Closed)>();
        foreach (var b in Doc.Blocks) stretches.Add((b.Span, b.IsClosed));
        foreach (var r in Doc.Regions)
            stretches.Add((r.Span, r.Span.End < Text.Length || r.Kind == ContextKind.CodeFence && LineOf(r.Span.End) > LineOf(r.Span.Start)));
        return [.. stretches];
    }

    /// <summary>Stretch <paramref name="index"/> as <paramref name="grow"/> grows it, grown once however many problems ask.</summary>
    public TextSpan? GrownStretch(int index, Func<FixContext, int, TextSpan?> grow)
    {
        _grown ??= [];
        if (!_grown.TryGetValue(index, out var grown))
        {
            _grown[index] = grown = grow(this, index);
            StretchesGrown++;
        }
        return grown;
    }

    private Dictionary<int, TextSpan?>? _grown;

    /// <summary>How many stretches <see cref="GrownStretch"/> has grown (each grows over every stretch).</summary>
    internal int StretchesGrown { get; private set; }

    public int LineOf(int offset) => Lines.GetLine(offset);
    public int LineStart(int line) => Lines.LineStart(line);
    public int LineEnd(int line) => Lines.LineEnd(line, Text);
    public int LineNumber(int offset) => LineOf(offset) + 1;

    /// <summary>The line break ending this line; for the last line, the note's usual one.</summary>
    public string BreakOf(int line)
    {
        int end = LineEnd(line), next = Lines.LineEndIncludingBreak(line);
        return next > end ? Text[end..next] : UsualBreak;
    }

    /// <summary>The first line break of the note ("\n" when it has none): new lines follow it.</summary>
    public string UsualBreak => LineMap.UsualBreak(Text);

    /// <summary>The spaces and tabs a line starts with.</summary>
    public string IndentOf(int line)
    {
        int s = LineStart(line), p = s, e = LineEnd(line);
        while (p < e && Text[p] is ' ' or '\t') p++;
        return Text[s..p];
    }

    public bool IsBlankLine(int line) => Text.AsSpan(LineStart(line), LineEnd(line) - LineStart(line)).IsWhiteSpace();

    /// <summary>Lines first..last whole, line breaks included.</summary>
    public TextEdit DeleteLines(int first, int last) =>
        new(TextSpan.FromBounds(LineStart(first), Lines.LineEndIncludingBreak(last)), "");

    /// <summary>
    /// Deletes a prompt line (or a dropped line) of a block: the whole line with its break when
    /// nothing else is on it, else only its text (it may share a line with a block's tag).
    /// </summary>
    public TextEdit DeleteRawLine(TextSpan raw)
    {
        int line = LineOf(raw.Start);
        int end = raw.End;
        while (end > raw.Start && Text[end - 1] == '\r') end--;
        // A line of nothing but '\r' (a blank line to an editor, which ends lines at '\r' too):
        // all of it goes, with the '\n' that ends it for the shortcode.
        if (end == raw.Start && raw.Length > 0)
            return new TextEdit(TextSpan.FromBounds(raw.Start, raw.End < Text.Length && Text[raw.End] == '\n' ? raw.End + 1 : raw.End), "");
        bool aloneBefore = Text.AsSpan(LineStart(line), raw.Start - LineStart(line)).IsWhiteSpace();
        bool aloneAfter = end <= LineEnd(line) && Text.AsSpan(end, LineEnd(line) - end).IsWhiteSpace();
        return aloneBefore && aloneAfter && LineOf(end) == line
            ? DeleteLines(line, line)
            : new TextEdit(TextSpan.FromBounds(raw.Start, end), "");
    }

    /// <summary>Deletes a span; when nothing but white space shares its lines, the whole lines.</summary>
    public TextEdit DeleteSpanOrLines(TextSpan span)
    {
        int first = LineOf(span.Start), last = LineOf(span.End);
        bool alone = Text.AsSpan(LineStart(first), span.Start - LineStart(first)).IsWhiteSpace()
            && span.End <= LineEnd(last) && Text.AsSpan(span.End, LineEnd(last) - span.End).IsWhiteSpace();
        return alone ? DeleteLines(first, last) : new TextEdit(span, "");
    }

    /// <summary>Inserts a new line above the given one, ending in that line's own break.</summary>
    public TextEdit InsertLineBefore(int line, string content) =>
        new(new TextSpan(LineStart(line), 0), content + BreakOf(line));

    /// <summary>Inserts a new line below the given one, keeping the note's line breaks.</summary>
    public TextEdit InsertLineAfter(int line, string content)
    {
        int next = Lines.LineEndIncludingBreak(line);
        return next > LineEnd(line)
            ? new TextEdit(new TextSpan(next, 0), content + BreakOf(line))
            : new TextEdit(new TextSpan(next, 0), UsualBreak + content);
    }

    /// <summary>A value written as a Hugo double-quoted string (only <c>\"</c> is an escape there), or null when it cannot be.</summary>
    public static string? Quoted(string value) =>
        value.Contains('\n') || value.EndsWith('\\') || value.Contains("\\\"", StringComparison.Ordinal)
            ? null
            : "\"" + value.Replace("\"", "\\\"") + "\"";
}
