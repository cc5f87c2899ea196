using System.Collections.Immutable;
using OrbitLsp.Core.Syntax;
using OrbitLsp.Core.Text;

namespace OrbitLsp.Core.Model;

/// <summary>
/// Review areas written as raw HTML: <c>&lt;orbit-reviewarea&gt;</c> holding
/// <c>&lt;orbit-prompt&gt;</c> elements. Orbit only sees prompts that are direct children of the
/// area, so a prompt inside another element, or one that Markdown wraps in a paragraph or turns
/// into code, is recorded as ignored.
/// </summary>
internal static class HtmlBlockReader
{
    public sealed record Result(List<ReviewBlock> Blocks, ImmutableArray<HtmlElement> OrphanPrompts);

    private sealed class Area(HtmlElement element)
    {
        public HtmlElement Element { get; } = element;
        public List<HtmlElement> Prompts { get; } = [];
        public List<(HtmlElement, string)> Ignored { get; } = [];
        public List<string> OpenTags { get; } = [];
    }

    public static Result Read(string text, LineMap lines, int bodyStart, IReadOnlyList<TextSpan> opaque, ImmutableArray<ContextRegion> regions)
    {
        var blocks = new List<ReviewBlock>();
        var orphans = ImmutableArray.CreateBuilder<HtmlElement>();
        if (!MentionsOrbitElement(text, bodyStart)) return new Result(blocks, orphans.ToImmutable());

        Area? area = null;
        HtmlElement? lastPrompt = null;
        foreach (var (from, to) in Gaps(bodyStart, text.Length, opaque, regions))
        {
            foreach (var tag in HtmlTagScanner.Scan(text, from, to))
            {
                if (tag.Name == "orbit-reviewarea")
                {
                    if (tag.IsEnd)
                    {
                        if (area is not null)
                        {
                            area.Element.EndTag = tag.Span;
                            blocks.Add(Build(area, closed: true));
                            area = null;
                        }
                    }
                    else
                    {
                        if (area is not null) blocks.Add(Build(area, closed: false));
                        area = new Area(tag.Element!);
                    }
                }
                else if (tag.Name == "orbit-prompt")
                {
                    if (tag.IsEnd)
                    {
                        if (lastPrompt is not null && lastPrompt.EndTag is null) lastPrompt.EndTag = tag.Span;
                        continue;
                    }
                    lastPrompt = tag.Element!;
                    if (area is null) orphans.Add(lastPrompt);
                    else if (area.OpenTags.Count > 0)
                        area.Ignored.Add((lastPrompt, $"it sits inside <{area.OpenTags[^1]}>, not directly in <orbit-reviewarea>"));
                    else if (MarkdownWrap(text, lines, opaque, area.Element, lastPrompt) is { } why) area.Ignored.Add((lastPrompt, why));
                    else area.Prompts.Add(lastPrompt);
                }
                else if (area is not null && !HtmlTagScanner.IsVoid(tag.Name) && !tag.IsSelfClosing)
                {
                    if (!tag.IsEnd) area.OpenTags.Add(tag.Name);
                    else
                    {
                        int i = area.OpenTags.LastIndexOf(tag.Name);
                        if (i >= 0) area.OpenTags.RemoveRange(i, area.OpenTags.Count - i);
                    }
                }
            }
        }
        if (area is not null) blocks.Add(Build(area, closed: false));
        return new Result(blocks, orphans.ToImmutable());
    }

    /// <summary>
    /// Whether "&lt;orbit-" appears at all, in any case. Looking at each '&lt;' is many times faster
    /// than a case-insensitive search of the whole text, and prose holds few of them.
    /// </summary>
    private static bool MentionsOrbitElement(string text, int start)
    {
        var span = text.AsSpan(start);
        while (true)
        {
            int at = span.IndexOf('<');
            if (at < 0) return false;
            if (span[(at + 1)..].StartsWith("orbit-", StringComparison.OrdinalIgnoreCase)) return true;
            span = span[(at + 1)..];
        }
    }

    /// <summary>The parts of the body that Markdown passes through as HTML: no shortcodes, no code fences.</summary>
    private static IEnumerable<(int From, int To)> Gaps(int start, int end, IReadOnlyList<TextSpan> opaque, ImmutableArray<ContextRegion> regions)
    {
        var holes = new List<TextSpan>(opaque);
        foreach (var r in regions) if (r.Kind == ContextKind.CodeFence) holes.Add(r.Span);
        holes.Sort((a, b) => a.Start.CompareTo(b.Start));
        int p = start;
        foreach (var h in holes)
        {
            if (h.End <= p) continue;
            if (h.Start > p) yield return (p, h.Start);
            p = Math.Max(p, h.End);
        }
        if (p < end) yield return (p, end);
    }

    /// <summary>
    /// Why Markdown keeps a prompt from being a direct child of its area, or null. After a blank
    /// line, a line indented four spaces is code, and a line that is not one lone tag starts a
    /// paragraph, so the prompt ends up inside <c>&lt;p&gt;</c>. A blank line inside a shortcode
    /// call or block is no blank line to Markdown: the call is one placeholder there, and
    /// <c>orbit_review</c> writes one line whatever blank lines its inner text holds (found by
    /// fuzzing: formatting a block between an area and its prompt put a blank line between pairs).
    /// </summary>
    private static string? MarkdownWrap(string text, LineMap lines, IReadOnlyList<TextSpan> opaque, HtmlElement area, HtmlElement prompt)
    {
        int areaLine = lines.GetLine(area.StartTag.Start);
        int line = lines.GetLine(prompt.StartTag.Start);
        int blockStart = line;
        while (blockStart > areaLine && !(IsBlank(text, lines, blockStart - 1) && !InsideOpaque(opaque, lines.LineStart(blockStart - 1)))) blockStart--;
        if (blockStart == areaLine) return null;
        int ls = lines.LineStart(blockStart), le = lines.LineEnd(blockStart, text);
        var content = text.AsSpan(ls, le - ls);
        int indent = 0;
        while (indent < content.Length && content[indent] == ' ') indent++;
        if (indent >= 4 || (indent < content.Length && content[indent] == '\t'))
            return "after a blank line it is indented four spaces, so Markdown shows it as code";
        var trimmed = content.Trim();
        if (trimmed.StartsWith("<") && trimmed.EndsWith(">") && trimmed[1..^1].IndexOfAny('<', '>') < 0) return null;
        return "after a blank line Markdown wraps it in a paragraph (<p>), so it is no longer a direct child of <orbit-reviewarea>";
    }

    /// <summary>Whether the offset lies inside a shortcode call or block, after its first character (the spans are sorted and apart).</summary>
    private static bool InsideOpaque(IReadOnlyList<TextSpan> opaque, int offset)
    {
        int lo = 0, hi = opaque.Count - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            if (opaque[mid].Start < offset) lo = mid + 1;
            else hi = mid - 1;
        }
        // hi: the last span starting before the offset.
        return hi >= 0 && opaque[hi].End > offset;
    }

    private static bool IsBlank(string text, LineMap lines, int line)
    {
        int ls = lines.LineStart(line), le = lines.LineEnd(line, text);
        return text.AsSpan(ls, le - ls).IsWhiteSpace();
    }

    private static ReviewBlock Build(Area area, bool closed)
    {
        var prompts = ImmutableArray.CreateBuilder<Prompt>(area.Prompts.Count);
        foreach (var e in area.Prompts)
        {
            var q = e.Get("question");
            var a = e.Get("answer");
            var cloze = e.Get("cloze");
            prompts.Add(new Prompt
            {
                Index = prompts.Count,
                Question = q?.Value ?? cloze?.Value ?? "",
                Answer = a?.Value ?? "",
                QuestionSpan = q?.ValueSpan ?? cloze?.ValueSpan ?? e.StartTag,
                AnswerSpan = a?.ValueSpan,
                Span = e.Span,
                HasAnswer = a is not null || cloze is not null,
                Element = e,
                Cloze = cloze?.Value,
                QuestionAttachments = Attachments(e.Get("question-attachments")),
                AnswerAttachments = Attachments(e.Get("answer-attachments")),
            });
        }
        var color = area.Element.Get("color");
        var end = area.Element.EndTag?.End ?? (area.Prompts.Count > 0 ? area.Prompts[^1].Span.End : area.Element.StartTag.End);
        return new ReviewBlock
        {
            Form = BlockForm.Html,
            Area = area.Element,
            Span = TextSpan.FromBounds(area.Element.StartTag.Start, end),
            InnerSpan = TextSpan.FromBounds(area.Element.StartTag.End, area.Element.EndTag?.Start ?? end),
            IsClosed = closed,
            Color = color?.Value ?? "",
            ColorAttribute = color,
            Prompts = prompts.MoveToImmutable(),
            IgnoredPrompts = [.. area.Ignored],
        };
    }

    private static ImmutableArray<string> Attachments(HtmlAttribute? attribute) =>
        attribute is null ? [] : [.. attribute.Value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
