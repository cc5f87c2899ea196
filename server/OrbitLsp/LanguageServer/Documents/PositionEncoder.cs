using System.Text;
using OrbitLsp.Core.Text;
using OrbitLsp.LanguageServer.Protocol;

namespace OrbitLsp.LanguageServer.Documents;

/// <summary>
/// Converts LSP positions to offsets in a note's text and back, in the encoding agreed at
/// initialize: UTF-16 code units (LSP's default) or UTF-8 bytes.
/// </summary>
public sealed class PositionEncoder
{
    public static readonly PositionEncoder Utf16 = new("utf-16");
    public static readonly PositionEncoder Utf8 = new("utf-8");

    private PositionEncoder(string name) => Name = name;

    public string Name { get; }

    /// <summary>True for UTF-8: positions then need the text itself, not only its line map.</summary>
    public bool IsUtf8 => ReferenceEquals(this, Utf8);

    /// <summary>The client's first choice among those supported; UTF-16 when it names none.</summary>
    public static PositionEncoder Negotiate(string[]? clientPreferences) =>
        clientPreferences?.FirstOrDefault(e => e is "utf-16" or "utf-8") == "utf-8" ? Utf8 : Utf16;

    /// <summary>
    /// The position of an offset; one that no position names (inside a CRLF or a surrogate pair)
    /// moves back to the nearest that one does (<see cref="LineMap.Nameable(string, int, bool)"/>).
    /// </summary>
    public Position ToPosition(LineMap lines, string text, int offset) => Named(lines, text, LineMap.Nameable(text, offset, forward: false));

    /// <summary>The range of a span, holding every character it touches (<see cref="LineMap.GetRange(TextSpan, string)"/>).</summary>
    public Protocol.Range ToRange(LineMap lines, string text, TextSpan span) => ToRange(lines, new StringChars(text), text, span);

    /// <summary>
    /// <see cref="ToRange(LineMap, string, TextSpan)"/> reading only the characters at the span's
    /// ends: in UTF-16 the whole text (<paramref name="text"/>) is needed by no one, so a
    /// keystroke's version (a spliced text) is not made whole for it.
    /// </summary>
    public Protocol.Range ToRange<TText>(LineMap lines, TText chars, string? text, TextSpan span) where TText : ITextChars
    {
        int start = LineMap.Nameable(chars, span.Start, forward: false);
        int end = Math.Max(start, LineMap.Nameable(chars, span.End, forward: true));
        return new(Named(lines, text, start), Named(lines, text, end));
    }

    private Position Named(LineMap lines, string? text, int offset)
    {
        var p = lines.GetPosition(offset);
        if (!IsUtf8) return new(p.Line, p.Character);
        if (text is null) throw new ArgumentNullException(nameof(text), "UTF-8 positions are counted on the text.");
        return new(p.Line, Utf8Column(text, lines.LineStart(p.Line), offset));
    }

    /// <summary>The UTF-8 bytes of the line before the offset (which no surrogate pair straddles).</summary>
    /// <remarks>
    /// Counted from the thread's last answer when it was on the same line of the same text: the
    /// many positions of one answer (diagnostics, tokens, symbols) come in order, so a line of
    /// 60,000 characters with thousands of them costs one pass, not one each (seconds, found by
    /// fuzzing). The text is held weakly, so no old version is kept alive.
    /// </remarks>
    private static int Utf8Column(string text, int lineStart, int offset)
    {
        var last = t_lastColumn;
        int bytes;
        if (last is not null && last.LineStart == lineStart && last.Text.TryGetTarget(out var lastText) && ReferenceEquals(lastText, text))
        {
            bytes = offset >= last.Offset
                ? last.Bytes + Encoding.UTF8.GetByteCount(text.AsSpan(last.Offset, offset - last.Offset))
                : last.Bytes - Encoding.UTF8.GetByteCount(text.AsSpan(offset, last.Offset - offset));
        }
        else
        {
            bytes = Encoding.UTF8.GetByteCount(text.AsSpan(lineStart, offset - lineStart));
            if (last is null || !last.Text.TryGetTarget(out lastText) || !ReferenceEquals(lastText, text)) last = t_lastColumn = new LastColumn(new WeakReference<string>(text));
        }
        last.LineStart = lineStart;
        last.Offset = offset;
        last.Bytes = bytes;
        return bytes;
    }

    [ThreadStatic] private static LastColumn? t_lastColumn;

    private sealed class LastColumn(WeakReference<string> text)
    {
        public WeakReference<string> Text { get; } = text;
        public int LineStart { get; set; }
        public int Offset { get; set; }
        public int Bytes { get; set; }
    }

    /// <summary><see cref="ToOffset(LineMap, string, Position)"/> in a snapshot, without making its whole text for UTF-16.</summary>
    public int? ToOffset(DocumentSnapshot doc, Position position) =>
        IsUtf8 ? ToOffset(doc.Lines, doc.Text, position)
        : LineBounds(doc.Lines, doc.Chars, position) is { } line ? Math.Min(line.Start + position.Character, line.End) : null;

    /// <summary>
    /// The offset of a position, or null when the line does not exist. A character past the
    /// line's end means the end of the line, as the specification says. The position just past
    /// the last line break (line = line count, character 0) is the text's end.
    /// </summary>
    public int? ToOffset(LineMap lines, string text, Position position)
    {
        if (LineBounds(lines, new StringChars(text), position) is not { } line) return null;
        var (start, end) = line;
        if (!IsUtf8) return Math.Min(start + position.Character, end);
        int bytes = 0, i = start;
        while (i < end && bytes < position.Character)
        {
            int width = char.IsHighSurrogate(text[i]) && i + 1 < end && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
            bytes += Encoding.UTF8.GetByteCount(text.AsSpan(i, width));
            i += width;
        }
        return i;
    }

    /// <summary>
    /// The start and end (before its break) of the position's line; the text's end for the position
    /// just past the last line break; null when there is no such line.
    /// </summary>
    private static (int Start, int End)? LineBounds<TText>(LineMap lines, TText text, Position position) where TText : ITextChars
    {
        if (position.Line < 0 || position.Character < 0) return null;
        if (position.Line >= lines.LineCount)
            return position.Line == lines.LineCount && position.Character == 0 ? (text.Length, text.Length) : null;
        return (lines.LineStart(position.Line), lines.LineEnd(position.Line, text));
    }
}
