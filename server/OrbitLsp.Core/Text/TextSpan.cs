namespace OrbitLsp.Core.Text;

/// <summary>A half-open run of UTF-16 code units, [Start, End), in a note's text.</summary>
public readonly record struct TextSpan(int Start, int Length)
{
    public int End => Start + Length;

    public bool IsEmpty => Length == 0;

    public static TextSpan FromBounds(int start, int end) => new(start, end - start);

    public bool Contains(int offset) => offset >= Start && offset < End;

    /// <summary>True when the offset lies inside or at the end of the span (a cursor touching it).</summary>
    public bool Touches(int offset) => offset >= Start && offset <= End;

    public bool Contains(TextSpan other) => other.Start >= Start && other.End <= End;

    /// <summary>The same span moved by <paramref name="by"/> code units.</summary>
    public TextSpan Shift(int by) => by == 0 ? this : new(Start + by, Length);

    public bool OverlapsWith(TextSpan other) => Start < other.End && other.Start < End;

    public override string ToString() => $"[{Start}..{End})";
}
