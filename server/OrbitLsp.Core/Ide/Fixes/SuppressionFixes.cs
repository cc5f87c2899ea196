using OrbitLsp.Core.Diagnostics;
using OrbitLsp.Core.Syntax;
using OrbitLsp.Core.Text;

namespace OrbitLsp.Core.Ide.Fixes;

/// <summary>
/// "Disable OLxxx for this line": a <c>&lt;!-- orbitlsp-disable-next-line OLxxx --&gt;</c> comment
/// above the line. Where such a comment would change the note (inside a review block it is a
/// prompt line; inside a code fence it is code; inside an HTML comment its "--&gt;" ends the
/// comment), the block, fence or comment is wrapped in disable … enable comments instead.
/// Never safe: turning a rule off is the author's decision.
/// </summary>
internal static class SuppressionFixes
{
    public static CodeFix? For(FixContext ctx, NoteDiagnostic d)
    {
        var doc = ctx.Doc;
        int line = ctx.LineOf(d.Span.Start);
        int at = ctx.LineStart(line);

        if (at < doc.BodyStart)
        {
            // In YAML and TOML front matter a '#' comment line holds the directive; JSON has no comments.
            if (doc.FrontMatter is not { IsClosed: true } fm || fm.Format == FrontMatterFormat.Json) return null;
            if (at < fm.ContentSpan.Start || at >= fm.ContentSpan.End) return null;
            return Fix($"Disable {d.Code} for this line", [ctx.InsertLineBefore(line, $"# <!-- orbitlsp-disable-next-line {d.Code} -->")], d);
        }

        if (Container(ctx, at) is not { } around)
            return Fix($"Disable {d.Code} for this line", [ctx.InsertLineBefore(line, ctx.IndentOf(line) + $"<!-- orbitlsp-disable-next-line {d.Code} -->")], d);

        int first = ctx.LineOf(around.Start), last = ctx.LineOf(Math.Max(around.Start, around.End - 1));
        var edits = new List<TextEdit>
        {
            ctx.InsertLineBefore(first, ctx.IndentOf(first) + $"<!-- orbitlsp-disable {d.Code} -->"),
            ctx.InsertLineAfter(last, ctx.IndentOf(first) + $"<!-- orbitlsp-enable {d.Code} -->"),
        };
        return Fix($"Disable {d.Code} for this block", edits, d);
    }

    private static CodeFix Fix(string title, IReadOnlyList<TextEdit> edits, NoteDiagnostic d) =>
        new(title, CodeFix.QuickFix, edits, IsSafe: false, d.Code, IsPreferred: false);

    /// <summary>
    /// The outermost stretch (review blocks, code fences, HTML comments, grown until no other
    /// one straddles its ends) that a comment line at <paramref name="at"/> would fall inside;
    /// null when a comment there changes nothing. Also null for a block never closed: no line
    /// after it is outside it.
    /// </summary>
    private static TextSpan? Container(FixContext ctx, int at)
    {
        var stretches = new List<(TextSpan Span, bool Closed)>();
        foreach (var b in ctx.Doc.Blocks) stretches.Add((b.Span, b.IsClosed));
        foreach (var r in ctx.Doc.Regions) stretches.Add((r.Span, r.Span.End < ctx.Text.Length || r.Kind == ContextKind.CodeFence && IsClosedFence(ctx, r.Span)));

        TextSpan? around = null;
        bool closed = true;
        for (bool grew = true; grew;)
        {
            grew = false;
            foreach (var (span, isClosed) in stretches)
            {
                int start = around is { } a ? ctx.LineStart(ctx.LineOf(a.Start)) : at;
                int end = around?.End ?? at;
                bool holdsStart = span.Start < start && start < span.End;
                bool holdsEnd = around is not null && span.Start < end && end < span.End;
                if (!holdsStart && !holdsEnd) continue;
                around = around is { } cur ? TextSpan.FromBounds(Math.Min(cur.Start, span.Start), Math.Max(cur.End, span.End)) : span;
                closed &= isClosed;
                grew = true;
            }
        }
        return closed ? around : null;
    }

    private static bool IsClosedFence(FixContext ctx, TextSpan fence) => ctx.LineOf(fence.End) > ctx.LineOf(fence.Start);
}
