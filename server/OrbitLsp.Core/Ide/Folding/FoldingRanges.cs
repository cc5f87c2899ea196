using System.Collections.Immutable;
using OrbitLsp.Core.Analysis;
using OrbitLsp.Core.Text;

namespace OrbitLsp.Core.Ide;

public enum FoldingKind
{
    /// <summary>A review block (LSP's "region").</summary>
    Region,

    /// <summary>The front matter (LSP has no kind for it; the server may send "imports" or none).</summary>
    FrontMatter,
}

/// <summary>
/// A foldable stretch of at least two lines; the server turns the span into start and end lines.
/// <see cref="BlockIndex"/> is the block's place in <see cref="Model.NoteDocument.Blocks"/>, -1 for the front matter.
/// </summary>
public sealed record FoldingRegion(TextSpan Span, FoldingKind Kind, string CollapsedText, int BlockIndex = -1);

/// <summary>Folding ranges: the front matter and every review block (nested ones too).</summary>
public static class FoldingRanges
{
    public static ImmutableArray<FoldingRegion> For(NoteAnalysis analysis) => For(analysis.Document);

    /// <summary>The same from the model alone (a block's region depends on nothing outside it).</summary>
    public static ImmutableArray<FoldingRegion> For(Model.NoteDocument doc)
    {
        var regions = ImmutableArray.CreateBuilder<FoldingRegion>();
        if (doc.FrontMatter is { } fm && SpansLines(doc.Lines, fm.Span))
            regions.Add(new FoldingRegion(fm.Span, FoldingKind.FrontMatter, "front matter"));
        foreach (var block in doc.Blocks)
        {
            if (!SpansLines(doc.Lines, block.Span)) continue;
            int n = block.Prompts.Length;
            regions.Add(new FoldingRegion(block.Span, FoldingKind.Region,
                $"{DocumentSymbols.FormName(block.Form)} · {n} prompt{(n == 1 ? "" : "s")}", block.Index));
        }
        return regions.ToImmutable();
    }

    private static bool SpansLines(LineMap lines, TextSpan span) =>
        span.Length > 0 && lines.GetLine(span.End - 1) > lines.GetLine(span.Start);
}
