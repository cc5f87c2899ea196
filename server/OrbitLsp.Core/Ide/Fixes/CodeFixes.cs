using OrbitLsp.Core.Analysis;
using OrbitLsp.Core.Diagnostics;
using OrbitLsp.Core.Text;

namespace OrbitLsp.Core.Ide.Fixes;

/// <summary>
/// Quick fixes, block rewrites and fix-all for an analysed note. Pure: an analysis in, edits out;
/// the host turns them into LSP code actions.
/// </summary>
public static class CodeFixes
{
    /// <summary>
    /// What the author can do at <paramref name="range"/>: the fixes of every diagnostic touching
    /// it (preferred fix first), the rewrites of a block it touches, then "disable" comments.
    /// </summary>
    public static IReadOnlyList<CodeFix> For(NoteAnalysis analysis, TextSpan range)
    {
        var ctx = new FixContext(analysis);
        var fixes = new List<CodeFix>();
        var suppressions = new List<CodeFix>();
        foreach (var d in analysis.Diagnostics)
        {
            if (!Touches(d.Span, range)) continue;
            fixes.AddRange(ForDiagnostic(ctx, d));
            if (SuppressionFixes.For(ctx, d) is { } disable && !suppressions.Any(s => s.Title == disable.Title))
                suppressions.Add(disable);
        }
        fixes.AddRange(RewriteFixes.For(ctx, range));
        var unique = new List<CodeFix>();
        foreach (var fix in fixes)
            if (!unique.Any(u => u.Title == fix.Title && u.Edits.SequenceEqual(fix.Edits))) unique.Add(fix);
        unique.AddRange(suppressions);
        return unique;
    }

    /// <summary>
    /// Every safe fix of the note at once, as edits against the analysed text that do not overlap.
    /// Fixes whose edits collide wait for the next round on the re-analysed text; rounds go on
    /// until no safe fix is left, so a single fix-all leaves nothing for a second one to do.
    /// </summary>
    public static IReadOnlyList<TextEdit> FixAll(NoteAnalysis analysis)
    {
        const int MaxRounds = 10;
        string original = analysis.Document.Text, text = original;
        var current = analysis;
        IReadOnlyList<TextEdit>? firstRound = null;
        int rounds = 0;
        for (; rounds < MaxRounds; rounds++)
        {
            var edits = SafeEdits(current);
            if (edits.Count == 0) break;
            firstRound ??= edits;
            text = TextEdits.Apply(text, edits);
            current = NoteAnalyzer.Analyze(text, current.Settings);
        }
        if (rounds <= 1) return firstRound ?? [];
        return TextEdits.Diff(original, text);
    }

    /// <summary>The fixes of one diagnostic, preferred first; no suppression comments.</summary>
    internal static IEnumerable<CodeFix> ForDiagnostic(FixContext ctx, NoteDiagnostic d)
    {
        var fixes = d.Code switch
        {
            "OL001" or "OL002" or "OL003" or "OL006" or "OL027" => PairingFixes.For(ctx, d),
            "OL028" => DuplicateFixes.For(ctx, d),
            "OL010" or "OL011" => ClosingFixes.For(ctx, d),
            "OL012" or "OL013" or "OL022" or "OL023" => ParameterFixes.For(ctx, d),
            "OL020" or "OL021" => ColorFixes.For(ctx, d),
            "OL026" => EmphasisFixes.For(ctx, d),
            "OL030" or "OL031" => EscapeFixes.For(ctx, d),
            "OL042" => LegacyValueFixes.For(ctx, d),
            "OL040" or "OL041" or "OL049" => AttributeFixes.For(ctx, d),
            _ => [],
        };
        return fixes.OrderByDescending(f => f.IsPreferred);
    }

    private static List<TextEdit> SafeEdits(NoteAnalysis analysis)
    {
        var ctx = new FixContext(analysis);
        var accepted = new List<TextEdit>();
        foreach (var d in analysis.Diagnostics)
        {
            foreach (var fix in ForDiagnostic(ctx, d))
            {
                if (!fix.IsSafe) continue;
                if (fix.Edits.Any(e => accepted.Any(a => TextEdits.Conflict(a, e)))) break;
                accepted.AddRange(fix.Edits);
                break;
            }
        }
        return accepted;
    }

    private static bool Touches(TextSpan span, TextSpan range) => span.Start <= range.End && range.Start <= span.End;
}
