using OrbitLsp.Core.Text;

namespace OrbitLsp.LanguageServer.Documents;

/// <summary>
/// The text of a version typed on another, without a copy of the whole: <see cref="Basis"/> (a
/// whole text) with [<see cref="Start"/>, <see cref="End"/>) of it replaced by <see cref="Middle"/>.
/// Keystrokes in a 1 MB note then make a few hundred characters each, not a 2 MB string (which
/// the runtime places on the large object heap, where every other allocation of one starts a
/// full collection). The whole string is made only when something asks for it.
/// </summary>
public sealed class SplicedText : ITextChars
{
    /// <summary>How long the replaced part may grow before later edits make a whole text again.</summary>
    public const int MaxMiddle = 64 * 1024;

    private string? _whole;

    private SplicedText(string basis, int start, int end, string middle)
    {
        Basis = basis;
        Start = start;
        End = end;
        Middle = middle;
    }

    public string Basis { get; }

    public int Start { get; }

    public int End { get; }

    public string Middle { get; }

    public int Length => Basis.Length - (End - Start) + Middle.Length;

    /// <summary><paramref name="text"/> with [start, end) replaced by <paramref name="insert"/>.</summary>
    public static SplicedText Of(string text, int start, int end, string insert) => new(text, start, end, insert);

    /// <summary>
    /// This text with [start, end) (offsets in it) replaced by <paramref name="insert"/>, on the same
    /// basis: the replaced part then covers both edits. Null when it would exceed <see cref="MaxMiddle"/>.
    /// </summary>
    public SplicedText? With(int start, int end, string insert)
    {
        int middleEnd = Start + Middle.Length;
        int from = Math.Min(start, Start), to = Math.Max(end, middleEnd);
        // [from, to) of this text, rewritten: the middle grows by what lies between it and the edit.
        int length = to - from - (end - start) + insert.Length;
        if (length > MaxMiddle) return null;
        string middle = string.Create(length, (this, from, to, start, end, insert), static (dest, s) =>
        {
            var (self, from, to, start, end, insert) = s;
            self.CopyTo(from, dest[..(start - from)]);
            insert.AsSpan().CopyTo(dest[(start - from)..]);
            self.CopyTo(end, dest[(start - from + insert.Length)..]);
        });
        // This text before the middle is the basis's, and so is everything from `to` on (moved by
        // how much longer the middle is than what it replaced): the new middle replaces [from, end) of the basis.
        return new SplicedText(Basis, from, to - Middle.Length + (End - Start), middle);
    }

    public char this[int i] =>
        i < Start ? Basis[i] : i < Start + Middle.Length ? Middle[i - Start] : Basis[i - Middle.Length + (End - Start)];

    /// <summary>Copies the text from <paramref name="from"/> into all of <paramref name="destination"/>.</summary>
    public void CopyTo(int from, Span<char> destination)
    {
        int at = from, done = 0;
        int middleEnd = Start + Middle.Length;
        while (done < destination.Length)
        {
            ReadOnlySpan<char> piece = at < Start ? Basis.AsSpan(at, Start - at)
                : at < middleEnd ? Middle.AsSpan(at - Start)
                : Basis.AsSpan(at - middleEnd + End);
            int n = Math.Min(piece.Length, destination.Length - done);
            if (n <= 0) throw new ArgumentOutOfRangeException(nameof(destination), "past the end of the text");
            piece[..n].CopyTo(destination[done..]);
            done += n;
            at += n;
        }
    }

    public string Substring(int start, int length) =>
        length == 0 ? "" : string.Create(length, (this, start), static (dest, s) => s.Item1.CopyTo(s.start, dest));

    /// <summary>True once the whole string was made: later edits start from it, so the basis can go.</summary>
    public bool IsWhole => _whole is not null;

    /// <summary>The whole text, made once.</summary>
    public override string ToString() => _whole ??= string.Create(Length, this, static (dest, self) => self.CopyTo(0, dest));
}
