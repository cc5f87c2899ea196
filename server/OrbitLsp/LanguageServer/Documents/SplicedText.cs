using OrbitLsp.Core.Text;

namespace OrbitLsp.LanguageServer.Documents;

/// <summary>
/// The text of a version typed on another, without a copy of the whole: a basis (a
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

    /// <summary>
    /// The whole text the edit was made on, until this text is made whole: then it is let go (a
    /// version kept open would otherwise hold two whole texts, and the older version's too).
    /// </summary>
    private string? _basis;

    private SplicedText(string basis, int start, int end, string middle)
    {
        _basis = basis;
        Start = start;
        End = end;
        Middle = middle;
        Length = basis.Length - (end - start) + middle.Length;
    }

    public int Start { get; }

    public int End { get; }

    public string Middle { get; }

    public int Length { get; }

    /// <summary><paramref name="text"/> with [start, end) replaced by <paramref name="insert"/>.</summary>
    public static SplicedText Of(string text, int start, int end, string insert) => new(text, start, end, insert);

    /// <summary>
    /// This text with [start, end) (offsets in it) replaced by <paramref name="insert"/>, on the same
    /// basis: the replaced part then covers both edits. Null when it would exceed <see cref="MaxMiddle"/>,
    /// or when this text was made whole meanwhile (its basis is gone: edit the whole text instead).
    /// </summary>
    public SplicedText? With(int start, int end, string insert)
    {
        if (Volatile.Read(ref _basis) is not { } basis) return null;
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
        return new SplicedText(basis, from, to - Middle.Length + (End - Start), middle);
    }

    public char this[int i] => Volatile.Read(ref _basis) is { } basis
        ? i < Start ? basis[i] : i < Start + Middle.Length ? Middle[i - Start] : basis[i - Middle.Length + (End - Start)]
        : _whole![i];

    /// <summary>Copies the text from <paramref name="from"/> into all of <paramref name="destination"/>.</summary>
    public void CopyTo(int from, Span<char> destination)
    {
        // The basis is cleared only after the whole text is set: one of the two is always there.
        if (Volatile.Read(ref _basis) is not { } basis)
        {
            _whole.AsSpan(from, destination.Length).CopyTo(destination);
            return;
        }
        int at = from, done = 0;
        int middleEnd = Start + Middle.Length;
        while (done < destination.Length)
        {
            ReadOnlySpan<char> piece = at < Start ? basis.AsSpan(at, Start - at)
                : at < middleEnd ? Middle.AsSpan(at - Start)
                : basis.AsSpan(at - middleEnd + End);
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

    /// <summary>The whole text, made once; the basis is let go then.</summary>
    public override string ToString()
    {
        if (Volatile.Read(ref _whole) is { } whole) return whole;
        whole = string.Create(Length, this, static (dest, self) => self.CopyTo(0, dest));
        // NOTE: two threads may make it at once; the first one set is kept, then the basis goes.
        whole = Interlocked.CompareExchange(ref _whole, whole, null) ?? whole;
        Volatile.Write(ref _basis, null);
        return whole;
    }
}
