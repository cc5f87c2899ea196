using OrbitLsp.Core.Diagnostics;
using OrbitLsp.Core.Model;
using OrbitLsp.Core.Text;

namespace OrbitLsp.Core.Ide.Fixes;

/// <summary>
/// OL028: deletes the later copy of a prompt. Orbit identifies a prompt by its text, so the page's
/// cards stay the same: the copy only made one card look like two in the note.
/// </summary>
internal static class DuplicateFixes
{
    public static IEnumerable<CodeFix> For(FixContext ctx, NoteDiagnostic d)
    {
        foreach (var block in ctx.BlocksAt(d.Span.Start))
        {
            if (!block.Span.Contains(d.Span)) continue;
            var prompt = block.Prompts.FirstOrDefault(p => p.Span == d.Span);
            if (prompt is null) continue;
            var edit = block.Form switch
            {
                BlockForm.Shortcode => DeleteLines(ctx, prompt),
                BlockForm.Legacy => ctx.DeleteSpanOrLines(prompt.FlashcardCall!.Span),
                _ => ctx.DeleteSpanOrLines(prompt.Element!.Span),
            };
            if (edit is null) yield break;
            // A copy in a shifted block is not the card the author wrote: fix the shift first.
            bool safe = prompt.ShiftedBy is null;
            string where = d.Related.Length > 0 ? $" (the same is on line {ctx.LineNumber(d.Related[0].Span.Start)})" : "";
            yield return new CodeFix("Delete this duplicate prompt" + where, CodeFix.QuickFix, [edit], safe, d.Code, IsPreferred: true);
            yield break;
        }
    }

    private static TextEdit? DeleteLines(FixContext ctx, Prompt prompt)
    {
        var q = prompt.QuestionLine!;
        var a = prompt.AnswerLine;
        if (PairingAnalyzer.IsCause(q) || a is not null && PairingAnalyzer.IsCause(a)) return null;
        var first = ctx.DeleteRawLine(q.LineSpan);
        var last = a is null ? first : ctx.DeleteRawLine(a.LineSpan);
        int firstLine = ctx.LineOf(q.LineSpan.Start), lastLine = ctx.LineOf((a ?? q).LineSpan.Start);
        bool whole = IsWholeLine(ctx, first, firstLine) && IsWholeLine(ctx, last, lastLine);
        if (!whole) return null;
        // Blank lines on both sides: take one of them too, so the pairs around stay evenly spaced.
        if (firstLine > 0 && ctx.IsBlankLine(firstLine - 1) && lastLine + 1 < ctx.Lines.LineCount - 1 && ctx.IsBlankLine(lastLine + 1))
            lastLine++;
        return ctx.DeleteLines(firstLine, lastLine);
    }

    private static bool IsWholeLine(FixContext ctx, TextEdit edit, int line) =>
        edit.Span.Start == ctx.LineStart(line) && edit.Span.End == ctx.Lines.LineEndIncludingBreak(line);
}
