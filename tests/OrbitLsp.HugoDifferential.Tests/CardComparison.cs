using System.Text;
using System.Text.RegularExpressions;
using OrbitLsp.HugoDifferential.Tests.Cli;
using OrbitLsp.HugoDifferential.Tests.Hugo;

namespace OrbitLsp.HugoDifferential.Tests;

/// <summary>One published card, from either side, in the fields both sides can tell.</summary>
internal sealed record CardRow(int Block, int Prompt, string? Question, string? Answer, string? Color, bool Hidden)
{
    // NOTE: an area without a color attribute is shown as color "": Orbit treats both alike
    // (a colour from the host name), and the CLI's color is a string.
    public static IReadOnlyList<CardRow> FromHugo(IReadOnlyList<RenderedArea> areas) =>
        areas.SelectMany((area, block) => area.Prompts.Select((p, prompt) =>
            new CardRow(block, prompt, p.Question, p.Answer, area.Color ?? "", area.Hidden))).ToList();

    public static IReadOnlyList<CardRow> FromCli(IEnumerable<CliCard> cards) =>
        cards.OrderBy(c => c.Block).ThenBy(c => c.Prompt)
            .Select(c => new CardRow(c.Block, c.Prompt, c.Question, c.Answer, c.Color, c.Hidden)).ToList();

    public override string ToString() =>
        $"{Block}.{Prompt} {(Hidden ? "hidden " : "")}color={Show(Color)} Q={Show(Question)} A={Show(Answer)}";

    /// <summary>A value with its invisible characters spelled out: \r, \t, U+00A0 ...</summary>
    public static string Show(string? value)
    {
        if (value is null)
        {
            return "(none)";
        }
        var text = new StringBuilder("\"");
        foreach (var c in value)
        {
            text.Append(c switch
            {
                '\r' => "\\r",
                '\n' => "\\n",
                '\t' => "\\t",
                '"' => "\\\"",
                '\\' => "\\\\",
                _ when char.IsControl(c) || c is '\u00a0' or '\ufeff' => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }
        return text.Append('"').ToString();
    }
}

/// <summary>How the cards of one note compare, and why a difference is expected when it is.</summary>
internal static partial class CardComparison
{
    private const string ShortcodeInBlock = "OL004";

    /// <summary>
    /// Blocks whose cards only their templates know: another shortcode called inside a block runs
    /// first, and its output (nothing, for this site's `figure`; a multi-line &lt;figure&gt; for
    /// Hugo's own) becomes prompt lines. check reports such a line as an error (OL004); the block
    /// holding it (the last block whose first card is at or above that line) is left out.
    /// </summary>
    public static IReadOnlySet<int> UnknowableBlocks(IEnumerable<CliCard> cards, IEnumerable<CliDiagnostic> diagnostics)
    {
        var starts = cards.GroupBy(c => c.Block).Select(g => (Block: g.Key, Line: g.Min(c => c.Line))).ToList();
        var blocks = diagnostics.Where(d => d.Code == ShortcodeInBlock)
            .Select(d => starts.Where(s => s.Line <= d.Line).OrderBy(s => s.Line).Select(s => (int?)s.Block).LastOrDefault())
            .OfType<int>()
            .ToHashSet();
        // A call written inside a prompt's sentence is replaced by its output in place: only the
        // template knows that output, so such a block is left out too.
        foreach (var card in cards)
            if (HasCall(card.Question) || HasCall(card.Answer)) blocks.Add(card.Block);
        return blocks;

        static bool HasCall(string? text) => text is not null && (text.Contains("{{<", StringComparison.Ordinal) || text.Contains("{{%", StringComparison.Ordinal));
    }

    /// <summary>
    /// Differences FACTS.md explains, where the page holds no review area as written: a block nested
    /// in another (its HTML became one prompt line of the outer block) and a `{{% %}}` block inside a
    /// code fence (its HTML is shown as code text).
    /// </summary>
    public static string? ExpectedDifference(string html, IReadOnlyList<RenderedArea> areas)
    {
        if (areas.SelectMany(a => a.Prompts).Any(p => IsNestedArea(p.Question) || IsNestedArea(p.Answer)))
        {
            return "a block nested in a block (FACTS.md: the inner block's HTML is one prompt line)";
        }
        if (EscapedArea().IsMatch(html))
        {
            return "a {{% %}} block in a code fence (FACTS.md: shown as code text, no review area)";
        }
        return null;
    }

    /// <summary>A prompt value that is the one-line output of layouts/shortcodes/orbit_review.html.</summary>
    public static bool IsNestedArea(string? value) => value is not null && NestedArea().IsMatch(value);

    [GeneratedRegex("""^<orbit-reviewarea color="[^"]*">.*</orbit-reviewarea>$""", RegexOptions.Singleline)]
    private static partial Regex NestedArea();

    [GeneratedRegex("""&lt;orbit-reviewarea color=&#34;[^&]*&#34;&gt;(&lt;orbit-prompt|&lt;/orbit-reviewarea&gt;)""")]
    private static partial Regex EscapedArea();

    /// <summary>Hugo's cards and the CLI's, one row each, differing rows marked.</summary>
    public static string SideBySide(IReadOnlyList<CardRow> hugo, IReadOnlyList<CardRow> cli)
    {
        const int width = 90;
        var left = hugo.Select(r => r.ToString()).ToList();
        var right = cli.Select(r => r.ToString()).ToList();
        var column = Math.Min(width, Math.Max(12, left.DefaultIfEmpty("").Max(s => s.Length)));
        var text = new StringBuilder();
        text.Append("    ").Append("Hugo publishes".PadRight(column)).Append(" | orbitlsp cards\n");
        string? firstDifference = null;
        for (var i = 0; i < Math.Max(left.Count, right.Count); i++)
        {
            var l = i < left.Count ? left[i] : "";
            var r = i < right.Count ? right[i] : "";
            var same = i < hugo.Count && i < cli.Count && hugo[i] == cli[i];
            if (!same && firstDifference is null)
            {
                firstDifference = $"    first difference, in full:\n      Hugo: {(l.Length > 0 ? l : "(no card)")}\n      CLI : {(r.Length > 0 ? r : "(no card)")}\n";
            }
            text.Append(same ? "    " : "  ≠ ").Append(Cut(l, column).PadRight(column)).Append(" | ").Append(Cut(r, width)).Append('\n');
        }
        return text.Append(firstDifference).ToString();
    }

    private static string Cut(string text, int width) => text.Length <= width ? text : text[..(width - 1)] + "…";
}
