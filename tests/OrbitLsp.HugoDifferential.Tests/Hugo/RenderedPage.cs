using System.Net;
using System.Text.RegularExpressions;

namespace OrbitLsp.HugoDifferential.Tests.Hugo;

/// <summary>A prompt as the page publishes it; null when the attribute is absent.</summary>
internal sealed record RenderedPrompt(string? Question, string? Answer);

/// <summary>A review area as the page publishes it, in document order.</summary>
/// <param name="Hidden">Inside an HTML comment, so the browser never shows it.</param>
internal sealed record RenderedArea(string? Color, bool Hidden, IReadOnlyList<RenderedPrompt> Prompts);

/// <summary>
/// Reads the review areas and prompts out of a page Hugo wrote. Only real tags count: the
/// escaped text `&lt;orbit-reviewarea` (a prompt value, a code block) is text, as in a browser.
/// Values are entity-decoded but otherwise raw: the `\r` of a CRLF note stays a `\r`.
/// </summary>
internal static partial class RenderedPage
{
    // As a browser reads a start tag: a quote or `<` left over from a value cut short is part of
    // the next attribute's name, and `/` separates attributes like a space.
    private const string Attributes = """(?<attributes>(?:[\s/]+[^\s/>][^\s/>=]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)[\s/]*>""";

    [GeneratedRegex("<orbit-reviewarea" + Attributes + "|<orbit-prompt" + Attributes + """|(?<end></orbit-reviewarea\s*>)""",
        RegexOptions.IgnoreCase)]
    private static partial Regex Tag();

    [GeneratedRegex("""[\s/]+(?<name>[^\s/>][^\s/>=]*)(?:\s*=\s*(?:"(?<value>[^"]*)"|'(?<value>[^']*)'|(?<value>[^\s>]+)))?""")]
    private static partial Regex Attribute();

    private sealed class OpenArea(string? color, bool hidden)
    {
        public List<RenderedPrompt> Prompts { get; } = [];

        public RenderedArea Freeze() => new(color, hidden, Prompts);
    }

    public static IReadOnlyList<RenderedArea> Parse(string html)
    {
        var comments = CommentRanges(html);
        var areas = new List<OpenArea>();
        var open = new Stack<OpenArea>();
        foreach (Match tag in Tag().Matches(html))
        {
            if (tag.Groups["end"].Success)
            {
                open.TryPop(out _);
                continue;
            }
            var attributes = ParseAttributes(tag.Groups["attributes"].Value);
            if (tag.Value.StartsWith("<orbit-reviewarea", StringComparison.OrdinalIgnoreCase))
            {
                var area = new OpenArea(attributes.GetValueOrDefault("color"), IsInside(comments, tag.Index));
                areas.Add(area);
                open.Push(area);
            }
            else if (open.TryPeek(out var area))
            {
                area.Prompts.Add(new RenderedPrompt(attributes.GetValueOrDefault("question"), attributes.GetValueOrDefault("answer")));
            }
            // NOTE: a prompt outside any area is an error in Orbit and publishes no card: ignored.
        }
        return areas.Select(a => a.Freeze()).ToList();
    }

    private static Dictionary<string, string?> ParseAttributes(string text)
    {
        var result = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (Match attribute in Attribute().Matches(text))
        {
            var value = attribute.Groups["value"];
            // HTML keeps the first of duplicated attributes.
            result.TryAdd(attribute.Groups["name"].Value, value.Success ? WebUtility.HtmlDecode(value.Value) : "");
        }
        return result;
    }

    private static List<(int Start, int End)> CommentRanges(string html)
    {
        var ranges = new List<(int, int)>();
        for (var start = html.IndexOf("<!--", StringComparison.Ordinal); start >= 0;)
        {
            var end = html.IndexOf("-->", start + 4, StringComparison.Ordinal);
            end = end < 0 ? html.Length : end + 3;
            ranges.Add((start, end));
            start = html.IndexOf("<!--", end, StringComparison.Ordinal);
        }
        return ranges;
    }

    private static bool IsInside(List<(int Start, int End)> ranges, int index) =>
        ranges.Any(r => index >= r.Start && index < r.End);
}
