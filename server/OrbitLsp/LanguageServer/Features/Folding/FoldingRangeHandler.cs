using OrbitLsp.Core.Ide;
using OrbitLsp.LanguageServer.Documents;
using OrbitLsp.LanguageServer.Lifecycle;
using OrbitLsp.LanguageServer.Protocol;

namespace OrbitLsp.LanguageServer.Features.Folding;

/// <summary>
/// <c>textDocument/foldingRange</c>: the front matter and every review block, closing tag included.
/// A prose edit's are its basis's (<see cref="DocumentSnapshot.ProseSource"/>): it moves no line
/// and touches neither the front matter nor a block.
/// </summary>
public sealed class FoldingRangeHandler(DocumentStore documents, ServerState state)
{
    public async Task<FoldingRange[]> HandleAsync(DocumentParams p, CancellationToken ct)
    {
        var snapshot = documents.Require(p.TextDocument);
        if (!snapshot.IsNote) return [];
        var (source, analysis) = await snapshot.AnalyzeProseSourceAsync(ct).ConfigureAwait(false);
        return For(source, analysis, collapsedText: state.Client.TextDocument?.FoldingRange?.FoldingRange?.CollapsedText == true);
    }

    /// <summary>The folding ranges of <paramref name="source"/>, whose analysis is <paramref name="analysis"/>.</summary>
    public static FoldingRange[] For(DocumentSnapshot source, Core.Analysis.NoteAnalysis analysis, bool collapsedText)
    {
        var lines = source.Lines;
        return [.. FoldingRanges.For(analysis).Select(r => new FoldingRange
        {
            StartLine = lines.GetLine(r.Span.Start),
            EndLine = lines.GetLine(r.Span.End - 1),
            // NOTE: LSP has no kind for front matter ("imports" would fold it with a file's imports).
            Kind = r.Kind == FoldingKind.Region ? "region" : null,
            CollapsedText = collapsedText ? r.CollapsedText : null,
        })];
    }
}
