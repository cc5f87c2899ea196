namespace OrbitLsp.Core.Model;

/// <summary>The twelve review-area colours Orbit accepts; any other name makes the area fail to load.</summary>
public static class OrbitColors
{
    public static IReadOnlyList<string> All { get; } =
        ["red", "orange", "brown", "yellow", "lime", "green", "turquoise", "cyan", "blue", "violet", "purple", "pink"];

    public static bool IsValid(string color) => All.Contains(color);

    /// <summary>The palette name closest to what was written (case, quotes and typos forgiven).</summary>
    public static string Nearest(string written)
    {
        string w = written.Trim().Trim('\'', '"', '`').ToLowerInvariant();
        if (IsValid(w)) return w;
        string best = All[0];
        int bestDistance = int.MaxValue;
        foreach (var c in All)
        {
            int d = EditDistance(w, c);
            if (d < bestDistance)
            {
                best = c;
                bestDistance = d;
            }
        }
        return best;
    }

    /// <summary>A palette name close enough to what was written to be what was meant, or null.</summary>
    public static string? Suggest(string written)
    {
        string w = written.Trim().Trim('\'', '"', '`').ToLowerInvariant();
        if (IsValid(w)) return w;
        string near = Nearest(w);
        return EditDistance(w, near) <= Math.Max(1, near.Length / 3) || near.StartsWith(w, StringComparison.Ordinal) && w.Length >= 3 ? near : null;
    }

    /// <summary>Levenshtein distance: the edits that turn one word into the other.</summary>
    internal static int EditDistance(string a, string b)
    {
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) prev[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (int j = 1; j <= b.Length; j++)
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (prev, cur) = (cur, prev);
        }
        return prev[b.Length];
    }
}
