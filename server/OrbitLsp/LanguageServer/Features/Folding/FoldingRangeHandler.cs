using OrbitLsp.Core.Ide;
using OrbitLsp.LanguageServer.Documents;
using OrbitLsp.LanguageServer.Lifecycle;
using OrbitLsp.LanguageServer.Protocol;
using OrbitLsp.LanguageServer.Transport;

namespace OrbitLsp.LanguageServer.Features.Folding;

/// <summary>
/// <c>textDocument/foldingRange</c>: the front matter and every review block, closing tag included.
/// A prose edit's are its basis's (<see cref="DocumentSnapshot.ProseSource"/>): it moves no line
/// and touches neither the front matter nor a block. A block edit's are its basis's but for the
/// edited block's, which comes from the block read again (<see cref="DocumentSnapshot.EditedBlock"/>).
/// </summary>
public sealed class FoldingRangeHandler(DocumentStore documents, ServerState state)
{
    public async Task<FoldingRange[]> HandleAsync(DocumentParams p, CancellationToken ct)
    {
        var snapshot = documents.Require(p.TextDocument);
        if (!snapshot.IsNote) return [];
        bool collapsedText = state.Client.TextDocument?.FoldingRange?.FoldingRange?.CollapsedText == true;
        // Off the connection's dispatch before any work, the block edit's shortcut too: the next keystroke may be waiting.
        await ThreadPoolSwitch.Instance;
        if (FromBlockEdit(snapshot, collapsedText) is { } quick) return quick;
        var (source, analysis) = await snapshot.AnalyzeProseSourceAsync(ct).ConfigureAwait(false);
        // Made once per analysis: an editor asks again after every edit, and a prose edit's are its
        // basis's (111 KB made for each ask of a 1 MB note's).
        return AnalysisProducts.Of(analysis).Get(("folding ranges", source.Uri, collapsedText), () => For(source, analysis, collapsedText));
    }

    /// <summary>The folding ranges of <paramref name="source"/>, whose analysis is <paramref name="analysis"/>.</summary>
    public static FoldingRange[] For(DocumentSnapshot source, Core.Analysis.NoteAnalysis analysis, bool collapsedText) =>
        [.. FoldingRanges.For(analysis).Select(r => Range(r, source.Lines, collapsedText))];

    /// <summary>
    /// The folding ranges of a block edit that moved no line, without its analysis: the basis's,
    /// with the edited block's region from the block read again. Null when it is not such a version.
    /// </summary>
    public static FoldingRange[]? FromBlockEdit(DocumentSnapshot snapshot, bool collapsedText)
    {
        if (snapshot.EditedBlock is not { } edited) return null;
        IEnumerable<FoldingRange>? own = FoldingRanges.For(edited.Alone).Select(r => Range(r, edited.Alone.Lines, collapsedText));
        var ranges = new List<FoldingRange>();
        foreach (var region in FoldingRanges.For(edited.Basis.Analysis))
        {
            // Regions come in the order of their blocks: the edited block's goes where its basis's was.
            if (region.BlockIndex == edited.Index) continue;
            if (region.BlockIndex > edited.Index && own is not null) { ranges.AddRange(own); own = null; }
            ranges.Add(Range(region, edited.Basis.Lines, collapsedText));
        }
        if (own is not null) ranges.AddRange(own);
        return [.. ranges];
    }

    private static FoldingRange Range(FoldingRegion r, Core.Text.LineMap lines, bool collapsedText) => new()
    {
        StartLine = lines.GetLine(r.Span.Start),
        EndLine = lines.GetLine(r.Span.End - 1),
        // NOTE: LSP has no kind for front matter ("imports" would fold it with a file's imports).
        Kind = r.Kind == FoldingKind.Region ? "region" : null,
        CollapsedText = collapsedText ? r.CollapsedText : null,
    };
}
