using OrbitLsp.Core.Text;

namespace OrbitLsp.Core.Ide;

/// <summary>LaTeX math in prompt text as KaTeX reads it in Orbit: <c>$$…$$</c> and <c>$…$</c>, <c>\$</c> escaped.</summary>
internal static class MathSpans
{
    /// <summary>Balanced math runs inside <paramref name="span"/> of <paramref name="text"/>; an unbalanced '$' makes none.</summary>
    public static IEnumerable<TextSpan> Find(string text, TextSpan span)
    {
        int i = span.Start, end = span.End;
        while (i < end)
        {
            if (text[i] == '\\') { i += 2; continue; }
            if (text[i] != '$') { i++; continue; }
            bool display = i + 1 < end && text[i + 1] == '$';
            int close = FindClose(text, i + (display ? 2 : 1), end, display);
            if (close < 0) { i += display ? 2 : 1; continue; }
            int stop = close + (display ? 2 : 1);
            yield return TextSpan.FromBounds(i, stop);
            i = stop;
        }
    }

    private static int FindClose(string text, int from, int end, bool display)
    {
        for (int j = from; j < end; j++)
        {
            if (text[j] == '\\') { j++; continue; }
            if (text[j] != '$') continue;
            bool pair = j + 1 < end && text[j + 1] == '$';
            if (display == pair && j > from) return j;
            if (pair) j++;
        }
        return -1;
    }
}
