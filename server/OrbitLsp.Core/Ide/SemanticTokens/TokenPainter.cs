using System.Collections.Immutable;
using OrbitLsp.Core.Text;

namespace OrbitLsp.Core.Ide;

/// <summary>
/// Lays tokens over each other: where two overlap, the higher layer wins (on a tie, the one
/// added later). The result is cut at line ends, since an LSP token cannot span lines.
/// </summary>
internal sealed class TokenPainter
{
    private readonly List<(SemanticToken Token, int Layer)> _raw = [];

    public void Add(TextSpan span, SemanticTokenType type, SemanticTokenModifiers mods, int layer)
    {
        if (span.Length > 0) _raw.Add((new SemanticToken(span, type, mods), layer));
    }

    /// <summary>Clears what lower layers painted over the span (a nested block inside an outer line).</summary>
    public void AddHole(TextSpan span, int layer)
    {
        if (span.Length > 0) _raw.Add((new SemanticToken(span, Hole, SemanticTokenModifiers.None), layer));
    }

    private const SemanticTokenType Hole = (SemanticTokenType)(-1);

    public ImmutableArray<SemanticToken> Finish(string text, LineMap lines, TextSpan? range)
    {
        var result = ImmutableArray.CreateBuilder<SemanticToken>();
        foreach (var piece in Flatten())
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
                result.Add(piece with { Span = span });
            }
        }
        return result.ToImmutable();
    }

    /// <summary>
    /// The visible pieces, in order, none overlapping: a sweep over every token boundary. The tokens
    /// over the sweep's place are kept in a heap, highest layer (then latest added) on top; one that
    /// has ended is dropped when it comes to the top. (A list searched at every boundary made blocks
    /// nested thousands deep cost seconds.)
    /// </summary>
    private List<SemanticToken> Flatten()
    {
        var pieces = new List<SemanticToken>();
        int n = _raw.Count;
        if (n == 0) return pieces;
        // NOTE: a 1 MB note has some 30,000 tokens and an editor asks for them after each edit: the
        // order and the boundaries are plain sorted arrays (no LINQ, no array per token).
        // Tokens by start; on equal starts in the order they were added.
        var order = new int[n];
        var starts = new long[n];
        var bounds = new int[2 * n];
        for (int i = 0; i < n; i++)
        {
            var span = _raw[i].Token.Span;
            order[i] = i;
            starts[i] = ((long)span.Start << 32) | (uint)i;
            bounds[2 * i] = span.Start;
            bounds[2 * i + 1] = span.End;
        }
        Array.Sort(starts, order);
        Array.Sort(bounds);
        var active = new PriorityQueue<int, (int Layer, int Index)>(HighestFirst);
        int next = 0, owner = -1, ownerStart = 0;
        for (int b = 0; b < bounds.Length; b++)
        {
            int at = bounds[b];
            if (b > 0 && at == bounds[b - 1]) continue;
            while (next < n && _raw[order[next]].Token.Span.Start == at)
            {
                int i = order[next++];
                active.Enqueue(i, (_raw[i].Layer, i));
            }
            while (active.TryPeek(out int ended, out _) && _raw[ended].Token.Span.End <= at) active.Dequeue();
            int top = active.TryPeek(out int visible, out _) ? visible : -1;
            if (top == owner) continue;
            if (owner >= 0 && at > ownerStart) pieces.Add(_raw[owner].Token with { Span = TextSpan.FromBounds(ownerStart, at) });
            owner = top;
            ownerStart = at;
        }
        return pieces;
    }

    private static readonly Comparer<(int Layer, int Index)> HighestFirst = Comparer<(int Layer, int Index)>.Create((a, b) => b.CompareTo(a));
}
