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

    public Position ToPosition(LineMap lines, string text, int offset)
    {
        var p = lines.GetPosition(offset);
        if (!IsUtf8) return new(p.Line, p.Character);
        int start = lines.LineStart(p.Line);
        return new(p.Line, Encoding.UTF8.GetByteCount(text.AsSpan(start, p.Character)));
    }

    public Protocol.Range ToRange(LineMap lines, string text, TextSpan span) =>
        new(ToPosition(lines, text, span.Start), ToPosition(lines, text, span.End));

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
