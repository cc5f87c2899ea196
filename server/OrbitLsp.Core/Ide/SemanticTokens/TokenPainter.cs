using System.Buffers;
using System.Collections.Immutable;
using OrbitLsp.Core.Text;

namespace OrbitLsp.Core.Ide;

/// <summary>
/// Lays tokens over each other: where two overlap, the higher layer wins (on a tie, the one
/// added later). The result is cut at line ends, since an LSP token cannot span lines.
/// </summary>
/// <remarks>
/// A 1 MB note has some 40,000 tokens, painted again for each analysed version. Every working
/// array is rented from the shared pool and given back by <see cref="Finish"/>: made anew, they came to
/// about 5 MB of large objects per painting (lists grown by doubling, the sort's arrays), which
/// started full collections while an author typed. Only the result is allocated, at its size.
/// </remarks>
internal sealed class TokenPainter
{
    private (SemanticToken Token, int Layer)[] _raw = ArrayPool<(SemanticToken, int)>.Shared.Rent(64);
    private int _count;
    private bool _finished;

    public void Add(TextSpan span, SemanticTokenType type, SemanticTokenModifiers mods, int layer)
    {
        if (span.Length > 0) Append(new SemanticToken(span, type, mods), layer);
    }

    /// <summary>Clears what lower layers painted over the span (a nested block inside an outer line).</summary>
    public void AddHole(TextSpan span, int layer)
    {
        if (span.Length > 0) Append(new SemanticToken(span, Hole, SemanticTokenModifiers.None), layer);
    }

    private void Append(SemanticToken token, int layer)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        if (_count == _raw.Length) Grow(ref _raw, _count);
        _raw[_count++] = (token, layer);
    }

    private const SemanticTokenType Hole = (SemanticTokenType)(-1);

    /// <summary>The tokens, in order and cut at line ends (with a range, those overlapping it). The painter is done then.</summary>
    public ImmutableArray<SemanticToken> Finish(string text, LineMap lines, TextSpan? range)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        _finished = true;
        var pieces = ArrayPool<SemanticToken>.Shared.Rent(Math.Max(16, _count));
        var result = ArrayPool<SemanticToken>.Shared.Rent(Math.Max(16, _count));
        try
        {
            int count = 0;
            foreach (var piece in Flatten(ref pieces))
            {
                if (piece.Type == Hole) continue;
                int first = lines.GetLine(piece.Span.Start), last = lines.GetLine(piece.Span.End - 1);
                for (int line = first; line <= last; line++)
                {
                    int start = Math.Max(piece.Span.Start, lines.LineStart(line));
                    int end = Math.Min(piece.Span.End, lines.LineEnd(line, text));
                    if (end <= start) continue;
                    var span = TextSpan.FromBounds(start, end);
                    if (range is { } r && !span.OverlapsWith(r)) continue;
                    if (count == result.Length) Grow(ref result, count);
                    result[count++] = piece with { Span = span };
                }
            }
            return ImmutableArray.Create(result.AsSpan(0, count));
        }
        finally
        {
            ArrayPool<SemanticToken>.Shared.Return(pieces);
            ArrayPool<SemanticToken>.Shared.Return(result);
            ArrayPool<(SemanticToken, int)>.Shared.Return(_raw);
            _raw = [];
        }
    }

    /// <summary>A rented array twice as large holding the first <paramref name="count"/> items; the old one is given back.</summary>
    private static void Grow<T>(ref T[] array, int count)
    {
        var larger = ArrayPool<T>.Shared.Rent(Math.Max(16, array.Length * 2));
        array.AsSpan(0, count).CopyTo(larger);
        ArrayPool<T>.Shared.Return(array);
        array = larger;
    }

    /// <summary>
    /// The visible pieces, in order, none overlapping, written to <paramref name="pieces"/> (grown
    /// when needed): a sweep over every token boundary. The tokens over the sweep's place are kept
    /// in a heap, highest layer (then latest added) on top; one that has ended is dropped when it
    /// comes to the top. (A list searched at every boundary made blocks nested thousands deep cost seconds.)
    /// </summary>
    private ReadOnlySpan<SemanticToken> Flatten(ref SemanticToken[] pieces)
    {
        int n = _count;
        if (n == 0) return [];
        var raw = _raw;
        // Tokens by start; on equal starts in the order they were added.
        var order = ArrayPool<int>.Shared.Rent(n);
        var starts = ArrayPool<long>.Shared.Rent(n);
        var bounds = ArrayPool<int>.Shared.Rent(2 * n);
        try
        {
            for (int i = 0; i < n; i++)
            {
                var span = raw[i].Token.Span;
                order[i] = i;
                starts[i] = ((long)span.Start << 32) | (uint)i;
                bounds[2 * i] = span.Start;
                bounds[2 * i + 1] = span.End;
            }
            starts.AsSpan(0, n).Sort(order.AsSpan(0, n));
            bounds.AsSpan(0, 2 * n).Sort();
            var active = new PriorityQueue<int, (int Layer, int Index)>(HighestFirst);
            int next = 0, owner = -1, ownerStart = 0, count = 0;
            for (int b = 0; b < 2 * n; b++)
            {
                int at = bounds[b];
                if (b > 0 && at == bounds[b - 1]) continue;
                while (next < n && raw[order[next]].Token.Span.Start == at)
                {
                    int i = order[next++];
                    active.Enqueue(i, (raw[i].Layer, i));
                }
                while (active.TryPeek(out int ended, out _) && raw[ended].Token.Span.End <= at) active.Dequeue();
                int top = active.TryPeek(out int visible, out _) ? visible : -1;
                if (top == owner) continue;
                if (owner >= 0 && at > ownerStart)
                {
                    if (count == pieces.Length) Grow(ref pieces, count);
                    pieces[count++] = raw[owner].Token with { Span = TextSpan.FromBounds(ownerStart, at) };
                }
                owner = top;
                ownerStart = at;
            }
            return pieces.AsSpan(0, count);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(order);
            ArrayPool<long>.Shared.Return(starts);
            ArrayPool<int>.Shared.Return(bounds);
        }
    }

    private static readonly Comparer<(int Layer, int Index)> HighestFirst = Comparer<(int Layer, int Index)>.Create((a, b) => b.CompareTo(a));
}
