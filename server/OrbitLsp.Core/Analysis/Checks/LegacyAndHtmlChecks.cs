using OrbitLsp.Core.Diagnostics;
using OrbitLsp.Core.Model;
using OrbitLsp.Core.Syntax;
using OrbitLsp.Core.Text;

namespace OrbitLsp.Core.Analysis.Checks;

/// <summary>The older <c>orbit_flashcard</c> form and raw Orbit HTML (ORBIT-FORMAT §3, §4).</summary>
internal static class LegacyAndHtmlChecks
{
    public static void Run(NoteDocument doc, List<NoteDiagnostic> sink)
    {
        foreach (var block in doc.Blocks)
        {
            if (block.Placement == BlockPlacement.FrontMatter) continue;
            if (block.Form == BlockForm.Legacy) CheckLegacy(block, sink);
            else if (block.Form == BlockForm.Html) CheckHtml(doc, block, sink);
        }
        foreach (var card in doc.OrphanFlashcards)
        {
            sink.Add(new(Rules.PromptOutsideArea, card.Span,
                "This orbit_flashcard is outside orbit_review_start … orbit_review_end: its <orbit-prompt> has no review area and Orbit throws an error. Move it inside a review area."));
        }
        foreach (var end in doc.OrphanLegacyEnds)
        {
            sink.Add(new(Rules.StrayReviewEnd, end.Span,
                "This orbit_review_end closes no orbit_review_start: it writes a stray </orbit-reviewarea>. Delete it, or add the start it belongs to."));
        }
        foreach (var prompt in doc.OrphanHtmlPrompts)
        {
            sink.Add(new(Rules.PromptOutsideArea, prompt.StartTag,
                "This <orbit-prompt> is not inside an <orbit-reviewarea>: Orbit throws an error. Put it inside a review area."));
        }
    }

    private static void CheckLegacy(ReviewBlock block, List<NoteDiagnostic> sink)
    {
        sink.Add(new(Rules.LegacyForm, block.OpenSpan,
            "orbit_review_start / orbit_flashcard / orbit_review_end is the older form; one {{<orbit_review>}} block with question and answer lines says the same and is easier to check."));
        if (!block.IsClosed)
        {
            sink.Add(new(Rules.AreaNotClosed, block.OpenSpan,
                "This orbit_review_start has no orbit_review_end: the review area's HTML is never closed, and what follows may land inside it. Add {{< orbit_review_end >}} after the last flashcard."));
        }
        foreach (var prompt in block.Prompts)
        {
            var call = prompt.FlashcardCall!;
            var q = call.GetNamed("question");
            var a = call.GetNamed("answer");
            if (q is null || q.Value.Length == 0)
                sink.Add(new(Rules.MissingQuestion, q?.ValueSpan ?? call.Span, "This orbit_flashcard has no question: Orbit throws an error for a prompt without one. Add question=\"…\"."));
            if (a is null)
                sink.Add(new(Rules.MissingAnswer, call.Span, "This orbit_flashcard has no answer: Orbit shows a blank back of the card. Add answer=\"…\"."));
            foreach (var p in new[] { q, a })
            {
                if (p is null) continue;
                int apostrophe = p.Value.IndexOf('\'');
                if (apostrophe < 0) continue;
                sink.Add(new(Rules.ApostropheCutsValue, p.ValueSpan,
                    $"orbit_flashcard writes this value into a single-quoted HTML attribute, so the apostrophe ends it: the card shows '{PairingChecks.Short(p.Value[..apostrophe])}'. Write &#39; or ’ (a typographic apostrophe) instead."));
            }
            CheckPromptText.Math(prompt, sink);
        }
    }

    private static void CheckHtml(NoteDocument doc, ReviewBlock block, List<NoteDiagnostic> sink)
    {
        if (block.Placement != BlockPlacement.HtmlComment)
        {
            sink.Add(new(Rules.LegacyForm, block.OpenSpan,
                "Raw <orbit-reviewarea> HTML is the older form; an {{<orbit_review>}} block with question and answer lines is easier to write and check."));
        }
        if (!block.IsClosed)
        {
            sink.Add(new(Rules.AreaNotClosed, block.OpenSpan,
                "This <orbit-reviewarea> has no </orbit-reviewarea>: what follows may land inside the review area. Close it after the last prompt."));
        }
        foreach (var (element, why) in block.IgnoredPrompts)
        {
            sink.Add(new(Rules.PromptNotDirectChild, element.StartTag,
                $"Orbit silently ignores this prompt: {why}. Keep each <orbit-prompt> directly inside <orbit-reviewarea>, with no blank line before it."));
        }
        foreach (var prompt in block.Prompts)
        {
            var e = prompt.Element!;
            var cloze = e.Get("cloze");
            if (e.Get("question") is null && cloze is null)
                sink.Add(new(Rules.MissingQuestion, e.StartTag, "This <orbit-prompt> has no question attribute: Orbit throws an error. Add question=\"…\" (or cloze=\"…\")."));
            else if (e.Get("answer") is null && cloze is null)
                sink.Add(new(Rules.MissingAnswer, e.StartTag, "This <orbit-prompt> has no answer attribute: Orbit shows a blank back of the card. Add answer=\"…\"."));
            if (cloze is not null) CheckCloze(cloze, sink);
            foreach (var name in new[] { "question-attachments", "answer-attachments" })
            {
                if (e.Get(name) is not { } attachments) continue;
                foreach (var url in attachments.Value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == "https" || uri.Scheme == "http")) continue;
                    sink.Add(new(Rules.RelativeAttachment, attachments.ValueSpan,
                        $"'{url}' is not an absolute http(s) URL: Orbit loads attachments from absolute URLs only, so the image will not appear. Write the full URL."));
                }
            }
            foreach (var attribute in e.Attributes)
            {
                if (!attribute.HasValue) continue;
                var raw = doc.Text.AsSpan(attribute.ValueSpan.Start, attribute.ValueSpan.Length);
                if (raw.Length >= 2 && (raw[0] == '"' || raw[0] == '\'')) raw = raw[1..^1];
                if (raw.IndexOf('<') >= 0 || HasBareAmpersand(raw))
                {
                    sink.Add(new(Rules.UnescapedAttribute, attribute.ValueSpan,
                        $"Reserved HTML characters must be written as entities in raw HTML: write &lt; for '<' and &amp; for '&' in {attribute.Name}."));
                }
            }
            CheckPromptText.Math(prompt, sink);
        }
    }

    private static bool HasBareAmpersand(ReadOnlySpan<char> s)
    {
        for (int i = 0; i < s.Length; i++)
            if (s[i] == '&' && !StartsReference(s[i..])) return true;
        return false;
    }

    /// <summary>True when the '&amp;' starting <paramref name="s"/> starts a character reference (<c>&amp;lt;</c>, <c>&amp;#39;</c>).</summary>
    internal static bool StartsReference(ReadOnlySpan<char> s)
    {
        int semi = s.IndexOf(';');
        if (semi < 2 || semi > 10) return false;
        foreach (char c in s[1..semi]) if (!char.IsAsciiLetterOrDigit(c) && c != '#') return false;
        return true;
    }

    private static void CheckCloze(HtmlAttribute cloze, List<NoteDiagnostic> sink)
    {
        if (ClozeText.Read(cloze.Value).Problem is { } problem)
            sink.Add(new(Rules.BadCloze, cloze.ValueSpan, $"This cloze prompt is broken: {problem}. Mark each deletion with single braces: \"The capital of France is {{Paris}}.\""));
    }
}
