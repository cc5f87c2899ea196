using System.Text;
using System.Text.Json;

namespace OrbitLsp.Fuzz;

/// <summary>
/// A text as an LSP client sees it, written apart from the server's own line map so that it can
/// judge the server's answers: lines end at <c>\n</c>, <c>\r\n</c> or a lone <c>\r</c>; a
/// character is a UTF-16 unit or a UTF-8 byte, as negotiated.
/// </summary>
public sealed class LspText
{
    private readonly List<int> _starts = [0];
    private readonly List<int> _ends = [];

    public LspText(string text, bool utf8)
    {
        Text = text;
        Utf8 = utf8;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                _ends.Add(i);
                _starts.Add(i + 2);
                i++;
            }
            else if (text[i] is '\n' or '\r')
            {
                _ends.Add(i);
                _starts.Add(i + 1);
            }
        }
        _ends.Add(text.Length);
    }

    public string Text { get; }

    public bool Utf8 { get; }

    public int LineCount => _starts.Count;

    /// <summary>The offset of a position that names a place in the text, or null with what is wrong with it.</summary>
    public int? Offset(int line, int character, out string? problem)
    {
        problem = null;
        if (line < 0 || line >= LineCount || character < 0)
        {
            problem = $"position {line}:{character} is outside the text ({LineCount} lines)";
            return null;
        }
        int start = _starts[line], end = _ends[line];
        if (!Utf8)
        {
            if (character > end - start)
            {
                problem = $"position {line}:{character} is past the end of its line ({end - start} characters)";
                return null;
            }
            int offset = start + character;
            if (offset > start && offset < end && char.IsHighSurrogate(Text[offset - 1]) && char.IsLowSurrogate(Text[offset]))
            {
                problem = $"position {line}:{character} splits a surrogate pair";
                return null;
            }
            return offset;
        }
        // The offset whose byte count from the line's start is the character: a binary search over
        // the running counts (mid-pair offsets have none of their own).
        var bytes = Utf8Bytes;
        long target = bytes[start] + (long)character;
        if (target > bytes[end])
        {
            problem = $"position {line}:{character} is past the end of its line in UTF-8";
            return null;
        }
        int lo = start, hi = end;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (bytes[mid] < target) lo = mid + 1;
            else hi = mid;
        }
        if (bytes[lo] != target || (lo > start && lo < end && char.IsHighSurrogate(Text[lo - 1]) && char.IsLowSurrogate(Text[lo])))
        {
            problem = $"position {line}:{character} is inside a character in UTF-8";
            return null;
        }
        return lo;
    }

    private int[]? _utf8Bytes;

    /// <summary>The UTF-8 bytes before each offset (a surrogate pair's four at its end; a lone half three, as encoders write U+FFFD).</summary>
    private int[] Utf8Bytes => _utf8Bytes ??= CountUtf8(Text);

    private static int[] CountUtf8(string text)
    {
        var counts = new int[text.Length + 1];
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                counts[i + 1] = counts[i];
                counts[i + 2] = counts[i] + 4;
                i++;
                continue;
            }
            counts[i + 1] = counts[i] + (c < 0x80 ? 1 : c < 0x800 ? 2 : 3);
        }
        return counts;
    }

    public int? Offset(JsonElement position, out string? problem) =>
        Offset(position.GetProperty("line").GetInt32(), position.GetProperty("character").GetInt32(), out problem);

    /// <summary>The span of an LSP range, or null with what is wrong with it (outside the text, or ending before it starts).</summary>
    public (int Start, int End)? Span(JsonElement range, out string? problem)
    {
        if (Offset(range.GetProperty("start"), out problem) is not { } start) return null;
        if (Offset(range.GetProperty("end"), out problem) is not { } end) return null;
        if (end < start)
        {
            problem = $"range {Show(range)} ends before it starts";
            return null;
        }
        return (start, end);
    }

    /// <summary>The position of an offset (for requests), in this text's encoding.</summary>
    public (int Line, int Character) Position(int offset)
    {
        int line = _starts.BinarySearch(offset);
        if (line < 0) line = ~line - 1;
        // An offset inside a line break belongs to the line it ends.
        int start = _starts[line];
        int end = Math.Min(offset, _ends[line]);
        int character = Utf8 ? Utf8Bytes[end] - Utf8Bytes[start] : end - start;
        return (line, character);
    }

    public object PositionObject(int offset)
    {
        var (line, character) = Position(offset);
        return new { line, character };
    }

    /// <summary>LSP text edits (all against this text) applied at once, as a client applies them; null with the problem when they cannot be.</summary>
    public string? Apply(JsonElement edits, out string? problem)
    {
        problem = null;
        var spans = new List<(int Start, int End, string Text)>();
        foreach (var edit in edits.EnumerateArray())
        {
            if (Span(edit.GetProperty("range"), out problem) is not { } span) return null;
            spans.Add((span.Start, span.End, ExactString(edit.GetProperty("newText"))));
        }
        // Stable: inserts at the same place keep their order, as the specification asks.
        spans = [.. spans.Select((s, i) => (s, i)).OrderBy(x => x.s.Start).ThenBy(x => x.i).Select(x => x.s)];
        var sb = new StringBuilder(Text.Length);
        int at = 0;
        for (int i = 0; i < spans.Count; i++)
        {
            var (start, end, text) = spans[i];
            if (start < at)
            {
                problem = $"edits overlap at offset {start}";
                return null;
            }
            sb.Append(Text, at, start - at).Append(text);
            at = end;
        }
        return sb.Append(Text, at, Text.Length - at).ToString();
    }

    /// <summary>A JSON string as the client reads it: a lone surrogate escaped is that one unit.</summary>
    public static string ExactString(JsonElement value)
    {
        string raw = value.GetRawText();
        return LanguageServer.Transport.ExactTextConverter.Unescape(Encoding.UTF8.GetBytes(raw[1..^1]));
    }

    public static string Show(JsonElement range) =>
        $"{range.GetProperty("start").GetProperty("line")}:{range.GetProperty("start").GetProperty("character")}-{range.GetProperty("end").GetProperty("line")}:{range.GetProperty("end").GetProperty("character")}";
}
