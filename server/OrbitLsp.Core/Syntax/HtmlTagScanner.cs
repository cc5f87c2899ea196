using System.Collections.Immutable;
using System.Net;
using OrbitLsp.Core.Text;

namespace OrbitLsp.Core.Syntax;

/// <summary>Reads HTML start and end tags from raw text, as a browser would tokenise them.</summary>
public static class HtmlTagScanner
{
    /// <summary>All tags in [start, end), comments skipped. Start tags carry their attributes.</summary>
    public static List<HtmlTag> Scan(string text, int start, int end)
    {
        var tags = new List<HtmlTag>();
        int p = start;
        while (p < end)
        {
            int lt = text.IndexOf('<', p, end - p);
            if (lt < 0 || lt + 1 >= end) break;
            if (string.CompareOrdinal(text, lt, "<!--", 0, 4) == 0)
            {
                int close = text.IndexOf("-->", lt + 4, Math.Max(0, end - lt - 4), StringComparison.Ordinal);
                p = close < 0 ? end : close + 3;
                continue;
            }
            var tag = TryReadTag(text, lt, end);
            if (tag is null)
            {
                p = lt + 1;
                continue;
            }
            tags.Add(tag.Value);
            p = tag.Value.Span.End;
        }
        return tags;
    }

    public static HtmlTag? TryReadTag(string text, int lt, int end)
    {
        int p = lt + 1;
        bool isEnd = false;
        if (p < end && text[p] == '/')
        {
            isEnd = true;
            p++;
        }
        int nameStart = p;
        if (p >= end || !char.IsAsciiLetter(text[p])) return null;
        while (p < end && (char.IsAsciiLetterOrDigit(text[p]) || text[p] == '-')) p++;
        string name = text[nameStart..p].ToLowerInvariant();
        if (p < end && !char.IsWhiteSpace(text[p]) && text[p] != '>' && text[p] != '/') return null;

        var attributes = ImmutableArray.CreateBuilder<HtmlAttribute>();
        bool selfClosing = false, complete = false;
        while (p < end)
        {
            while (p < end && char.IsWhiteSpace(text[p])) p++;
            if (p >= end) break;
            char c = text[p];
            if (c == '>')
            {
                p++;
                complete = true;
                break;
            }
            if (c == '/' && p + 1 < end && text[p + 1] == '>')
            {
                selfClosing = true;
                p += 2;
                complete = true;
                break;
            }
            if (c == '<') break; // a new tag starts: this one was never closed
            int an = p;
            while (p < end && !char.IsWhiteSpace(text[p]) && text[p] is not ('=' or '>' or '/' or '<')) p++;
            if (p == an)
            {
                p++;
                continue;
            }
            var nameSpan = TextSpan.FromBounds(an, p);
            int q = p;
            while (q < end && char.IsWhiteSpace(text[q])) q++;
            if (q < end && text[q] == '=')
            {
                q++;
                while (q < end && char.IsWhiteSpace(text[q])) q++;
                char quote = q < end && (text[q] == '"' || text[q] == '\'') ? text[q] : '\0';
                int vs = q, ve;
                string raw;
                if (quote != '\0')
                {
                    int close = text.IndexOf(quote, q + 1, end - q - 1);
                    ve = close < 0 ? end : close + 1;
                    raw = text[(q + 1)..(close < 0 ? end : close)];
                }
                else
                {
                    ve = q;
                    while (ve < end && !char.IsWhiteSpace(text[ve]) && text[ve] != '>') ve++;
                    raw = text[vs..ve];
                }
                attributes.Add(new HtmlAttribute(text[an..nameSpan.End].ToLowerInvariant(), WebUtility.HtmlDecode(raw),
                    nameSpan, TextSpan.FromBounds(vs, ve), quote, true));
                p = ve;
            }
            else
            {
                attributes.Add(new HtmlAttribute(text[an..nameSpan.End].ToLowerInvariant(), "", nameSpan, new TextSpan(nameSpan.End, 0), '\0', false));
            }
        }
        var span = TextSpan.FromBounds(lt, p);
        HtmlElement? element = isEnd ? null : new HtmlElement
        {
            Name = name,
            StartTag = span,
            Attributes = attributes.ToImmutable(),
            IsSelfClosing = selfClosing,
            IsComplete = complete,
        };
        return new HtmlTag(name, span, isEnd, selfClosing, element);
    }

    private static readonly HashSet<string> VoidElements =
        ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"];

    public static bool IsVoid(string name) => VoidElements.Contains(name);
}
