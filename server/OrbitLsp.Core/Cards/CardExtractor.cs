using System.Collections.Immutable;
using OrbitLsp.Core.Analysis;
using OrbitLsp.Core.Diagnostics;
using OrbitLsp.Core.Model;

namespace OrbitLsp.Core.Cards;

/// <summary>Lists the cards a note's published page contains, in page order.</summary>
public static class CardExtractor
{
    /// <summary>Review areas that reach the page (not nested, not in front matter, not shown as code).</summary>
    public static IEnumerable<(int PublishedIndex, ReviewBlock Block)> PublishedBlocks(NoteDocument doc)
    {
        int index = 0;
        foreach (var block in doc.Blocks)
        {
            if (block.Placement is BlockPlacement.Nested or BlockPlacement.FrontMatter || !block.PublishesArea) continue;
            yield return (index++, block);
        }
    }

    public static ImmutableArray<Card> Extract(NoteAnalysis analysis, Func<ReviewBlock, bool>? blockFilter = null)
    {
        var cards = ImmutableArray.CreateBuilder<Card>();
        var diagnostics = analysis.Diagnostics;
        // Only diagnostics that reach into a block can be about its prompts. The blocks come in
        // order, as the diagnostics do (by start): those that started before the block and still
        // reach it are kept in order, those that start inside it follow. (Every prompt against
        // every diagnostic took minutes on a note of 10,000 cards.)
        var reaching = new List<NoteDiagnostic>();
        var candidates = new List<NoteDiagnostic>();
        int next = 0;
        foreach (var (index, block) in PublishedBlocks(analysis.Document))
        {
            if (blockFilter is not null && !blockFilter(block)) continue;
            // NOTE: no lambda here: one that captured `block` made a closure for every block of
            // the note, those the filter skips included (13 KB a hover in a note of 541 blocks).
            // A diagnostic that ends before this block ends before every later one: dropped, and
            // never kept at all when it comes after a block the filter skipped.
            int start = block.Span.Start;
            int kept = 0;
            for (int i = 0; i < reaching.Count; i++)
                if (reaching[i].Span.End >= start) reaching[kept++] = reaching[i];
            reaching.RemoveRange(kept, reaching.Count - kept);
            for (; next < diagnostics.Length && diagnostics[next].Span.Start < start; next++)
                if (diagnostics[next].Span.End >= start) reaching.Add(diagnostics[next]);
            candidates.Clear();
            candidates.AddRange(reaching);
            for (int i = next; i < diagnostics.Length && diagnostics[i].Span.Start <= block.Span.End; i++) candidates.Add(diagnostics[i]);
            foreach (var prompt in block.Prompts)
            {
                cards.Add(new Card(index, prompt.Index, prompt.Question, prompt.Answer, block.Color,
                    prompt.QuestionSpan, prompt.Span, block.IsHidden, ProblemsOf(candidates, block, prompt), block, prompt));
            }
        }
        return cards.ToImmutable();
    }

    /// <summary>Codes of the diagnostics on the prompt, and of the one on the line that shifted it.</summary>
    public static ImmutableArray<string> ProblemsOf(NoteAnalysis analysis, ReviewBlock block, Prompt prompt) =>
        ProblemsOf(analysis.Diagnostics, block, prompt);

    /// <summary>As above, from the diagnostics given (in the analysis's order): those that reach into the block suffice.</summary>
    private static ImmutableArray<string> ProblemsOf(IEnumerable<NoteDiagnostic> diagnostics, ReviewBlock block, Prompt prompt)
    {
        var codes = new List<string>();
        foreach (var d in diagnostics)
        {
            if (d.Severity > Severity.Warning) continue;
            bool touches = d.Span.OverlapsWith(prompt.Span) || (d.Span.IsEmpty && prompt.Span.Touches(d.Span.Start))
                || (prompt.ShiftedBy is { } cause && d.Span.OverlapsWith(cause.LineSpan))
                || (d.Span == block.OpenSpan && d.Rule.Code is "OL006" or "OL020" or "OL010" or "OL030" or "OL031");
            if (touches && !codes.Contains(d.Code)) codes.Add(d.Code);
        }
        // A shift whose diagnostic is turned off still marks the card, by the rule that found it.
        if (prompt.ShiftedBy is { } by && codes.Count == 0)
            codes.Add(!block.QuestionShifts.IsEmpty && !PairingAnalyzer.IsCause(by) ? Rules.QuestionInAnswerPlace.Code : Rules.OddRun.Code);
        return [.. codes];
    }
}
