using OrbitLsp.Core.Diagnostics;
using OrbitLsp.Core.Model;
using OrbitLsp.Core.Syntax;
using OrbitLsp.Core.Text;

namespace OrbitLsp.Core.Ide.Fixes;

/// <summary>OL010: close a block never closed; OL011: delete a closing tag that closes nothing.</summary>
internal static class ClosingFixes
{
    public static IEnumerable<CodeFix> For(FixContext ctx, NoteDiagnostic d) => d.Code switch
    {
        "OL010" => Close(ctx, d),
        _ => DeleteStray(ctx, d),
    };

    private static IEnumerable<CodeFix> Close(FixContext ctx, NoteDiagnostic d)
    {
        var block = ctx.BlocksAt(d.Span.Start).FirstOrDefault(b => b.Form == BlockForm.Shortcode && !b.IsClosed && b.OpenSpan == d.Span);
        if (block is null || block.Open!.SyntaxError is not null) yield break;

        // The block's lines run on to the end of the note. They stop being prompts at the first
        // heading or shortcode call, which the author surely meant to come after the block.
        var kept = new List<PromptLine>();
        foreach (var line in block.Lines)
        {
            if (IsHeading(line.Text) || line.Has(LineHazards.ShortcodeCall) || line.Has(LineHazards.NestedBlock)) break;
            kept.Add(line);
        }
        if (kept.Count == 0) yield break;

        // Close after the last run of lines (between blank lines) that leaves an even count.
        int end = -1;
        for (int i = 0; i < kept.Count; i++)
        {
            bool runEnds = i == kept.Count - 1 || kept[i + 1].Group != kept[i].Group;
            if (runEnds && (i + 1) % 2 == 0) end = i;
        }
        if (end < 0) end = kept.Count - 1;

        // NOTE: safe only when nothing is a guess: every run is whole pairs and all of them stay
        // inside. A paragraph after the block is a run of one line, which makes it a guess.
        bool evenRuns = kept.All(l => l.Group >= 0)
            && kept.GroupBy(l => l.Group).All(g => g.Count() % 2 == 0);
        bool safe = end == kept.Count - 1 && evenRuns;

        var last = kept[end];
        int lastLine = ctx.LineOf(last.ContentSpan.End);
        // A closing tag put inside another call (one running over several lines) would be part of it.
        if (ctx.InsideCall(ctx.Lines.LineEndIncludingBreak(lastLine))) yield break;
        string close = ClosingTag(ctx, block.Open!);
        string indent = ctx.IndentOf(ctx.LineOf(block.Open!.Span.Start));
        yield return new CodeFix($"Close the block after line {lastLine + 1}", CodeFix.QuickFix,
            [ctx.InsertLineAfter(lastLine, indent + close)], safe, d.Code, IsPreferred: true);
    }

    private static IEnumerable<CodeFix> DeleteStray(FixContext ctx, NoteDiagnostic d)
    {
        var stray = ctx.Doc.StrayClosingTags.FirstOrDefault(c => c.Span == d.Span);
        if (stray is null) yield break;
        // The same block closed twice: nothing but white space since the block's own closing tag.
        var before = ctx.Doc.Blocks.Where(b => b.Form == BlockForm.Shortcode && b.IsClosed && b.Span.End <= stray.Span.Start)
            .MaxBy(b => b.Span.End);
        bool doubled = before?.Close is not null
            && ctx.Text.AsSpan(before.Span.End, stray.Span.Start - before.Span.End).IsWhiteSpace();
        yield return new CodeFix("Delete the closing tag that closes nothing", CodeFix.QuickFix,
            [ctx.DeleteSpanOrLines(stray.Span)], IsSafe: doubled, d.Code, IsPreferred: true);
    }

    /// <summary>The closing tag in the notation and spacing of the opening one.</summary>
    public static string ClosingTag(FixContext ctx, ShortcodeCall open)
    {
        bool spaced = open.Span.Length > 3 && ctx.Text[open.Span.Start + 3] is ' ' or '\t';
        return open.Notation == ShortcodeNotation.Percent
            ? spaced ? "{{% /orbit_review %}}" : "{{%/orbit_review%}}"
            : spaced ? "{{< /orbit_review >}}" : "{{</orbit_review>}}";
    }

    private static bool IsHeading(string text)
    {
        int n = 0;
        while (n < text.Length && text[n] == '#') n++;
        return n is >= 1 and <= 6 && (n == text.Length || text[n] == ' ' || text[n] == '\t');
    }
}
