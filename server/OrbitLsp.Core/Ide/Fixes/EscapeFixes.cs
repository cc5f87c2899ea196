using OrbitLsp.Core.Diagnostics;
using OrbitLsp.Core.Syntax;
using OrbitLsp.Core.Text;

namespace OrbitLsp.Core.Ide.Fixes;

/// <summary>
/// OL030, OL031: a block meant as an example, written with Hugo's comment escape
/// (<c>{{&lt;/* orbit_review */&gt;}}</c>) on every call in it, so the page shows it as text.
/// </summary>
internal static class EscapeFixes
{
    public static IEnumerable<CodeFix> For(FixContext ctx, NoteDiagnostic d)
    {
        var block = ctx.BlocksAt(d.Span.Start).FirstOrDefault(b => b.Open is not null && b.OpenSpan == d.Span);
        if (block is null) yield break;
        var edits = new List<TextEdit>();
        foreach (var call in ctx.Doc.Calls)
        {
            if (!block.Span.Contains(call.Span) || call.IsEscaped) continue;
            if (Escaped(ctx.Text, call) is not { } escaped) yield break;
            edits.Add(new TextEdit(call.Span, escaped));
        }
        if (edits.Count == 0) yield break;
        if (d.Code == "OL030")
        {
            // NOTE: an indented code block is found by a guess (a list item's continuation looks
            // alike); only a fenced one is code beyond doubt.
            bool fenced = MarkdownContext.At(ctx.Doc.Regions, block.Span.Start)?.Kind == ContextKind.CodeFence;
            yield return new CodeFix("Escape the block so the code shows it as text", CodeFix.QuickFix, edits, fenced, d.Code, IsPreferred: true);
        }
        else
        {
            yield return new CodeFix("Escape the block: keep it as a note that publishes no cards", CodeFix.QuickFix, edits, IsSafe: false, d.Code, IsPreferred: true);
        }
    }

    /// <summary><c>{{&lt; name params &gt;}}</c> → <c>{{&lt;/* name params */&gt;}}</c>, or null when it cannot be escaped.</summary>
    private static string? Escaped(string text, ShortcodeCall call)
    {
        if (call.SyntaxError is not null || call.Span.Length < 6) return null;
        string raw = text.Substring(call.Span.Start, call.Span.Length);
        string open = raw[..3], close = raw[^3..];
        string middle = raw[3..^3].Trim();
        if (middle.Contains("*/", StringComparison.Ordinal)) return null;
        return $"{open}/* {middle} */{close}";
    }
}
