namespace OrbitLsp.Core.Text;

/// <summary>
/// A position as LSP counts it: 0-based line, 0-based character in UTF-16 code units.
/// Line breaks are "\n", "\r\n" and a lone "\r", as the LSP specification defines them.
/// </summary>
public readonly record struct TextPosition(int Line, int Character) : IComparable<TextPosition>
{
    public int CompareTo(TextPosition other) =>
        Line != other.Line ? Line.CompareTo(other.Line) : Character.CompareTo(other.Character);

    public static bool operator <(TextPosition a, TextPosition b) => a.CompareTo(b) < 0;
    public static bool operator >(TextPosition a, TextPosition b) => a.CompareTo(b) > 0;
    public static bool operator <=(TextPosition a, TextPosition b) => a.CompareTo(b) <= 0;
    public static bool operator >=(TextPosition a, TextPosition b) => a.CompareTo(b) >= 0;

    public override string ToString() => $"{Line}:{Character}";
}

/// <summary>A range of <see cref="TextPosition"/>s, end exclusive.</summary>
public readonly record struct TextRange(TextPosition Start, TextPosition End)
{
    public override string ToString() => $"{Start}-{End}";
}
