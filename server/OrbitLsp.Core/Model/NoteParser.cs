using System.Collections.Immutable;
using OrbitLsp.Core.Syntax;
using OrbitLsp.Core.Text;

namespace OrbitLsp.Core.Model;

/// <summary>
/// Reads a note into a <see cref="NoteDocument"/> in the order Hugo does: front matter, then
/// shortcodes on the raw text, then Markdown around them. Never throws: broken input is data.
/// </summary>
internal static class NoteParser
{
    public const string ReviewShortcode = "orbit_review";
    public const string LegacyStart = "orbit_review_start";
    public const string LegacyCard = "orbit_flashcard";
    public const string LegacyEnd = "orbit_review_end";

    public static NoteDocument Parse(string text)
    {
        text ??= "";
        var lines = LineMap.Create(text);
        var frontMatter = FrontMatterParser.Parse(text, lines);
        int bodyStart = BodyStart(text, lines, frontMatter);

        var calls = ShortcodeLexer.Lex(text, bodyStart, text.Length);
        var matched = ShortcodeMatcher.Match(text, calls, text.Length);

        var blocks = new List<ReviewBlock>(matched.Blocks);
        if (frontMatter is { IsClosed: true } && text.AsSpan(frontMatter.ContentSpan.Start, frontMatter.ContentSpan.Length).Contains("{{", StringComparison.Ordinal))
        {
            var inFrontMatter = ShortcodeMatcher.Match(text, ShortcodeLexer.Lex(text, frontMatter.ContentSpan.Start, frontMatter.ContentSpan.End), frontMatter.ContentSpan.End);
            foreach (var b in inFrontMatter.Blocks)
            {
                b.Placement = BlockPlacement.FrontMatter;
                blocks.Add(b);
            }
        }

        // Every shortcode call and every top-level block is one placeholder to the Markdown reader.
        var opaque = new List<TextSpan>(calls.Length + matched.Blocks.Count);
        foreach (var b in matched.Blocks) if (b.Parent is null) opaque.Add(b.Span);
        foreach (var c in calls) opaque.Add(c.Span);
        opaque.Sort((a, b) => a.Start.CompareTo(b.Start));
        var merged = Merge(opaque);

        var regions = MarkdownContext.Scan(text, lines, bodyStart, merged);
        foreach (var block in matched.Blocks)
        {
            if (block.Parent is not null)
            {
                block.Placement = BlockPlacement.Nested;
                continue;
            }
            block.Placement = MarkdownContext.At(regions, block.Span.Start)?.Kind switch
            {
                ContextKind.CodeFence => BlockPlacement.CodeFence,
                ContextKind.HtmlComment => BlockPlacement.HtmlComment,
                _ => MarkdownContext.IsIndentedCode(text, lines, block.Span.Start, bodyStart) ? BlockPlacement.CodeFence : BlockPlacement.Body,
            };
        }

        var html = HtmlBlockReader.Read(text, lines, bodyStart, merged, regions);
        blocks.AddRange(html.Blocks);

        blocks.Sort((a, b) => a.Span.Start.CompareTo(b.Span.Start));
        for (int i = 0; i < blocks.Count; i++) blocks[i].Index = i;

        return new NoteDocument
        {
            Text = text,
            Lines = lines,
            FrontMatter = frontMatter,
            BodyStart = bodyStart,
            Calls = calls,
            Blocks = [.. blocks],
            Regions = regions,
            StrayClosingTags = matched.StrayClosings,
            OrphanFlashcards = matched.OrphanFlashcards,
            OrphanLegacyEnds = matched.OrphanLegacyEnds,
            OrphanHtmlPrompts = html.OrphanPrompts,
        };
    }

    private static int BodyStart(string text, LineMap lines, FrontMatter? frontMatter)
    {
        if (frontMatter is null) return 0;
        if (frontMatter.IsClosed) return frontMatter.Span.End;
        // NOTE: Hugo fails on front matter it cannot end; reading on after its first line keeps
        // the note's blocks visible while the author is still typing the front matter.
        if (frontMatter.ContentSpan.Length == 0) return 0;
        return lines.LineEndIncludingBreak(lines.GetLine(frontMatter.Span.Start));
    }

    private static List<TextSpan> Merge(List<TextSpan> sorted)
    {
        var merged = new List<TextSpan>(sorted.Count);
        foreach (var s in sorted)
        {
            if (merged.Count > 0 && s.Start <= merged[^1].End)
            {
                if (s.End > merged[^1].End) merged[^1] = TextSpan.FromBounds(merged[^1].Start, s.End);
            }
            else merged.Add(s);
        }
        return merged;
    }
}
