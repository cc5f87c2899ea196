using OrbitLsp.Core.Diagnostics;
using OrbitLsp.Core.Model;
using OrbitLsp.Core.Text;

namespace OrbitLsp.Core.Ide.Fixes;

/// <summary>OL020: the palette colour nearest to an unknown one; OL021: an empty colour written out.</summary>
internal static class ColorFixes
{
    public static IEnumerable<CodeFix> For(FixContext ctx, NoteDiagnostic d)
    {
        var block = ctx.BlocksAt(d.Span.Start).FirstOrDefault(b =>
            (b.ColorParameter?.ValueSpan ?? b.ColorAttribute?.ValueSpan) == d.Span);
        if (block is null) yield break;
        string value = block.ColorParameter?.Value ?? block.ColorAttribute?.Value ?? "";

        if (d.Code == "OL021")
        {
            // The shortcode falls back to purple: writing it out leaves the page as it is. Raw
            // HTML and the older form leave the colour to the site's host name, not known here.
            if (block.Form == BlockForm.Shortcode && block.ColorParameter is { } empty)
                yield return new CodeFix("Write color=\"purple\", the colour the block gets now", CodeFix.QuickFix,
                    [new TextEdit(empty.ValueSpan, "\"purple\"")], IsSafe: true, d.Code, IsPreferred: true);
            yield break;
        }

        if (OrbitColors.Suggest(value) is not { } near) yield break;
        string written = ctx.Text.Substring(d.Span.Start, d.Span.Length);
        var edit = written.Length >= 2 && written[0] is '"' or '\'' or '`' && written[^1] == written[0]
            ? new TextEdit(new TextSpan(d.Span.Start + 1, d.Span.Length - 2), near)
            : new TextEdit(d.Span, near);
        // NOTE: only a difference of case or spaces is beyond doubt; a typo's nearest colour is a guess.
        bool sameWord = string.Equals(value.Trim(), near, StringComparison.OrdinalIgnoreCase);
        yield return new CodeFix($"Change the colour to '{near}'", CodeFix.QuickFix, [edit], sameWord, d.Code, IsPreferred: true);
    }
}
