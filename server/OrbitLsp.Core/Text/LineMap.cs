namespace OrbitLsp.Core.Text;

/// <summary>
/// Maps offsets in a text to LSP positions and back. Built once per text version in one pass;
/// lookups are a binary search. Positions count UTF-16 code units, so a character outside the
/// BMP (an emoji) takes two, exactly as LSP's default position encoding does.
/// </summary>
public sealed class LineMap
{
    private readonly int[] _lineStarts;
    private readonly int _length;

    private LineMap(int[] lineStarts, int length)
    {
        _lineStarts = lineStarts;
        _length = length;
    }

    public static LineMap Create(string text)
    {
        var span = text.AsSpan();
        // Sized exactly for LF text (one vectorised count), so a large note's array is allocated
        // once: a growing list would land its copies on the large object heap.
        int crs = span.Count('\r');
        var starts = new int[span.Count('\n') + crs + 1];
        int count = 1, i = 0;
        while (i < span.Length)
        {
            int next = crs == 0 ? span[i..].IndexOf('\n') : span[i..].IndexOfAny('\r', '\n');
            if (next < 0) break;
            i += next;
            if (span[i] == '\r' && i + 1 < span.Length && span[i + 1] == '\n') i += 2;
            else i += 1;
            starts[count++] = i;
        }
        if (count < starts.Length) Array.Resize(ref starts, count);
        return new LineMap(starts, text.Length);
    }

    /// <summary>
    /// The line map of <paramref name="text"/> after [start, end) is replaced by
    /// <paramref name="insert"/>, made from this one without reading the text again; null when the
    /// edit adds, removes or splits a line break (then <see cref="Create"/> the new text's map).
    /// </summary>
    public LineMap? WithEdit(string text, int start, int end, string insert)
    {
        if (start < 0 || end < start || end > text.Length || text.Length != _length) return null;
        if (text.AsSpan(start, end - start).IndexOfAny('\r', '\n') >= 0 || insert.AsSpan().IndexOfAny('\r', '\n') >= 0) return null;
        // Next to a '\r' the edit could join or part a "\r\n".
        if (start > 0 && text[start - 1] == '\r') return null;
        int delta = insert.Length - (end - start);
        if (delta == 0) return this;
        var starts = (int[])_lineStarts.Clone();
        for (int i = GetLine(start) + 1; i < starts.Length; i++) starts[i] += delta;
        return new LineMap(starts, _length + delta);
    }

    /// <summary>The first line break of the text ("\n" when it has none): the one new lines follow.</summary>
    public static string UsualBreak(string text)
    {
        int at = text.AsSpan().IndexOfAny('\r', '\n');
        if (at < 0 || text[at] == '\n') return "\n";
        return at + 1 < text.Length && text[at + 1] == '\n' ? "\r\n" : "\r";
    }

    /// <summary>Number of lines; a text ending in a line break has an empty last line.</summary>
    public int LineCount => _lineStarts.Length;

    public int TextLength => _length;

    public int LineStart(int line) => _lineStarts[Math.Clamp(line, 0, _lineStarts.Length - 1)];

    /// <summary>Offset of the start of the line break ending this line (or the text's end).</summary>
    public int LineEnd(int line, string text)
    {
        line = Math.Clamp(line, 0, _lineStarts.Length - 1);
        int end = line + 1 < _lineStarts.Length ? _lineStarts[line + 1] : _length;
        if (end > _lineStarts[line] && end <= text.Length && line + 1 < _lineStarts.Length)
        {
            end--;
            if (text[end] == '\n' && end > _lineStarts[line] && text[end - 1] == '\r') end--;
        }
        return end;
    }

    /// <summary>Offset just past this line's line break (the next line's start), or the text's end.</summary>
    public int LineEndIncludingBreak(int line) =>
        line + 1 < _lineStarts.Length ? _lineStarts[line + 1] : _length;

    public int GetLine(int offset)
    {
        offset = Math.Clamp(offset, 0, _length);
        int index = Array.BinarySearch(_lineStarts, offset);
        return index >= 0 ? index : ~index - 1;
    }

    public TextPosition GetPosition(int offset)
    {
        offset = Math.Clamp(offset, 0, _length);
        int line = GetLine(offset);
        return new TextPosition(line, offset - _lineStarts[line]);
    }

    public TextRange GetRange(TextSpan span) => new(GetPosition(span.Start), GetPosition(span.End));

    /// <summary>
    /// The offset of a position. A character past the line's end is clamped to the end of the
    /// line (before its break), as LSP asks; a line past the last is clamped to the text's end.
    /// Use <see cref="TryGetOffset"/> to reject such positions instead.
    /// </summary>
    public int GetOffset(TextPosition position, string text)
    {
        if (position.Line < 0) return 0;
        if (position.Line >= _lineStarts.Length) return _length;
        int start = _lineStarts[position.Line];
        int end = LineEnd(position.Line, text);
        return Math.Clamp(start + Math.Max(0, position.Character), start, end);
    }

    /// <summary>
    /// The offset of a position that must lie inside the text: false for a negative value, a line
    /// past the last or a character past the line's end (the line break excluded).
    /// </summary>
    public bool TryGetOffset(TextPosition position, string text, out int offset)
    {
        offset = 0;
        if (position.Line < 0 || position.Character < 0 || position.Line >= _lineStarts.Length) return false;
        int start = _lineStarts[position.Line];
        int end = LineEnd(position.Line, text);
        if (start + position.Character > end) return false;
        offset = start + position.Character;
        return true;
    }
}
