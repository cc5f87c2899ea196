using System.Net;
using System.Text.RegularExpressions;

namespace OrbitLsp.HugoDifferential.Tests.Hugo;

/// <summary>A prompt as the page publishes it; null when the attribute is absent.</summary>
internal sealed record RenderedPrompt(string? Question, string? Answer);

/// <summary>A review area as the page publishes it, in document order.</summary>
/// <param name="Hidden">Inside an HTML comment, so the browser never shows it.</param>
internal sealed record RenderedArea(string? Color, bool Hidden, IReadOnlyList<RenderedPrompt> Prompts);

/// <summary>
/// Reads the review areas and the prompts Orbit will load out of a page Hugo wrote. Only real
/// tags count: the escaped text `&lt;orbit-reviewarea` (in a prompt value, in a code block) is
/// text. Values are entity-decoded but otherwise raw: the `\r` of a CRLF note stays a `\r`.
/// </summary>
/// <remarks>
/// Orbit loads only the prompts that are direct children of their review area (ORBIT-FORMAT §4),
/// so the reader keeps a stack of open elements with the parts of the HTML tree-building rules
/// that Markdown output meets: a block start tag or `</p>` closes an open paragraph (popping any
/// element inside it), and an end tag that meets a paragraph or other block first is ignored.
/// Inside an HTML comment the browser builds nothing; its areas are read the same way, marked hidden.
/// </remarks>
internal static partial class RenderedPage
{
    // As a browser reads a start tag: a quote or `<` left over from a value cut short is part of
    // the next attribute's name, and `/` separates attributes like a space.
    private const string Attributes = """(?<attributes>(?:[\s/]+[^\s/>][^\s/>=]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)[\s/]*>""";

    [GeneratedRegex("<(?<name>[a-zA-Z][^\\s/>]*)" + Attributes + """|</(?<end>[a-zA-Z][^\s/>]*)[^>]*>""")]
    private static partial Regex Tag();

    [GeneratedRegex("""[\s/]+(?<name>[^\s/>][^\s/>=]*)(?:\s*=\s*(?:"(?<value>[^"]*)"|'(?<value>[^']*)'|(?<value>[^\s>]+)))?""")]
    private static partial Regex Attribute();

    private static readonly HashSet<string> Void =
        ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"];

    // Start tags that close an open <p> (HTML "in body" insertion mode).
    private static readonly HashSet<string> ClosesParagraph =
    [
        "address", "article", "aside", "blockquote", "center", "details", "dialog", "dir", "div", "dl",
        "fieldset", "figcaption", "figure", "footer", "header", "hgroup", "main", "menu", "nav", "ol", "p",
        "search", "section", "summary", "ul", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "listing", "form",
        "table", "hr", "li", "dd", "dt", "xmp",
    ];

    // Elements an unmatched end tag may not cross (the "special" category, as far as Markdown goes).
    private static readonly HashSet<string> Special =
    [
        .. ClosesParagraph, "html", "body", "td", "th", "tr", "tbody", "thead", "caption", "button", "iframe",
        "noscript", "object", "template", "img", "br",
    ];

    private static readonly HashSet<string> ButtonScope =
        ["html", "table", "td", "th", "caption", "marquee", "object", "template", "applet", "button"];

    private sealed class OpenArea(string? color, bool hidden)
    {
        public List<RenderedPrompt> Prompts { get; } = [];

        public RenderedArea Freeze() => new(color, hidden, Prompts);
    }

    private sealed record Element(string Name, OpenArea? Area);

    public static IReadOnlyList<RenderedArea> Parse(string html)
    {
        var areas = new List<OpenArea>();
        var page = new List<Element>();
        var at = 0;
        foreach (var (start, end) in CommentRanges(html))
        {
            Read(html[at..start], hidden: false, areas, page);
            Read(html[start..end], hidden: true, areas, []);
            at = end;
        }
        Read(html[at..], hidden: false, areas, page);
        return areas.Select(a => a.Freeze()).ToList();
    }

    private static void Read(string html, bool hidden, List<OpenArea> areas, List<Element> stack)
    {
        foreach (Match tag in Tag().Matches(html))
        {
            if (tag.Groups["end"].Success)
            {
                CloseElement(stack, tag.Groups["end"].Value.ToLowerInvariant());
                continue;
            }
            var name = tag.Groups["name"].Value.ToLowerInvariant();
            if (ClosesParagraph.Contains(name))
            {
                CloseParagraph(stack);
            }
            if (name == "li")
            {
                var li = stack.FindLastIndex(e => e.Name is "li" or "ul" or "ol");
                if (li >= 0 && stack[li].Name == "li")
                {
                    stack.RemoveRange(li, stack.Count - li);
                }
            }
            var attributes = ParseAttributes(tag.Groups["attributes"].Value);
            OpenArea? area = null;
            if (name == "orbit-reviewarea")
            {
                area = new OpenArea(attributes.GetValueOrDefault("color"), hidden);
                areas.Add(area);
            }
            else if (name == "orbit-prompt" && stack.Count > 0 && stack[^1].Area is { } parent)
            {
                // As `orbitlsp cards` lists them: a cloze prompt is its cloze text with an empty answer,
                // and a missing attribute is an empty text (check reports it: OL040, OL041).
                string? cloze = attributes.GetValueOrDefault("cloze");
                parent.Prompts.Add(new RenderedPrompt(
                    attributes.GetValueOrDefault("question") ?? cloze ?? "",
                    attributes.GetValueOrDefault("answer") ?? ""));
            }
            // NOTE: a prompt that is not a direct child of an area is ignored by Orbit (or throws,
            // outside any area): it publishes no card.
            if (!Void.Contains(name))
            {
                stack.Add(new Element(name, area));
            }
        }
    }

    private static void CloseParagraph(List<Element> stack)
    {
        for (var i = stack.Count - 1; i >= 0 && !ButtonScope.Contains(stack[i].Name); i--)
        {
            if (stack[i].Name == "p")
            {
                stack.RemoveRange(i, stack.Count - i);
                return;
            }
        }
    }

    private static void CloseElement(List<Element> stack, string name)
    {
        if (name == "p")
        {
            CloseParagraph(stack);
            return;
        }
        for (var i = stack.Count - 1; i >= 0; i--)
        {
            if (stack[i].Name == name)
            {
                stack.RemoveRange(i, stack.Count - i);
                return;
            }
            if (Special.Contains(stack[i].Name))
            {
                return;
            }
        }
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
}
