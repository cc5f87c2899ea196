using System.Net;
using OrbitLsp.Core.Model;
using OrbitLsp.Core.Syntax;
using OrbitLsp.Core.Text;

namespace OrbitLsp.Core.Ide.Fixes;

/// <summary>
/// Rewrites an older block (<c>orbit_review_start</c> / <c>orbit_flashcard</c> /
/// <c>orbit_review_end</c>, or raw <c>&lt;orbit-reviewarea&gt;</c> HTML) as one <c>orbit_review</c>
/// block with a question line and an answer line per card. Offered only when every card comes
/// out with exactly the text it has now: a value that cannot be one prompt line (a line break,
/// '*' or spaces at its ends, an empty answer), a value an apostrophe cuts short, a cloze or
/// attachments, or anything else inside the block, and there is no rewrite.
/// </summary>
internal static class RewriteFixes
{
    public static IEnumerable<CodeFix> For(FixContext ctx, TextSpan range)
    {
        foreach (var block in ctx.Doc.Blocks)
        {
            if (block.Form == BlockForm.Shortcode || block.Placement != BlockPlacement.Body || !block.IsClosed) continue;
            if (!(block.Span.Start <= range.End && range.Start <= block.Span.End)) continue;
            var cards = block.Form == BlockForm.Legacy ? LegacyCards(ctx, block) : HtmlCards(ctx, block);
            string? color = block.Form == BlockForm.Legacy ? block.ColorParameter?.Value : block.ColorAttribute?.Value;
            if (cards is null || cards.Count == 0 || Rewrite(ctx, block, cards, color) is not { } edit) continue;
            string title = string.IsNullOrEmpty(color)
                ? "Rewrite as one orbit_review block (purple: the old form left the colour to the host name)"
                : "Rewrite as one orbit_review block";
            bool reported = ReportedAt(ctx, block.OpenSpan);
            yield return new CodeFix(title, CodeFix.RefactorRewrite, [edit], IsSafe: false, reported ? "OL048" : null, IsPreferred: false);
        }
    }

    /// <summary>
    /// Whether OL048 (an old form) is reported at <paramref name="open"/>. NOTE: a method, not a
    /// lambda in the loop above, which would make a closure for every block of the note.
    /// </summary>
    private static bool ReportedAt(FixContext ctx, TextSpan open)
    {
        foreach (var d in ctx.Analysis.Diagnostics)
            if (d.Code == "OL048" && d.Span == open) return true;
        return false;
    }

    private static List<(string Q, string A)>? LegacyCards(FixContext ctx, ReviewBlock block)
    {
        if (block.Open!.SyntaxError is not null || block.Close is null) return null;
        var calls = ctx.Doc.Calls.Where(c => block.Span.Contains(c.Span)).ToList();
        if (calls.Count != block.Flashcards.Length + 2 || !OnlyWhiteSpaceBetween(ctx, calls.Select(c => c.Span))) return null;
        if (block.Open.Parameters.Any(p => p.Name != "color")) return null;
        var cards = new List<(string, string)>();
        foreach (var card in block.Flashcards)
        {
            if (card.SyntaxError is not null || card.Parameters.Any(p => p.Name is not ("question" or "answer"))) return null;
            // The old form cuts a value at an apostrophe: the rewrite would show more than the card does now.
            if (card.GetNamed("question")?.Value is not { } q || card.GetNamed("answer")?.Value is not { } a || q.Contains('\'') || a.Contains('\'')) return null;
            if (Line(WebUtility.HtmlDecode(q)) is not { } question || Line(WebUtility.HtmlDecode(a)) is not { } answer) return null;
            cards.Add((question, answer));
        }
        return cards;
    }

    private static List<(string Q, string A)>? HtmlCards(FixContext ctx, ReviewBlock block)
    {
        var area = block.Area!;
        if (!block.IgnoredPrompts.IsEmpty || area.Attributes.Any(a => a.Name != "color") || area.EndTag is null) return null;
        var spans = new List<TextSpan> { area.StartTag };
        var cards = new List<(string, string)>();
        foreach (var prompt in block.Prompts)
        {
            var e = prompt.Element!;
            if (e.EndTag is null && !e.IsSelfClosing) return null;
            if (e.Attributes.Any(a => a.Name is not ("question" or "answer"))) return null;
            if (e.Get("question") is not { } q || e.Get("answer") is not { } a) return null;
            if (Line(q.Value) is not { } question || Line(a.Value) is not { } answer) return null;
            cards.Add((question, answer));
            spans.Add(e.Span);
        }
        spans.Add(area.EndTag.Value);
        return OnlyWhiteSpaceBetween(ctx, spans) ? cards : null;
    }

    /// <summary>The value as a prompt line the shortcode publishes unchanged, or null.</summary>
    private static string? Line(string value)
    {
        if (value.Length == 0 || value.AsSpan().IndexOfAny('\r', '\n') >= 0) return null;
        if (value.Trim(' ', '*').Length != value.Length || value.Contains("{{", StringComparison.Ordinal)) return null;
        var probe = value.AsSpan();
        if (probe.Trim().IsEmpty || ShortcodeBlockReader.IsMarkupOnly(probe)) return null;
        foreach (char c in value)
            if (!char.IsWhiteSpace(c) && c is not ('\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF')) return value;
        return null;
    }

    private static bool OnlyWhiteSpaceBetween(FixContext ctx, IEnumerable<TextSpan> spans)
    {
        int p = -1;
        foreach (var s in spans.OrderBy(s => s.Start))
        {
            if (p >= 0 && (s.Start < p || !ctx.Text.AsSpan(p, s.Start - p).IsWhiteSpace())) return false;
            p = s.End;
        }
        return true;
    }

    private static TextEdit? Rewrite(FixContext ctx, ReviewBlock block, List<(string Q, string A)> cards, string? color)
    {
        int first = ctx.LineOf(block.Span.Start), last = ctx.LineOf(block.Span.End);
        // The block must have its lines to itself: text beside it would land inside the new block.
        if (!ctx.Text.AsSpan(ctx.LineStart(first), block.Span.Start - ctx.LineStart(first)).IsWhiteSpace()) return null;
        if (block.Span.End > ctx.LineEnd(last) || !ctx.Text.AsSpan(block.Span.End, ctx.LineEnd(last) - block.Span.End).IsWhiteSpace()) return null;
        string colorParameter = "";
        if (!string.IsNullOrEmpty(color))
        {
            if (FixContext.Quoted(color) is not { } quoted) return null;
            colorParameter = " color=" + quoted;
        }
        bool spaced = block.Open is { } open ? ctx.Text[open.Span.Start + 3] is ' ' or '\t' : true;
        string indent = ctx.IndentOf(first), br = ctx.BreakOf(first);
        var lines = new List<string> { spaced ? $"{{{{< orbit_review{colorParameter} >}}}}" : $"{{{{<orbit_review{colorParameter}>}}}}" };
        for (int i = 0; i < cards.Count; i++)
        {
            if (i > 0) lines.Add("");
            lines.Add(cards[i].Q);
            lines.Add(cards[i].A);
        }
        lines.Add(spaced ? "{{< /orbit_review >}}" : "{{</orbit_review>}}");
        string text = string.Join(br, lines.Select(l => l.Length == 0 ? l : indent + l));
        return new TextEdit(TextSpan.FromBounds(ctx.LineStart(first), ctx.LineEnd(last)), text);
    }
}
