using System.Text;
using OrbitLsp.Core.Analysis;
using OrbitLsp.Core.Cards;
using OrbitLsp.Core.Diagnostics;
using OrbitLsp.Core.Model;
using OrbitLsp.Core.Text;

namespace OrbitLsp.Core.Ide;

/// <summary>What a hover shows: the text (Markdown or plain) and the part of the note it is about.</summary>
public sealed record HoverText(string Text, TextSpan Span);

/// <summary>
/// Hover text for a place in a note: on a prompt line, the card as the page will show it; on an
/// opening tag, the block's summary; on a <c>color=</c> value, the twelve colours. Pure.
/// </summary>
public static class HoverContent
{
    public static HoverText? At(NoteAnalysis analysis, int offset, bool markdown = true)
    {
        var doc = analysis.Document;
        var block = doc.BlockAt(offset);
        if (block is null) return null;
        var text = new HoverWriter(markdown);
        if (ColorValueSpan(block) is { } colorSpan && colorSpan.Touches(offset))
        {
            WriteColors(text, block);
            return new HoverText(text.ToString(), colorSpan);
        }
        if (block.OpenSpan.Touches(offset))
        {
            WriteBlockSummary(text, analysis, block);
            return new HoverText(text.ToString(), block.OpenSpan);
        }
        if (PromptAt(doc, block, offset) is not { } found)
        {
            // A closing tag tells what it closes, as the opening tag does.
            if (block.Close is not { } close || !close.Span.Touches(offset)) return null;
            WriteBlockSummary(text, analysis, block);
            return new HoverText(text.ToString(), close.Span);
        }
        WriteCard(text, analysis, block, found.Prompt);
        return new HoverText(text.ToString(), found.Span);
    }

    private static TextSpan? ColorValueSpan(ReviewBlock block) =>
        block.ColorParameter?.ValueSpan ?? block.ColorAttribute?.ValueSpan;

    /// <summary>
    /// The prompt whose question or answer line holds the offset, with that line's span (which the
    /// hover's range is, so it holds the offset: a tag sharing the line is not the prompt's).
    /// </summary>
    private static (Prompt Prompt, TextSpan Span)? PromptAt(NoteDocument doc, ReviewBlock block, int offset)
    {
        foreach (var prompt in block.Prompts)
        {
            if (prompt.QuestionLine is { } q && q.LineSpan.Touches(offset)) return (prompt, q.LineSpan);
            if (prompt.AnswerLine is { } a && a.LineSpan.Touches(offset)) return (prompt, a.LineSpan);
            if (prompt.QuestionLine is null && prompt.Span.Touches(offset)) return (prompt, prompt.Span);
        }
        return null;
    }

    private static void WriteCard(HoverWriter w, NoteAnalysis analysis, ReviewBlock block, Prompt prompt)
    {
        var doc = analysis.Document;
        w.Heading($"Prompt {prompt.Index + 1} of {block.Prompts.Length}", $"{ColorLabel(block)} block, line {doc.GetPosition(block.Span.Start).Line + 1}");
        if (block.IsHidden) w.Paragraph("This block is inside an HTML comment: the browser hides its cards.");
        if (!block.PublishesArea || block.Placement == BlockPlacement.Nested) w.Paragraph("This block does not reach the page as a review area.");
        w.Field("Question", prompt.Cloze ?? prompt.Question);
        if (prompt.HasAnswer && prompt.Answer.Length > 0) w.Field("Answer", prompt.Answer);
        else if (prompt.Cloze is null) w.Paragraph("This prompt has no answer: Orbit shows a blank back of the card.");
        if (prompt.ShiftedBy is { } cause)
        {
            int line = doc.GetPosition(cause.LineSpan.Start).Line + 1;
            w.Paragraph($"Shifted by line {line} ({w.Code(Shorten(cause.Text))}): this question is probably meant as an answer.");
        }
        var problems = CardExtractor.ProblemsOf(analysis, block, prompt);
        if (problems.Length > 0) w.Paragraph("Problems: " + string.Join(", ", problems.Select(c => w.Code(c) + " " + Rules.Find(c)?.Name)));
    }

    private static void WriteBlockSummary(HoverWriter w, NoteAnalysis analysis, ReviewBlock block)
    {
        var doc = analysis.Document;
        int unanswered = block.Prompts.Count(p => !p.HasAnswer || p.Answer.Length == 0);
        int shifted = block.Prompts.Count(p => p.ShiftedBy is not null);
        w.Heading($"Review block {block.Index + 1} of {doc.Blocks.Length}", $"{ColorLabel(block)}, {block.Prompts.Length} prompt{(block.Prompts.Length == 1 ? "" : "s")}");
        if (unanswered > 0 || shifted > 0) w.Paragraph($"{unanswered} without an answer, {shifted} shifted.");
        var problems = analysis.Diagnostics.Where(d => block.Span.Contains(d.Span) && d.Severity <= Severity.Warning)
            .GroupBy(d => d.Code).Select(g => $"{w.Code(g.Key)} {g.First().Rule.Name} ×{g.Count()}").ToList();
        w.Paragraph(problems.Count == 0 ? "No problems." : "Problems: " + string.Join(", ", problems));
        if (block.Placement != BlockPlacement.Body) w.Paragraph($"Placement: {block.Placement}.");
    }

    private static void WriteColors(HoverWriter w, ReviewBlock block)
    {
        bool valid = OrbitColors.IsValid(block.Color);
        w.Heading("Review area colour", valid ? block.Color : $"'{block.Color}' is not an Orbit colour: the review area fails to load");
        w.Paragraph("Orbit accepts exactly these twelve: " + string.Join(", ", OrbitColors.All.Select(c => c == block.Color ? w.Strong(c) : c)) + ".");
        if (!valid && block.Color.Length > 0) w.Paragraph($"Did you mean {w.Code(OrbitColors.Nearest(block.Color))}?");
    }

    private static string ColorLabel(ReviewBlock block) => block.Color.Length == 0 ? "no colour" : block.Color;

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";

    /// <summary>Writes either Markdown or plain text, so both hover formats share one wording.</summary>
    private sealed class HoverWriter(bool markdown)
    {
        // One builder per thread, kept between hovers (a hover asks on every move of the mouse).
        [ThreadStatic]
        private static StringBuilder? t_kept;

        private readonly StringBuilder _sb = Take();

        private static StringBuilder Take()
        {
            var sb = t_kept ?? new StringBuilder(512);
            t_kept = null;
            return sb;
        }

        public void Heading(string title, string detail)
        {
            var sb = Start();
            if (markdown) sb.Append("**").Append(title).Append("** · ").Append(detail);
            else sb.Append(title).Append(" · ").Append(detail);
        }

        public void Field(string label, string value)
        {
            var sb = Start();
            if (markdown) sb.Append("**").Append(label).Append(":** ").Append(value);
            else sb.Append(label).Append(": ").Append(value);
        }

        public void Paragraph(string text) => Append(text);

        /// <summary>Begins a paragraph: the text to append it to.</summary>
        private StringBuilder Start() => _sb.Length > 0 ? _sb.Append("\n\n") : _sb;

        public string Code(string text) => markdown ? "`" + text.Replace("`", "'") + "`" : text;

        public string Strong(string text) => markdown ? $"**{text}**" : text.ToUpperInvariant();

        private void Append(string paragraph) => Start().Append(paragraph);

        /// <summary>The text written; the writer is done with (its builder goes back to the thread's).</summary>
        public override string ToString()
        {
            string text = _sb.ToString();
            if (_sb.Capacity <= 8192)
            {
                _sb.Clear();
                t_kept = _sb;
            }
            return text;
        }
    }
}
