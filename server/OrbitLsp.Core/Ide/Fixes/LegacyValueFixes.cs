using OrbitLsp.Core.Diagnostics;
using OrbitLsp.Core.Text;

namespace OrbitLsp.Core.Ide.Fixes;

/// <summary>
/// OL042: orbit_flashcard pastes a value into a single-quoted HTML attribute, so an apostrophe
/// ends it. Written as the character reference <c>&amp;#39;</c>, the browser reads it back as an
/// apostrophe and the card shows the whole text. The card changes (it was cut short), so fix-all
/// leaves it to the author.
/// </summary>
internal static class LegacyValueFixes
{
    public static IEnumerable<CodeFix> For(FixContext ctx, NoteDiagnostic d)
    {
        string raw = ctx.Text.Substring(d.Span.Start, d.Span.Length);
        int from = raw.Length >= 2 && raw[0] is '"' or '`' ? 1 : 0;
        int to = from == 1 ? raw.Length - 1 : raw.Length;
        var edits = new List<TextEdit>();
        for (int i = from; i < to; i++)
            if (raw[i] == '\'') edits.Add(new TextEdit(new TextSpan(d.Span.Start + i, 1), "&#39;"));
        if (edits.Count == 0) yield break;
        yield return new CodeFix("Write each apostrophe as &#39; so the card shows the whole text", CodeFix.QuickFix,
            edits, IsSafe: false, d.Code, IsPreferred: true);
    }
}
