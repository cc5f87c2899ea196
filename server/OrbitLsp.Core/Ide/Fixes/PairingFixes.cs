using OrbitLsp.Core.Diagnostics;
using OrbitLsp.Core.Model;
using OrbitLsp.Core.Text;

namespace OrbitLsp.Core.Ide.Fixes;

/// <summary>
/// Fixes for lines that shift an <c>orbit_review</c> block's pairs (OL001, OL002, OL003, OL006)
/// and for lines the shortcode drops (OL027). Deleting the line that shifts the block repairs
/// every later pair at once.
/// </summary>
internal static class PairingFixes
{
    public const string Placeholder = "TODO: answer";

    // Tags that carry content of their own: alone on a line they may be a meant answer (an image).
    private static readonly string[] ContentTags = ["img", "video", "audio", "iframe", "svg", "picture", "a", "object", "embed", "math"];

    public static IEnumerable<CodeFix> For(FixContext ctx, NoteDiagnostic d)
    {
        switch (d.Code)
        {
            case "OL002" when Find(ctx, d.Span.Start, l => l.LineSpan == d.Span) is ({ } block, { } line):
                return [DeleteShiftingLine(ctx, block, line, d.Code)];
            case "OL003" when Find(ctx, d.Span.Start, l => l.ContentSpan == d.Span && l.Has(LineHazards.MarkupOnly)) is ({ } block, { } line):
                return [DeleteShiftingLine(ctx, block, line, d.Code)];
            case "OL006" when ctx.BlocksAt(d.Span.Start).FirstOrDefault(b => b.Form == BlockForm.Shortcode && b.OpenSpan == d.Span) is { } crlfBlock:
                return [ConvertToLf(ctx, crlfBlock, d.Code)];
            case "OL027":
                var dropped = ctx.BlocksAt(d.Span.Start).FirstOrDefault(b => b.DroppedLines.Contains(d.Span));
                return dropped is null ? [] :
                [
                    new CodeFix("Delete the line of '*' the shortcode drops", CodeFix.QuickFix, [ctx.DeleteRawLine(d.Span)], IsSafe: true, d.Code, IsPreferred: true),
                ];
            case "OL001" when Find(ctx, d.Span.Start, l => l.ContentSpan == d.Span) is ({ } block, { } question):
                return Unanswered(ctx, block, question, d);
            default:
                return [];
        }
    }

    private static IEnumerable<CodeFix> Unanswered(FixContext ctx, ReviewBlock block, PromptLine question, NoteDiagnostic d)
    {
        var prompt = block.Prompts.FirstOrDefault(p => p.QuestionLine == question);
        if (prompt is null || prompt.HasAnswer) yield break;
        var cause = prompt.ShiftedBy is { } by && by != question ? by : null;
        if (cause is not null)
        {
            // A line left over by a shift is fixed where the shift starts, not here.
            if (block.CrlfLineCount > 0 && cause.Text == "\r") yield return ConvertToLf(ctx, block, d.Code);
            else if (IsDeletable(cause)) yield return DeleteShiftingLine(ctx, block, cause, d.Code);
            yield break;
        }
        if (IsDeletable(question))
        {
            yield return DeleteShiftingLine(ctx, block, question, d.Code);
            yield break;
        }
        if (PairingAnalyzer.IsCause(question)) yield break;

        // NOTE: a placeholder publishes a card with a "TODO" answer; the author has to write the
        // real one, so fix-all leaves it alone.
        int line = ctx.LineOf(question.ContentSpan.End);
        int from = Math.Min(question.ContentSpan.End, ctx.LineEnd(line));
        bool aloneToLineEnd = ctx.Text.AsSpan(from, ctx.LineEnd(line) - from).Trim("* \r").IsEmpty;
        string indent = ctx.IndentOf(ctx.LineOf(question.LineSpan.Start));
        var edit = aloneToLineEnd
            ? ctx.InsertLineAfter(line, indent + Placeholder)
            : new TextEdit(new TextSpan(question.LineSpan.End, 0), ctx.BreakOf(line) + indent + Placeholder + ctx.BreakOf(line));
        yield return new CodeFix("Add an answer placeholder line", CodeFix.QuickFix, [edit], IsSafe: false, d.Code, IsPreferred: true);
    }

    private static bool IsDeletable(PromptLine line) =>
        line.Has(LineHazards.InvisibleOnly) || line.Has(LineHazards.MarkupOnly);

    private static CodeFix DeleteShiftingLine(FixContext ctx, ReviewBlock block, PromptLine line, string code)
    {
        bool invisible = line.Has(LineHazards.InvisibleOnly);
        string title = invisible
            ? $"Delete the invisible line {ctx.LineNumber(line.LineSpan.Start)} that shifts the pairs"
            : $"Delete the stray line '{Short(line.Text)}' that shifts the pairs";
        // NOTE: a lone content tag (an image) with an even line count may be a meant answer.
        bool safe = invisible || !IsContentTag(line.Text) || block.Lines.Length % 2 == 1;
        return new CodeFix(title, CodeFix.QuickFix, [ctx.DeleteRawLine(line.LineSpan)], safe, code, IsPreferred: true);
    }

    private static bool IsContentTag(string text)
    {
        var s = text.AsSpan().Trim();
        if (s.Length < 3 || s[0] != '<' || s[1] == '/' || s[1] == '!') return false;
        int end = 1;
        while (end < s.Length && char.IsAsciiLetterOrDigit(s[end])) end++;
        string name = s[1..end].ToString().ToLowerInvariant();
        return ContentTags.Contains(name);
    }

    /// <summary>Deletes the '\r' of every CRLF between the block's tags; the tags' own lines keep theirs.</summary>
    public static CodeFix ConvertToLf(FixContext ctx, ReviewBlock block, string code)
    {
        var edits = new List<TextEdit>();
        var inner = block.InnerSpan;
        for (int i = inner.Start; i < inner.End; i++)
            if (ctx.Text[i] == '\r' && i + 1 < ctx.Text.Length && ctx.Text[i + 1] == '\n') edits.Add(new TextEdit(new TextSpan(i, 1), ""));
        return new CodeFix("Convert this block's line endings to LF", CodeFix.QuickFix, edits, IsSafe: true, code, IsPreferred: true);
    }

    /// <summary>The line of a shortcode block at <paramref name="at"/> that matches.</summary>
    public static (ReviewBlock Block, PromptLine Line)? Find(FixContext ctx, int at, Func<PromptLine, bool> match)
    {
        foreach (var block in ctx.BlocksAt(at))
        {
            if (block.Form != BlockForm.Shortcode) continue;
            foreach (var line in block.Lines)
                if (match(line)) return (block, line);
        }
        return null;
    }

    public static string Short(string text)
    {
        text = text.Replace("\r", "\\r").Replace("\t", "\\t");
        return text.Length <= 40 ? text : text[..37] + "...";
    }
}
