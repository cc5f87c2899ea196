using System.Collections.Immutable;
using OrbitLsp.Core.Analysis;
using OrbitLsp.Core.Cards;
using OrbitLsp.Core.Diagnostics;
using OrbitLsp.Core.Model;
using OrbitLsp.Core.Text;

namespace OrbitLsp.Core.Ide;

public enum BlockLensKind
{
    /// <summary>"Review 4 prompts": runs the review of the block (a command the server names).</summary>
    Review,

    /// <summary>"2 problems": the warnings and errors inside the block.</summary>
    Problems,
}

/// <summary>
/// A lens shown above a published block's opening tag. <see cref="PublishedIndex"/> is the
/// block's place among the review areas the page gets (as <see cref="CardExtractor.PublishedBlocks"/>
/// counts them); <see cref="BlockIndex"/> its place in <see cref="NoteDocument.Blocks"/>.
/// </summary>
public sealed record BlockLens(TextSpan Span, BlockLensKind Kind, string Title, int PublishedIndex, int BlockIndex, int Count);

/// <summary>Code lenses: per published review block, "Review N prompts" ("· M due" when the review state is known) and, when it has any, "N problems".</summary>
public static class CodeLenses
{
    public static ImmutableArray<BlockLens> For(NoteAnalysis analysis, Func<Review.CardPlace, bool>? isDue = null)
    {
        var lenses = ImmutableArray.CreateBuilder<BlockLens>();
        var diagnostics = new DiagnosticLookup(analysis.Diagnostics);
        var dueByBlock = isDue is null ? null : Review.ReviewCards.All(analysis).CountByBlock(isDue);
        foreach (var (published, block) in CardExtractor.PublishedBlocks(analysis.Document))
        {
            var at = block.OpenSpan;
            int prompts = block.Prompts.Length;
            // NOTE: an empty block gets no "Review" lens: there is nothing to review, and the
            // empty-block diagnostic already says so through the "problems" lens.
            if (prompts > 0)
            {
                string due = dueByBlock is null ? "" : $" · {dueByBlock.GetValueOrDefault(published)} due";
                lenses.Add(new BlockLens(at, BlockLensKind.Review, $"Review {Plural(prompts, "prompt")}{due}", published, block.Index, prompts));
            }
            int problems = diagnostics.Overlapping(block.Span).Count(d => d.Severity <= Severity.Warning);
            if (problems > 0)
                lenses.Add(new BlockLens(at, BlockLensKind.Problems, Plural(problems, "problem"), published, block.Index, problems));
        }
        return lenses.ToImmutable();
    }

    private static string Plural(int n, string word) => n == 1 ? $"1 {word}" : $"{n} {word}s";
}
