using System.Runtime.CompilerServices;
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
        var seen = new HashSet<(string Title, int Edits)>();
        foreach (var fix in fixes)
        {
            // The same fix offered for two diagnostics is offered once.
            if (seen.Add((fix.Title, EditsHash(fix.Edits)))) unique.Add(fix);
            else if (!unique.Any(u => u.Title == fix.Title && u.Edits.SequenceEqual(fix.Edits))) unique.Add(fix);
        }
        unique.AddRange(suppressions);
        return unique;
    }

    private static int EditsHash(IReadOnlyList<TextEdit> edits)
    {
        var hash = new HashCode();
        foreach (var e in edits) hash.Add(e);
        return hash.ToHashCode();
    }

    /// <summary>
    /// Every safe fix of the note at once, as edits against the analysed text that do not overlap.
    /// Fixes whose edits collide wait for the next round on the re-analysed text; rounds go on
    /// until no safe fix is left, so a single fix-all leaves nothing for a second one to do.
    /// </summary>
    public static IReadOnlyList<TextEdit> FixAll(NoteAnalysis analysis) => FixAll(analysis, out _);

    /// <summary>
    /// <see cref="FixAll(NoteAnalysis)"/>; <paramref name="complete"/> is false when it stopped at
    /// <see cref="MaxRounds"/> with safe fixes left (or at fixes that undo each other).
    /// </summary>
    /// <remarks>
    /// Computed once for an analysis and kept with it: a client that cannot resolve edits is sent
    /// the fix-all with the actions at every problem it asks about, and a note of blocks left open
    /// inside each other takes a round, an analysis, for each (87 for a note of 6,500 characters).
    /// </remarks>
    public static IReadOnlyList<TextEdit> FixAll(NoteAnalysis analysis, out bool complete)
    {
        var fixAll = FixedNotes.GetValue(analysis, a => new FixAllResult(Compute(a, out bool done), done));
        complete = fixAll.Complete;
        return fixAll.Edits;
    }

    private sealed record FixAllResult(IReadOnlyList<TextEdit> Edits, bool Complete);

    private static readonly ConditionalWeakTable<NoteAnalysis, FixAllResult> FixedNotes = new();

    private static IReadOnlyList<TextEdit> Compute(NoteAnalysis analysis, out bool complete)
    {
        complete = false;
        string original = analysis.Document.Text, text = original;
        var current = analysis;
        IReadOnlyList<TextEdit>? firstRound = null;
        var seen = new HashSet<string>(StringComparer.Ordinal) { text };
        int rounds = 0;
        for (; rounds < MaxRounds; rounds++)
        {
            var edits = SafeEdits(current);
            if (edits.Count == 0)
            {
                complete = true;
                break;
            }
            firstRound ??= edits;
            text = TextEdits.Apply(text, edits);
            // Fixes that undo each other would go round for ever: stop at a text seen before.
            if (!seen.Add(text)) break;
            current = NoteAnalyzer.Analyze(text, current.Settings);
        }
        if (rounds <= 1) return firstRound ?? [];
        return TextEdits.Diff(original, text);
    }

    /// <summary>
    /// Rounds of fix-all at most. Most notes need one or two; blocks left open inside each other
    /// are closed one per round, innermost first (eleven in a row needed eleven, more than the ten
    /// this once was, so a second fix-all still had work). Each round analyses the note again.
    /// </summary>
    public const int MaxRounds = 100;

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
        // A fix that would change nothing is no fix (and fix-all would take it forever).
        return fixes.Where(f => f.Edits.Any(e => Changes(ctx.Text, e))).OrderByDescending(f => f.IsPreferred);
    }

    private static bool Changes(string text, TextEdit e) => !text.AsSpan(e.Span.Start, e.Span.Length).SequenceEqual(e.NewText);

    private static List<TextEdit> SafeEdits(NoteAnalysis analysis)
    {
        var ctx = new FixContext(analysis);
        // Sorted by start: the edits taken never overlap, so the ones an edit could conflict with
        // are next to where it would go (a note of thousands of problems is not quadratic).
        var accepted = new List<TextEdit>();
        foreach (var d in analysis.Diagnostics)
        {
            foreach (var fix in ForDiagnostic(ctx, d))
            {
                if (!fix.IsSafe) continue;
                if (fix.Edits.Any(e => ConflictsWithAny(accepted, e))) break;
                // An insert goes before an edit starting where it is, so ends stay in order too.
                foreach (var e in fix.Edits) accepted.Insert(e.Span.IsEmpty ? After(accepted, e.Span.Start - 1) : After(accepted, e.Span.Start), e);
                break;
            }
        }
        return accepted;
    }

    /// <summary>The index of the first edit that starts after <paramref name="offset"/>.</summary>
    private static int After(List<TextEdit> sorted, int offset)
    {
        int lo = 0, hi = sorted.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid].Span.Start <= offset) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /// <summary>
    /// Whether the edit conflicts with one of the sorted, non-overlapping edits: any that does starts
    /// at or before its end and ends at or after its start, a run just before where it would go.
    /// </summary>
    private static bool ConflictsWithAny(List<TextEdit> sorted, TextEdit edit)
    {
        for (int i = After(sorted, edit.Span.End) - 1; i >= 0 && sorted[i].Span.End >= edit.Span.Start; i--)
            if (TextEdits.Conflict(sorted[i], edit)) return true;
        return false;
    }

    private static bool Touches(TextSpan span, TextSpan range) => span.Start <= range.End && range.Start <= span.End;
}
