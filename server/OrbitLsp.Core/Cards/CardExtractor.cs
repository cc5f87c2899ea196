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
        foreach (var (index, block) in PublishedBlocks(analysis.Document))
        {
            if (blockFilter is not null && !blockFilter(block)) continue;
            foreach (var prompt in block.Prompts)
            {
                cards.Add(new Card(index, prompt.Index, prompt.Question, prompt.Answer, block.Color,
                    prompt.QuestionSpan, prompt.Span, block.IsHidden, ProblemsOf(analysis, block, prompt), block, prompt));
            }
        }
        return cards.ToImmutable();
    }

    /// <summary>Codes of the diagnostics on the prompt, and of the one on the line that shifted it.</summary>
    public static ImmutableArray<string> ProblemsOf(NoteAnalysis analysis, ReviewBlock block, Prompt prompt)
    {
        var codes = new List<string>();
        foreach (var d in analysis.Diagnostics)
        {
            if (d.Severity > Severity.Warning) continue;
            bool touches = d.Span.OverlapsWith(prompt.Span) || (d.Span.IsEmpty && prompt.Span.Touches(d.Span.Start))
                || (prompt.ShiftedBy is { } cause && d.Span.OverlapsWith(cause.LineSpan))
                || (d.Span == block.OpenSpan && d.Rule.Code is "OL006" or "OL020" or "OL010" or "OL030" or "OL031");
            if (touches && !codes.Contains(d.Code)) codes.Add(d.Code);
        }
        if (prompt.ShiftedBy is not null && codes.Count == 0) codes.Add(Rules.OddRun.Code);
        return [.. codes];
    }
}
