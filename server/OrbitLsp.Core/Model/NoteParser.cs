using System.Buffers;
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

    /// <summary>
    /// Notes at least this long (chars: 4 MB of UTF-16) are read and checked on two threads where
    /// the work parts cleanly (the review blocks, the checks). Their text and model no longer fit
    /// in a core's caches, and each core brings its own cache and its own requests to memory;
    /// smaller notes take less time than handing work to another thread is worth.
    /// </summary>
    public const int ParallelFrom = 2 * 1024 * 1024;

    /// <summary>Whether a note this long is worth two threads on this machine (or as told, for tests).</summary>
    public static bool InParallel(string text, bool? parallel = null) => parallel ?? (text.Length >= ParallelFrom && Environment.ProcessorCount > 1);

    public static NoteDocument Parse(string text, bool? parallel = null)
    {
        text ??= "";
        var lines = LineMap.Create(text, InParallel(text, parallel));
        var frontMatter = FrontMatterParser.Parse(text, lines);
        int bodyStart = BodyStart(text, lines, frontMatter);

        var calls = ShortcodeLexer.Lex(text, bodyStart, text.Length, InParallel(text, parallel));
        var matched = ShortcodeMatcher.Match(text, calls, text.Length, parallel);

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
        // The spans live in a pooled array: for a large note a new one each time would be a large
        // object, and large objects are what make an analysis pay for full collections.
        var pooled = ArrayPool<TextSpan>.Shared.Rent(calls.Length + matched.Blocks.Count);
        try
        {
            // Both are in order of their starts (the calls as lexed, the blocks as matched): merged,
            // not sorted (a sort of a large note's spans cost more than the rest of this step).
            // Spans starting together may come in either order: the merge below joins them alike.
            int n = 0, next = 0;
            foreach (var b in matched.Blocks)
            {
                if (b.Parent is not null) continue;
                for (; next < calls.Length && calls[next].Span.Start < b.Span.Start; next++) pooled[n++] = calls[next].Span;
                pooled[n++] = b.Span;
            }
            for (; next < calls.Length; next++) pooled[n++] = calls[next].Span;
            bool inOrder = true;
            for (int i = 1; i < n && inOrder; i++) inOrder = pooled[i - 1].Start <= pooled[i].Start;
            if (!inOrder) Array.Sort(pooled, 0, n, SpanStartComparer.Instance);
            var merged = new ArraySegment<TextSpan>(pooled, 0, Merge(pooled, n));
            return Finish(text, lines, frontMatter, bodyStart, calls, matched, blocks, merged);
        }
        finally
        {
            ArrayPool<TextSpan>.Shared.Return(pooled);
        }
    }

    private static NoteDocument Finish(string text, LineMap lines, FrontMatter? frontMatter, int bodyStart,
        ImmutableArray<ShortcodeCall> calls, ShortcodeMatcher.Result matched, List<ReviewBlock> blocks, IReadOnlyList<TextSpan> merged)
    {
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

    /// <summary>Merges overlapping spans of the sorted prefix in place; returns the merged count.</summary>
    private static int Merge(TextSpan[] sorted, int length)
    {
        int count = 0;
        for (int i = 0; i < length; i++)
        {
            var s = sorted[i];
            if (count > 0 && s.Start <= sorted[count - 1].End)
            {
                if (s.End > sorted[count - 1].End) sorted[count - 1] = TextSpan.FromBounds(sorted[count - 1].Start, s.End);
            }
            else sorted[count++] = s;
        }
        return count;
    }

    private sealed class SpanStartComparer : IComparer<TextSpan>
    {
        public static readonly SpanStartComparer Instance = new();

        public int Compare(TextSpan a, TextSpan b) => a.Start.CompareTo(b.Start);
    }
}
