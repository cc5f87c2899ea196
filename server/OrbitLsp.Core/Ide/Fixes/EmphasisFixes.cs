using OrbitLsp.Core.Diagnostics;
using OrbitLsp.Core.Model;
using OrbitLsp.Core.Text;

namespace OrbitLsp.Core.Ide.Fixes;

/// <summary>
/// OL026: '*' at the ends of a prompt line is trimmed away. Two ways out, neither safe for
/// fix-all, because which one the author wants is theirs to say: write what the card shows
/// anyway, or keep the emphasis in underscores (which changes the card: it becomes bold).
/// </summary>
internal static class EmphasisFixes
{
    public static IEnumerable<CodeFix> For(FixContext ctx, NoteDiagnostic d)
    {
        if (PairingFixes.Find(ctx, d.Span.Start, l => l.LineSpan == d.Span && l.Has(LineHazards.StrippedAsterisks)) is not (_, { } line)) yield break;
        var raw = ctx.Text.AsSpan(line.LineSpan.Start, line.LineSpan.Length);
        if (raw.IndexOfAny('\r', '\n') >= 0) yield break; // a CRLF block is converted first
        if (PairingAnalyzer.IsCause(line)) yield break;    // its text is a call's output, not what is written

        int lead = 0;
        while (lead < raw.Length && raw[lead] == ' ') lead++;
        int trail = raw.Length;
        while (trail > lead && raw[trail - 1] == ' ') trail--;
        var written = TextSpan.FromBounds(line.LineSpan.Start + lead, line.LineSpan.Start + trail);
        var content = line.ContentSpan;

        int before = content.Start - written.Start, after = written.End - content.End;
        bool wraps = before == after && before is >= 1 and <= 3
            && raw[lead..(lead + before)].IndexOfAnyExcept('*') < 0
            && raw[(trail - after)..trail].IndexOfAnyExcept('*') < 0;
        if (wraps)
        {
            string marks = new('_', before);
            yield return new CodeFix($"Keep the emphasis: write {marks}…{marks} instead of '*'", CodeFix.QuickFix,
                [new TextEdit(new TextSpan(written.Start, before), marks), new TextEdit(new TextSpan(content.End, after), marks)],
                IsSafe: false, d.Code, IsPreferred: true);
        }
        yield return new CodeFix($"Write the line as the card shows it: '{PairingFixes.Short(line.Text)}'", CodeFix.QuickFix,
            [new TextEdit(written, line.Text)], IsSafe: false, d.Code, IsPreferred: !wraps);
    }
}
