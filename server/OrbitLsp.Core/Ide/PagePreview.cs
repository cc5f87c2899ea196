using System.Collections.Immutable;
using OrbitLsp.Core.Analysis;
using OrbitLsp.Core.Cards;
using OrbitLsp.Core.Diagnostics;
using OrbitLsp.Core.Model;
using OrbitLsp.Core.Syntax;
using OrbitLsp.Core.Text;

namespace OrbitLsp.Core.Ide;

/// <summary>
/// What the published page makes of a note's shortcodes, for a Markdown preview that shows the
/// rest of the note itself: every review area that reaches the page with its cards, every other
/// shortcode call (a preview cannot run it), the calls Hugo prints as text, and the problem that
/// stops the site build, if any. Pure.
/// </summary>
public sealed record PagePreview(
    ImmutableArray<PreviewArea> Areas,
    ImmutableArray<PreviewCall> Calls,
    NoteDiagnostic? BuildFailure)
{
    /// <summary>
    /// The page's areas and calls. An <c>orbit_review</c> block never closed is no area (Hugo
    /// refuses the page): its opening tag is listed as a call with its problem, and the text after
    /// it stays the note's. (An older or raw HTML area left open is published; the browser closes it.)
    /// </summary>
    public static PagePreview Of(NoteAnalysis analysis)
    {
        var doc = analysis.Document;
        var cards = CardExtractor.Extract(analysis, IsArea);
        var areas = ImmutableArray.CreateBuilder<PreviewArea>();
        int next = 0;
        foreach (var (index, block) in CardExtractor.PublishedBlocks(doc))
        {
            if (!IsArea(block)) continue;
            int first = next;
            while (next < cards.Length && ReferenceEquals(cards[next].SourceBlock, block)) next++;
            areas.Add(new PreviewArea(index, block, BlockProblems(analysis, block), cards[first..next]));
        }

        // A call inside a review block is part of it (its tags, or a prompt line's text).
        var closed = doc.Blocks.Where(IsArea).Select(b => b.Span).ToList();
        var calls = ImmutableArray.CreateBuilder<PreviewCall>();
        int k = 0;
        foreach (var call in doc.Calls)
        {
            if (call.Span.Start < doc.BodyStart) continue;
            while (k < closed.Count && closed[k].End <= call.Span.Start) k++;
            if (closed.Skip(k).TakeWhile(s => s.Start <= call.Span.Start).Any(s => s.Contains(call.Span))) continue;
            calls.Add(new PreviewCall(call, call.IsEscaped ? PrintedText(doc.Text, call) : null, ProblemsOn(analysis, call.Span)));
        }
        return new PagePreview(areas.ToImmutable(), calls.ToImmutable(), analysis.BuildFailure);
    }

    private static bool IsArea(ReviewBlock block) => block.IsClosed || block.Form != BlockForm.Shortcode;

    /// <summary>
    /// What Hugo prints for an escaped call: the call without the comment marks,
    /// <c>{{&lt;/* name */&gt;}}</c> → <c>{{&lt; name &gt;}}</c>. Null when the comment is never closed.
    /// </summary>
    private static string? PrintedText(string text, ShortcodeCall call)
    {
        if (call.SyntaxError is not null) return null;
        var span = text.AsSpan(call.Span.Start, call.Span.Length);
        return string.Concat(span[..3], span[5..^5], span[^3..]);
    }

    /// <summary>Codes of the problems on a block's tags: its colour, placement, form, closing.</summary>
    private static ImmutableArray<string> BlockProblems(NoteAnalysis analysis, ReviewBlock block)
    {
        var codes = ProblemsOn(analysis, block.OpenSpan).ToList();
        if (block.Close is { } close)
            foreach (var code in ProblemsOn(analysis, close.Span))
                if (!codes.Contains(code)) codes.Add(code);
        return [.. codes];
    }

    /// <summary>Codes of the warnings and errors within a span, in order, each once.</summary>
    private static ImmutableArray<string> ProblemsOn(NoteAnalysis analysis, TextSpan span)
    {
        var diagnostics = analysis.Diagnostics;
        // Sorted by position: start at the first that does not begin before the span.
        int lo = 0, hi = diagnostics.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (diagnostics[mid].Span.Start < span.Start) lo = mid + 1;
            else hi = mid;
        }
        var codes = ImmutableArray.CreateBuilder<string>();
        for (int i = lo; i < diagnostics.Length && diagnostics[i].Span.Start < span.End; i++)
        {
            var d = diagnostics[i];
            if (d.Severity > Severity.Warning || !span.Contains(d.Span) || codes.Contains(d.Code)) continue;
            codes.Add(d.Code);
        }
        return codes.ToImmutable();
    }
}

/// <summary>A review area as the page shows it: its block, the problems on its tags and its cards in order.</summary>
public sealed record PreviewArea(int Index, ReviewBlock Block, ImmutableArray<string> Problems, ImmutableArray<Card> Cards);

/// <summary>
/// A shortcode call outside the review areas. <see cref="PrintedText"/> is set for an escaped call
/// (<c>{{&lt;/* name */&gt;}}</c>), which Hugo prints as that text.
/// </summary>
public sealed record PreviewCall(ShortcodeCall Call, string? PrintedText, ImmutableArray<string> Problems);
