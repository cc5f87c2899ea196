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
    /// <see cref="Encode"/> gives it for a model whose line numbers are the note's).
    /// </summary>
    public static int[] ReplaceLines(int[] data, int firstLine, int lastLine, int[] lines)
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
        var result = new int[from + lines.Length + data.Length - to];
        data.AsSpan(0, from).CopyTo(result);
        lines.CopyTo(result.AsSpan(from));
        // Every token around the lines is on a line of its own side: only the line deltas at the joins change
        // (a start delta counts from the line's start when the line changes, so it stays).
        if (lines.Length > 0) result[from] = lines[0] - lineBefore;
        data.AsSpan(to).CopyTo(result.AsSpan(from + lines.Length));
        if (to < data.Length) result[from + lines.Length] = lineAfter - lastOwn;
        return result;
    }

    /// <summary>
    /// The edits that turn <paramref name="previous"/> into <paramref name="current"/>: at most one,
    /// covering what lies between the common prefix and the common suffix, both whole tokens.
    /// No edit when they are equal.
    /// </summary>
    public static ImmutableArray<SemanticTokensEdit> Delta(int[] previous, int[] current)
    {
        int max = Math.Min(previous.Length, current.Length);
        int prefix = previous.AsSpan(0, max).CommonPrefixLength(current.AsSpan(0, max));
        prefix -= prefix % IntsPerToken;
        if (prefix == previous.Length && prefix == current.Length) return [];
        int suffix = 0;
        while (suffix < max - prefix && previous[^(suffix + 1)] == current[^(suffix + 1)]) suffix++;
        suffix -= suffix % IntsPerToken;
        var data = current.AsSpan(prefix, current.Length - prefix - suffix).ToArray();
        return [new SemanticTokensEdit(prefix, previous.Length - prefix - suffix, ImmutableArray.Create(data))];
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
