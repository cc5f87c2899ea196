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
    /// <remarks>
    /// The stretches are taken in order, and the first that holds <paramref name="at"/> starts the
    /// growing: what it grows into depends on that stretch alone, so it is grown once for every
    /// problem it holds (<see cref="FixContext.GrownStretch"/>). Blocks nested hundreds deep put
    /// hundreds of problems at any place, each of which once grew it again over every stretch.
    /// </remarks>
    private static TextSpan? Container(FixContext ctx, int at)
    {
        var stretches = ctx.Stretches;
        for (int i = 0; i < stretches.Length; i++)
            if (stretches[i].Span.Start < at && at < stretches[i].Span.End) return ctx.GrownStretch(i, Grow);
        return null;
    }

    /// <summary>Stretch <paramref name="first"/> grown until no other one straddles its ends; null when one of them was never closed.</summary>
    private static TextSpan? Grow(FixContext ctx, int first)
    {
        var stretches = ctx.Stretches;
        var around = stretches[first].Span;
        bool closed = stretches[first].Closed;
        int start = ctx.LineStart(ctx.LineOf(around.Start)), end = around.End;
        // The rest of the pass that found it, then passes over all of them until one grows nothing.
        for (int from = first + 1; ; from = 0)
        {
            bool grew = false;
            for (int i = from; i < stretches.Length; i++)
            {
                var span = stretches[i].Span;
                bool holdsStart = span.Start < start && start < span.End;
                bool holdsEnd = span.Start < end && end < span.End;
                if (!holdsStart && !holdsEnd) continue;
                around = TextSpan.FromBounds(Math.Min(around.Start, span.Start), Math.Max(around.End, span.End));
                start = ctx.LineStart(ctx.LineOf(around.Start));
                end = around.End;
                closed &= stretches[i].Closed;
                grew = true;
            }
            if (!grew && from == 0) break;
        }
        return closed ? around : null;
    }
}
