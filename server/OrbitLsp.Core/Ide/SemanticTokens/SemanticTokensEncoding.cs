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
