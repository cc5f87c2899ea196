using System.Collections.Immutable;
using OrbitLsp.Core.Text;

namespace OrbitLsp.Core.Ide;

/// <summary>One edit of a previous token array: replace <see cref="DeleteCount"/> ints at <see cref="Start"/> with <see cref="Data"/>.</summary>
public sealed record SemanticTokensEdit(int Start, int DeleteCount, ImmutableArray<int> Data);

// LSP's relative encoding of semantic tokens, and the delta between two encodings.
public static partial class SemanticTokens
{
    private const int IntsPerToken = 5;

    /// <summary>
    /// Five ints per token: line delta, start delta (from the previous token's start when on the
    /// same line), length, type index, modifier bits. Positions in UTF-16 code units.
    /// Tokens must be sorted and on one line each, as <see cref="SemanticTokens.For"/> gives them.
    /// </summary>
    public static int[] Encode(IReadOnlyList<SemanticToken> tokens, LineMap lines)
    {
        var data = new int[tokens.Count * IntsPerToken];
        int prevLine = 0, prevChar = 0;
        for (int i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            var at = lines.GetPosition(t.Span.Start);
            int k = i * IntsPerToken;
            data[k] = at.Line - prevLine;
            data[k + 1] = at.Line == prevLine ? at.Character - prevChar : at.Character;
            data[k + 2] = t.Span.Length;
            data[k + 3] = (int)t.Type;
            data[k + 4] = (int)t.Modifiers;
            prevLine = at.Line;
            prevChar = at.Character;
        }
        return data;
    }

    /// <summary>
    /// <paramref name="data"/> (an encoding of a whole note) with its tokens on lines
    /// <paramref name="firstLine"/> to <paramref name="lastLine"/> replaced by <paramref name="lines"/>,
    /// an encoding of tokens all on those lines (its first token's line counted from line 0, as
    /// <see cref="Encode"/> gives it for a model whose line numbers are the note's). The result
    /// shares <paramref name="data"/> (see <see cref="EncodedTokens"/>).
    /// </summary>
    public static EncodedTokens ReplaceLines(int[] data, int firstLine, int lastLine, int[] lines)
    {
        // The tokens before the lines (ending at index `from`, the last of them on `lineBefore`)
        // and from the first after them (index `to`, on `lineAfter`).
        int line = 0, lineBefore = 0, from = data.Length, to = data.Length, lineAfter = 0;
        for (int k = 0; k < data.Length; k += IntsPerToken)
        {
            int next = line + data[k];
            if (from == data.Length && next >= firstLine) from = k;
            if (next > lastLine) { to = k; lineAfter = next; break; }
            if (next < firstLine) lineBefore = next;
            line = next;
        }
        int lastOwn = lineBefore;
        for (int k = 0; k < lines.Length; k += IntsPerToken) lastOwn = k == 0 ? lines[0] : lastOwn + lines[k];
        // Every token around the lines is on a line of its own side: only the line deltas at the joins change
        // (a start delta counts from the line's start when the line changes, so it stays). The first
        // token after the lines, its line delta changed, goes with them.
        bool after = to < data.Length;
        var middle = new int[lines.Length + (after ? IntsPerToken : 0)];
        lines.CopyTo(middle, 0);
        if (lines.Length > 0) middle[0] = lines[0] - lineBefore;
        if (after)
        {
            data.AsSpan(to, IntsPerToken).CopyTo(middle.AsSpan(lines.Length));
            middle[lines.Length] = lineAfter - lastOwn;
        }
        return new EncodedTokens(data, from, middle, after ? to + IntsPerToken : to);
    }

    /// <summary>
    /// The edits that turn <paramref name="previous"/> into <paramref name="current"/>: at most one,
    /// covering what lies between the common prefix and the common suffix, both whole tokens.
    /// No edit when they are equal.
    /// </summary>
    public static ImmutableArray<SemanticTokensEdit> Delta(int[] previous, int[] current) => Delta(new EncodedTokens(previous), new EncodedTokens(current));

    /// <inheritdoc cref="Delta(int[], int[])"/>
    /// <remarks>Pieces of the same basis are not compared: two versions typed in one block differ only around it.</remarks>
    public static ImmutableArray<SemanticTokensEdit> Delta(EncodedTokens previous, EncodedTokens current)
    {
        int max = Math.Min(previous.Length, current.Length);
        int prefix = EncodedTokens.SharedHead(previous, current);
        while (prefix < max)
        {
            var a = previous.After(prefix);
            var b = current.After(prefix);
            int n = Math.Min(Math.Min(a.Length, b.Length), max - prefix);
            int same = a[..n].CommonPrefixLength(b[..n]);
            prefix += same;
            if (same < n) break;
        }
        prefix -= prefix % IntsPerToken;
        if (prefix == previous.Length && prefix == current.Length) return [];
        int limit = max - prefix;
        int suffix = Math.Min(EncodedTokens.SharedTail(previous, current), limit);
        while (suffix < limit)
        {
            var a = previous.Before(previous.Length - suffix);
            var b = current.Before(current.Length - suffix);
            int n = Math.Min(Math.Min(a.Length, b.Length), limit - suffix);
            a = a[^n..];
            b = b[^n..];
            int k = n;
            while (k > 0 && a[k - 1] == b[k - 1]) k--;
            suffix += n - k;
            if (k > 0) break;
        }
        suffix -= suffix % IntsPerToken;
        var data = current.Slice(prefix, current.Length - prefix - suffix);
        return [new SemanticTokensEdit(prefix, previous.Length - prefix - suffix, System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsImmutableArray(data))];
    }

    /// <summary>Applies edits to a previous encoding (what a client does); edits sorted by start.</summary>
    public static int[] Apply(int[] previous, IReadOnlyList<SemanticTokensEdit> edits)
    {
        var result = new List<int>(previous.Length);
        int at = 0;
        foreach (var e in edits.OrderBy(e => e.Start))
        {
            result.AddRange(previous.AsSpan(at, e.Start - at).ToArray());
            result.AddRange(e.Data);
            at = e.Start + e.DeleteCount;
        }
        result.AddRange(previous.AsSpan(at).ToArray());
        return [.. result];
    }
}
