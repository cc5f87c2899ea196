using OrbitLsp.Core.Diagnostics;
using OrbitLsp.Core.Model;
using OrbitLsp.Core.Syntax;
using OrbitLsp.Core.Text;

namespace OrbitLsp.Core.Ide.Fixes;

/// <summary>
/// Parameters of the opening tag: single quotes and bare values Hugo misreads (OL012, OL013),
/// a positional colour (OL022) and parameters the shortcode ignores (OL022, OL023).
/// </summary>
internal static class ParameterFixes
{
    public static IEnumerable<CodeFix> For(FixContext ctx, NoteDiagnostic d)
    {
        var (call, parameter) = Find(ctx, d.Span);
        switch (d.Code)
        {
            case "OL012":
                string written = ctx.Text.Substring(d.Span.Start, d.Span.Length);
                if (written.Length < 2 || written[0] != '\'' || written[^1] != '\'') break;
                if (FixContext.Quoted(written[1..^1]) is not { } quoted) break;
                return [new CodeFix($"Use double quotes: {parameter?.Name ?? "color"}={quoted}", CodeFix.QuickFix,
                    [new TextEdit(d.Span, quoted)], IsSafe: true, d.Code, IsPreferred: true)];
            case "OL013":
                string bare = ctx.Text.Substring(d.Span.Start, d.Span.Length);
                if (bare.Length == 0 || bare.AsSpan().IndexOfAny(" \t\r\n>}%\"'`") >= 0) break;
                return [new CodeFix($"Quote the value: {parameter?.Name ?? "color"}=\"{bare}\"", CodeFix.QuickFix,
                    [new TextEdit(d.Span, "\"" + bare + "\"")], IsSafe: true, d.Code, IsPreferred: true)];
            case "OL022" when call is not null && parameter is not null:
                return Positional(ctx, d, call, parameter);
            case "OL023" when call is not null && parameter is not null:
                return Unknown(ctx, d, call, parameter);
        }
        return [];
    }

    private static IEnumerable<CodeFix> Positional(FixContext ctx, NoteDiagnostic d, ShortcodeCall call, ShortcodeParameter p)
    {
        string color = p.Value.Trim().ToLowerInvariant();
        var colours = call.Parameters.Where(x => !x.IsNamed && OrbitColors.IsValid(x.Value.Trim().ToLowerInvariant())).ToList();
        if (colours.Count == 1 && colours[0] == p && call.Parameters.All(x => !x.IsNamed))
        {
            // The author wrote the colour; as a named parameter the block gets it. The other
            // positional values go too: named and positional may not be mixed.
            var edits = new List<TextEdit> { new(p.Span, $"color=\"{color}\"") };
            edits.AddRange(call.Parameters.Where(x => x != p).Select(x => Remove(ctx, x)));
            yield return new CodeFix($"Write color=\"{color}\"", CodeFix.QuickFix, edits, IsSafe: true, d.Code, IsPreferred: true);
        }
        else if (colours.Count <= 1 && !colours.Contains(p))
        {
            yield return new CodeFix($"Remove the ignored parameter '{p.Value}'", CodeFix.QuickFix,
                [Remove(ctx, p)], IsSafe: true, d.Code, IsPreferred: colours.Count == 0);
        }
    }

    private static IEnumerable<CodeFix> Unknown(FixContext ctx, NoteDiagnostic d, ShortcodeCall call, ShortcodeParameter p)
    {
        // "colour" or "Color" is a misspelt colour, not a stray parameter: which one is meant is the author's call.
        bool misspeltColor = call.GetNamed("color") is null && OrbitColors.EditDistance(p.Name!.ToLowerInvariant(), "color") <= 2;
        if (misspeltColor && p.NameSpan is { } nameSpan)
            yield return new CodeFix($"Rename '{p.Name}' to color", CodeFix.QuickFix, [new TextEdit(nameSpan, "color")], IsSafe: false, d.Code, IsPreferred: true);
        yield return new CodeFix($"Remove the ignored parameter '{p.Name}'", CodeFix.QuickFix,
            [Remove(ctx, p)], IsSafe: !misspeltColor, d.Code, IsPreferred: !misspeltColor);
    }

    /// <summary>Deletes a parameter with the white space before it.</summary>
    private static TextEdit Remove(FixContext ctx, ShortcodeParameter p)
    {
        int start = p.Span.Start;
        while (start > 0 && ctx.Text[start - 1] is ' ' or '\t' or '\r' or '\n') start--;
        return new TextEdit(TextSpan.FromBounds(start, p.Span.End), "");
    }

    private static (ShortcodeCall? Call, ShortcodeParameter? Parameter) Find(FixContext ctx, TextSpan span)
    {
        foreach (var call in ctx.Doc.Calls)
        {
            if (!call.Span.Contains(span)) continue;
            foreach (var p in call.Parameters)
                if (p.Span == span || p.ValueSpan == span) return (call, p);
            return (call, null);
        }
        return (null, null);
    }
}
