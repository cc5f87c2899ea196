using System.Buffers;

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

    /// <summary>The note's line number of this map's first line: 0, except for a <see cref="Window"/>.</summary>
    private readonly int _firstLine;

    /// <summary>
    /// Lines after this index start <see cref="_shift"/> later than <see cref="_lineStarts"/> says:
    /// edits typed on one line share the array of the map they were typed on (for a large note a
    /// copy per keystroke would be a large object each time). int.MaxValue when none.
    /// </summary>
    private readonly int _shiftAfter;
    private readonly int _shift;

    private LineMap(int[] lineStarts, int length, int firstLine = 0, int shiftAfter = int.MaxValue, int shift = 0)
    {
        _lineStarts = lineStarts;
        _length = length;
        _firstLine = firstLine;
        _shiftAfter = shiftAfter;
        _shift = shift;
    }

    /// <summary>Where line index <paramref name="i"/> (of this map's array) starts.</summary>
    private int StartAt(int i) => i > _shiftAfter ? _lineStarts[i] + _shift : _lineStarts[i];

    /// <summary>
    /// The map of the part [start, end) of this map's text, where start begins a line: offsets
    /// count from start, line numbers stay the whole text's (so a message naming a line is right).
    /// Lines before the part answer as its first.
    /// </summary>
    public LineMap Window(int start, int end)
    {
        if (_firstLine != 0) throw new InvalidOperationException("a window of a window");
        int first = GetLine(start), last = GetLine(end);
        if (LineStart(first) != start || end < start || end > _length) throw new ArgumentOutOfRangeException(nameof(start), "a window starts at a line's start and ends inside the text");
        var starts = new int[last - first + 1];
        for (int i = 0; i < starts.Length; i++) starts[i] = StartAt(first + i) - start;
        return new LineMap(starts, end - start, first);
    }

    public static LineMap Create(string text) => Create(text, parallel: false);

    /// <summary>
    /// <see cref="Create(string)"/>, the second half of a long text read on another thread when
    /// <paramref name="parallel"/> (see NoteParser.ParallelFrom): the same map either way.
    /// </summary>
    internal static LineMap Create(string text, bool parallel)
    {
        // The halves part right after a '\n': a line starts there, and no "\r\n" spans it.
        int split = parallel ? text.AsSpan(text.Length / 2).IndexOf('\n') : -1;
        split = split < 0 ? text.Length : split + text.Length / 2 + 1;
        // The starts are gathered in pooled buffers and copied once into an exact array, so a
        // large note's array is allocated once: a growing list would land its copies on the
        // large object heap.
        (int[] Buffer, int Count) head = default, tail = ([], 0);
        try
        {
            if (split == text.Length) head = Gather(text, 0, text.Length, first: true);
            else Parallel.Invoke(
                () => head = Gather(text, 0, split, first: true),
                () => tail = Gather(text, split, text.Length, first: false));
            var starts = new int[head.Count + tail.Count];
            head.Buffer.AsSpan(0, head.Count).CopyTo(starts);
            tail.Buffer.AsSpan(0, tail.Count).CopyTo(starts.AsSpan(head.Count));
            return new LineMap(starts, text.Length);
        }
        finally
        {
            if (head.Buffer is { Length: > 0 }) ArrayPool<int>.Shared.Return(head.Buffer);
            if (tail.Buffer is { Length: > 0 }) ArrayPool<int>.Shared.Return(tail.Buffer);
        }
    }

    /// <summary>
    /// The starts of the lines that begin after a line break in [from, to) (the break's end), with
    /// <paramref name="from"/> first when <paramref name="first"/>, in a buffer rented from the
    /// shared pool. [from, to) neither starts nor ends inside a "\r\n", unless to is the text's end.
    /// </summary>
    private static (int[] Buffer, int Count) Gather(string text, int from, int to, bool first)
    {
        // One pass over the text: on a large note each pass reads the whole text from memory (a
        // 10 MB note is 20 MB of UTF-16, more than the caches hold).
        var span = text.AsSpan(0, to);
        var buffer = ArrayPool<int>.Shared.Rent(Math.Max(64, (to - from) / 32));
        int count = 0, i = from;
        if (first) buffer[count++] = from;
        while (true)
        {
            int next = span[i..].IndexOfAny('\r', '\n');
            if (next < 0) break;
            i += next;
            if (span[i] == '\r' && i + 1 < span.Length && span[i + 1] == '\n') i += 2;
            else i += 1;
            if (count == buffer.Length) buffer = Grow(buffer, count);
            buffer[count++] = i;
        }
        return (buffer, count);
    }

    private static int[] Grow(int[] buffer, int count)
    {
        var larger = ArrayPool<int>.Shared.Rent(buffer.Length * 2);
        buffer.AsSpan(0, count).CopyTo(larger);
        ArrayPool<int>.Shared.Return(buffer);
        return larger;
    }

    /// <summary>
    /// The line map of <paramref name="text"/> after [start, end) is replaced by
    /// <paramref name="insert"/>, made from this one without reading the text again; null when the
    /// edit adds, removes or splits a line break (then <see cref="Create"/> the new text's map).
    /// </summary>
    public LineMap? WithEdit(string text, int start, int end, string insert)
    {
        if (start < 0 || end < start || end > text.Length || text.Length != _length) return null;
        return WithEdit(text.AsSpan(start, end - start), start > 0 ? text[start - 1] : '\0', start, end, insert);
    }

    /// <summary>
    /// <see cref="WithEdit(string, int, int, string)"/> told only what the edit removes and the
    /// character before it (or '\0' at the text's start): no need for the whole text.
    /// </summary>
    public LineMap? WithEdit(ReadOnlySpan<char> removed, char before, int start, int end, string insert)
    {
        if (_firstLine != 0 || start < 0 || end < start || end > _length || removed.Length != end - start) return null;
        if (removed.IndexOfAny('\r', '\n') >= 0 || insert.AsSpan().IndexOfAny('\r', '\n') >= 0) return null;
        // Next to a '\r' the edit could join or part a "\r\n".
        if (before == '\r') return null;
        int delta = insert.Length - (end - start);
        if (delta == 0) return this;
        int line = GetLine(start);
        // Typing on the line the last edit was on: the same array, shifted further.
        if (_shiftAfter == int.MaxValue || _shiftAfter == line) return new LineMap(_lineStarts, _length + delta, 0, line, (_shiftAfter == line ? _shift : 0) + delta);
        var starts = new int[_lineStarts.Length];
        for (int i = 0; i < starts.Length; i++) starts[i] = StartAt(i);
        return new LineMap(starts, _length + delta, 0, line, delta);
    }

    /// <summary>The first line break of the text ("\n" when it has none): the one new lines follow.</summary>
    public static string UsualBreak(string text)
    {
        int at = text.AsSpan().IndexOfAny('\r', '\n');
        if (at < 0 || text[at] == '\n') return "\n";
        return at + 1 < text.Length && text[at + 1] == '\n' ? "\r\n" : "\r";
    }

    /// <summary>Number of lines; a text ending in a line break has an empty last line.</summary>
    public int LineCount => _firstLine + _lineStarts.Length;

    public int TextLength => _length;

    public int LineStart(int line) => StartAt(Math.Clamp(line - _firstLine, 0, _lineStarts.Length - 1));

    /// <summary>Offset of the start of the line break ending this line (or the text's end).</summary>
    public int LineEnd(int line, string text) => LineEnd(line, new StringChars(text));

    /// <summary><see cref="LineEnd(int, string)"/> for any text: only the characters of the line break are read.</summary>
    public int LineEnd<TText>(int line, TText text) where TText : ITextChars
    {
        line = Math.Clamp(line - _firstLine, 0, _lineStarts.Length - 1);
        int end = line + 1 < _lineStarts.Length ? StartAt(line + 1) : _length;
        if (end > StartAt(line) && end <= text.Length && line + 1 < _lineStarts.Length)
        {
            end--;
            if (text[end] == '\n' && end > StartAt(line) && text[end - 1] == '\r') end--;
        }
        return end;
    }

    /// <summary>Offset just past this line's line break (the next line's start), or the text's end.</summary>
    public int LineEndIncludingBreak(int line)
    {
        line = Math.Clamp(line - _firstLine, 0, _lineStarts.Length - 1);
        return line + 1 < _lineStarts.Length ? StartAt(line + 1) : _length;
    }

    public int GetLine(int offset)
    {
        offset = Math.Clamp(offset, 0, _length);
        // The last line starting at or before the offset (starts only grow, shifted or not).
        int lo = 0, hi = _lineStarts.Length - 1;
        while (lo < hi)
        {
            int mid = (lo + hi + 1) >>> 1;
            if (StartAt(mid) <= offset) lo = mid;
            else hi = mid - 1;
        }
        return _firstLine + lo;
    }

    public TextPosition GetPosition(int offset)
    {
        offset = Math.Clamp(offset, 0, _length);
        int line = GetLine(offset);
        return new TextPosition(line, offset - StartAt(line - _firstLine));
    }

    public TextRange GetRange(TextSpan span) => new(GetPosition(span.Start), GetPosition(span.End));

    /// <summary>
    /// The range of a span as LSP can name it: an end between the <c>\r</c> and <c>\n</c> of a line
    /// break is the line's end, and a start or end between the halves of a surrogate pair moves out
    /// of it, so that the range holds the whole character (see <see cref="Nameable{TText}(TText, int, bool)"/>).
    /// </summary>
    public TextRange GetRange(TextSpan span, string text)
    {
        var chars = new StringChars(text);
        int start = Nameable(chars, span.Start, forward: false), end = Math.Max(start, Nameable(chars, span.End, forward: true));
        return new(GetPosition(start), GetPosition(end));
    }

    /// <summary>
    /// The nearest offset an LSP position can name: none names the place between the <c>\r</c> and
    /// <c>\n</c> of a line break (the line's end is taken, before the <c>\r</c>), nor, in every
    /// encoding, the place between the halves of a surrogate pair (the pair's start is taken, or
    /// its end when <paramref name="forward"/>).
    /// </summary>
    public static int Nameable<TText>(TText text, int offset, bool forward) where TText : ITextChars
    {
        offset = Math.Clamp(offset, 0, text.Length);
        if (!IsUnnameable(text, offset)) return offset;
        return forward && text[offset] != '\n' ? offset + 1 : offset - 1;
    }

    /// <inheritdoc cref="Nameable{TText}(TText, int, bool)"/>
    public static int Nameable(string text, int offset, bool forward) => Nameable(new StringChars(text), offset, forward);

    /// <summary>True between the <c>\r</c> and <c>\n</c> of a line break, and between the halves of a surrogate pair.</summary>
    public static bool IsUnnameable<TText>(TText text, int offset) where TText : ITextChars =>
        offset > 0 && offset < text.Length
        && ((text[offset - 1] == '\r' && text[offset] == '\n') || (char.IsHighSurrogate(text[offset - 1]) && char.IsLowSurrogate(text[offset])));

    /// <inheritdoc cref="IsUnnameable{TText}(TText, int)"/>
    public static bool IsUnnameable(string text, int offset) => IsUnnameable(new StringChars(text), offset);

    /// <summary>
    /// The offset of a position. A character past the line's end is clamped to the end of the
    /// line (before its break), as LSP asks; a line past the last is clamped to the text's end.
    /// Use <see cref="TryGetOffset"/> to reject such positions instead.
    /// </summary>
    public int GetOffset(TextPosition position, string text)
    {
        if (position.Line < _firstLine) return 0;
        if (position.Line >= LineCount) return _length;
        int start = LineStart(position.Line);
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
        if (position.Line < _firstLine || position.Character < 0 || position.Line >= LineCount) return false;
        int start = LineStart(position.Line);
        int end = LineEnd(position.Line, text);
        if (start + position.Character > end) return false;
        offset = start + position.Character;
        return true;
    }
}
