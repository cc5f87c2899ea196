using OrbitLsp.Core.Text;

namespace OrbitLsp.Core.Ide.Fixes;

/// <summary>Applying, combining and computing <see cref="TextEdit"/>s on a note's text.</summary>
public static class TextEdits
{
    /// <summary>The text with every edit applied at once; the edits must not overlap.</summary>
    public static string Apply(string text, IEnumerable<TextEdit> edits)
    {
        var sorted = edits.OrderBy(e => e.Span.Start).ThenBy(e => e.Span.End).ToList();
        var sb = new System.Text.StringBuilder(text.Length);
        int p = 0;
        foreach (var e in sorted)
        {
            if (e.Span.Start < p || e.Span.End > text.Length)
                throw new ArgumentException($"Edit {e.Span} overlaps another or lies outside the text.", nameof(edits));
            sb.Append(text, p, e.Span.Start - p).Append(e.NewText);
            p = e.Span.End;
        }
        return sb.Append(text, p, text.Length - p).ToString();
    }

    /// <summary>
    /// True when two edits cannot be applied together unambiguously: their spans overlap, or one
    /// inserts where the other starts or ends (the order of the two would then matter).
    /// </summary>
    public static bool Conflict(TextEdit a, TextEdit b)
    {
        if (a.Span.OverlapsWith(b.Span)) return true;
        bool touch = a.Span.Start == b.Span.End || b.Span.Start == a.Span.End || a.Span.Start == b.Span.Start;
        return touch && (a.Span.IsEmpty || b.Span.IsEmpty);
    }

    /// <summary>
    /// Edits that turn <paramref name="before"/> into <paramref name="after"/>, whole lines at a
    /// time (line breaks compared exactly): one edit per run of changed lines.
    /// </summary>
    public static IReadOnlyList<TextEdit> Diff(string before, string after)
    {
        if (before == after) return [];
        var a = SplitKeepingBreaks(before);
        var b = SplitKeepingBreaks(after);
        int prefix = 0;
        while (prefix < a.Count && prefix < b.Count && a[prefix].Text == b[prefix].Text) prefix++;
        int suffix = 0;
        while (suffix < a.Count - prefix && suffix < b.Count - prefix && a[^(suffix + 1)].Text == b[^(suffix + 1)].Text) suffix++;
        int n = a.Count - prefix - suffix, m = b.Count - prefix - suffix;
        var edits = new List<TextEdit>();
        if ((long)n * m > 4_000_000)
        {
            edits.Add(Replace(a, b, prefix, prefix + n, prefix, prefix + m, before.Length));
            return edits;
        }
        // Longest common subsequence of the changed middle, then one edit per gap.
        var lcs = new int[n + 1, m + 1];
        for (int i = n - 1; i >= 0; i--)
            for (int j = m - 1; j >= 0; j--)
                lcs[i, j] = a[prefix + i].Text == b[prefix + j].Text ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
        int x = 0, y = 0, gapA = 0, gapB = 0;
        while (x < n || y < m)
        {
            if (x < n && y < m && a[prefix + x].Text == b[prefix + y].Text)
            {
                if (gapA < x || gapB < y) edits.Add(Replace(a, b, prefix + gapA, prefix + x, prefix + gapB, prefix + y, before.Length));
                x++; y++;
                gapA = x; gapB = y;
            }
            else if (y < m && (x == n || lcs[x, y + 1] >= lcs[x + 1, y])) y++;
            else x++;
        }
        if (gapA < n || gapB < m) edits.Add(Replace(a, b, prefix + gapA, prefix + n, prefix + gapB, prefix + m, before.Length));
        return edits;
    }

    private static TextEdit Replace(List<(int Start, string Text)> a, List<(int Start, string Text)> b, int a0, int a1, int b0, int b1, int length)
    {
        int start = a0 < a.Count ? a[a0].Start : length;
        int end = a1 < a.Count ? a[a1].Start : length;
        return new TextEdit(TextSpan.FromBounds(start, end), string.Concat(b.Skip(b0).Take(b1 - b0).Select(l => l.Text)));
    }

    private static List<(int Start, string Text)> SplitKeepingBreaks(string text)
    {
        var lines = new List<(int, string)>();
        int start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n')))
            {
                lines.Add((start, text[start..(i + 1)]));
                start = i + 1;
            }
        }
        if (start < text.Length) lines.Add((start, text[start..]));
        return lines;
    }
}
