using System.Text;
using OrbitLsp.Core.Analysis.Checks;
using OrbitLsp.Core.Diagnostics;
using OrbitLsp.Core.Text;

namespace OrbitLsp.Core.Ide.Fixes;

/// <summary>
/// The older forms' attributes. OL040 / OL041: a question or answer placeholder, as for an
/// unanswered line (it publishes a "TODO" card, so fix-all leaves it to the author). OL049: the
/// reserved characters of a raw attribute written as entities; the card keeps the text the author
/// typed, so fix-all applies it.
/// </summary>
internal static class AttributeFixes
{
    public const string QuestionPlaceholder = "TODO: question";

    public static IEnumerable<CodeFix> For(FixContext ctx, NoteDiagnostic d) => d.Code switch
    {
        "OL040" => Missing(ctx, d, "question", QuestionPlaceholder),
        "OL041" => Missing(ctx, d, "answer", PairingFixes.Placeholder),
        "OL049" => Escape(ctx, d),
        _ => [],
    };

    private static IEnumerable<CodeFix> Missing(FixContext ctx, NoteDiagnostic d, string name, string placeholder)
    {
        string title = $"Add a{(name == "answer" ? "n" : "")} {name} placeholder";
        foreach (var block in ctx.BlocksAt(d.Span.Start))
        {
            if (!block.Span.Contains(d.Span)) continue;
            foreach (var card in block.Flashcards)
            {
                if (!card.Span.Contains(d.Span) || card.HasPositionalParameters) continue;
                // An empty value gets the placeholder inside its quotes; a missing one is added after the name.
                var edit = card.GetNamed(name) is { Value.Length: 0 } empty
                    ? new TextEdit(empty.ValueSpan, $"\"{placeholder}\"")
                    : new TextEdit(new TextSpan(card.NameSpan.End, 0), $" {name}=\"{placeholder}\"");
                yield return new CodeFix(title, CodeFix.QuickFix, [edit], IsSafe: false, d.Code, IsPreferred: true);
                yield break;
            }
            foreach (var prompt in block.Prompts)
            {
                if (prompt.Element is not { } element || element.StartTag != d.Span) continue;
                int afterName = element.StartTag.Start + 1 + element.Name.Length;
                yield return new CodeFix(title, CodeFix.QuickFix, [new TextEdit(new TextSpan(afterName, 0), $" {name}=\"{placeholder}\"")],
                    IsSafe: false, d.Code, IsPreferred: true);
                yield break;
            }
        }
    }

    private static IEnumerable<CodeFix> Escape(FixContext ctx, NoteDiagnostic d)
    {
        var raw = ctx.Text.AsSpan(d.Span.Start, d.Span.Length);
        int from = raw.Length >= 2 && raw[0] is '"' or '\'' ? 1 : 0;
        int to = from == 1 ? raw.Length - 1 : raw.Length;
        var escaped = new StringBuilder();
        for (int i = from; i < to; i++)
        {
            if (raw[i] == '<') escaped.Append("&lt;");
            else if (raw[i] == '&' && !LegacyAndHtmlChecks.StartsReference(raw[i..to])) escaped.Append("&amp;");
            else escaped.Append(raw[i]);
        }
        if (escaped.ToString().AsSpan().SequenceEqual(raw[from..to])) yield break;
        yield return new CodeFix("Write '<' as &lt; and '&' as &amp;", CodeFix.QuickFix,
            [new TextEdit(TextSpan.FromBounds(d.Span.Start + from, d.Span.Start + to), escaped.ToString())], IsSafe: true, d.Code, IsPreferred: true);
    }
}
