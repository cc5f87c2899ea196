namespace OrbitLsp.Core.Ide;

/// <summary>
/// A whole note's encoded semantic tokens (<see cref="SemanticTokens.Encode"/>) in up to three
/// pieces: the first <c>from</c> ints of a basis encoding, a short run of its own, and the basis
/// from <c>to</c> on. A block edit's encoding is its basis's with the block's lines encoded again
/// (<see cref="SemanticTokens.ReplaceLines"/>): kept so, a keystroke costs the block's tokens, not
/// a copy of the note's (for 1 MB, a 126 KB array, large enough to count towards full collections).
/// The arrays are never changed.
/// </summary>
public sealed class EncodedTokens
{
    private readonly int[] _basis;
    private readonly int _from;
    private readonly int[] _middle;
    private readonly int _to;

    /// <summary>A whole encoding, as one piece.</summary>
    public EncodedTokens(int[] whole) : this(whole, whole.Length, [], whole.Length)
    {
    }

    internal EncodedTokens(int[] basis, int from, int[] middle, int to)
    {
        _basis = basis;
        _from = from;
        _middle = middle;
        _to = to;
        Length = from + middle.Length + basis.Length - to;
    }

    public int Length { get; }

    /// <summary>The encoding as one array: the basis itself when nothing of it is replaced, else a copy.</summary>
    public int[] ToArray()
    {
        if (_middle.Length == 0 && _from == _to) return _basis;
        var result = new int[Length];
        _basis.AsSpan(0, _from).CopyTo(result);
        _middle.CopyTo(result.AsSpan(_from));
        _basis.AsSpan(_to).CopyTo(result.AsSpan(_from + _middle.Length));
        return result;
    }

    /// <summary>[start, start + length) as a new array.</summary>
    public int[] Slice(int start, int length)
    {
        var result = new int[length];
        for (int done = 0; done < length;)
        {
            var piece = After(start + done);
            int n = Math.Min(piece.Length, length - done);
            piece[..n].CopyTo(result.AsSpan(done));
            done += n;
        }
        return result;
    }

    /// <summary>The ints from <paramref name="index"/> to the end of the piece it lies in.</summary>
    internal ReadOnlySpan<int> After(int index)
    {
        if (index < _from) return _basis.AsSpan(index, _from - index);
        index -= _from;
        if (index < _middle.Length) return _middle.AsSpan(index);
        return _basis.AsSpan(_to + index - _middle.Length);
    }

    /// <summary>The ints from the start of the piece that <paramref name="end"/> - 1 lies in, up to <paramref name="end"/>.</summary>
    internal ReadOnlySpan<int> Before(int end)
    {
        if (end <= _from) return _basis.AsSpan(0, end);
        end -= _from;
        if (end <= _middle.Length) return _middle.AsSpan(0, end);
        return _basis.AsSpan(_to, end - _middle.Length);
    }

    /// <summary>How many ints at the end both have in common without looking: the same basis's tail.</summary>
    internal static int SharedTail(EncodedTokens a, EncodedTokens b) =>
        ReferenceEquals(a._basis, b._basis) ? Math.Min(a._basis.Length - a._to, b._basis.Length - b._to) : 0;

    /// <summary>How many ints at the start both have in common without looking: the same basis's head.</summary>
    internal static int SharedHead(EncodedTokens a, EncodedTokens b) =>
        ReferenceEquals(a._basis, b._basis) ? Math.Min(a._from, b._from) : 0;
}
