using OrbitLsp.Core.Ide;
using OrbitLsp.LanguageServer.Documents;
using OrbitLsp.LanguageServer.Lifecycle;
using OrbitLsp.LanguageServer.Protocol;
using OrbitLsp.LanguageServer.Transport;

namespace OrbitLsp.LanguageServer.Features.Symbols;

/// <summary>
/// <c>textDocument/documentSymbol</c>: blocks with their prompts named by the question, as a tree
/// (<c>DocumentSymbol</c>) or, for a client without hierarchical support, flat (<c>SymbolInformation</c>).
/// A prose edit's are its basis's (<see cref="DocumentSnapshot.ProseSource"/>): symbols are blocks
/// and prompts, whose lines a prose edit neither moves nor touches. A block edit's are its basis's
/// but for the edited block's, from the block read again (<see cref="DocumentSnapshot.EditedBlock"/>).
/// </summary>
public sealed class DocumentSymbolHandler(DocumentStore documents, ServerState state)
{
    public async Task<object> HandleAsync(DocumentParams p, CancellationToken ct)
    {
        var snapshot = documents.Require(p.TextDocument);
        if (!snapshot.IsNote) return Array.Empty<DocumentSymbol>();
        bool hierarchical = state.Client.TextDocument?.DocumentSymbol?.HierarchicalDocumentSymbolSupport == true;
        // Off the connection's dispatch before any work, the block edit's shortcut too: the next keystroke may be waiting.
        await ThreadPoolSwitch.Instance;
        if (FromBlockEdit(snapshot, state.Encoder, hierarchical) is { } quick) return quick;
        var (source, analysis) = await snapshot.AnalyzeProseSourceAsync(ct).ConfigureAwait(false);
        return For(source, analysis, state.Encoder, hierarchical);
    }

    /// <summary>
    /// The symbols of <paramref name="source"/> (whose analysis is <paramref name="analysis"/>), as
    /// <c>DocumentSymbol[]</c> or <c>SymbolInformation[]</c> written ahead (<see cref="WrittenArray"/>,
    /// one group per top-level symbol). Made once per analysis and kept with it (<see cref="AnalysisProducts"/>):
    /// VS Code asks again after every keystroke, and a prose edit's are its basis's. For a 1 MB note
    /// the objects took 3.4 ms and 2.4 MB to make and, kept, were 32,000 small objects (about 1 MB)
    /// that every young collection after a typing pause copied; written, they are one array of bytes,
    /// and a request copies it.
    /// </summary>
    public static WrittenArray For(DocumentSnapshot source, Core.Analysis.NoteAnalysis analysis, PositionEncoder encoder, bool hierarchical) =>
        AnalysisProducts.Of(analysis).Get(("symbols", source.Uri, encoder, hierarchical), () =>
        {
            Protocol.Range RangeOf(Core.Text.TextSpan span) => encoder.ToRange(source.Lines, source.Text, span);
            return Written(source.Uri, DocumentSymbols.For(analysis), RangeOf, hierarchical);
        });

    /// <summary>
    /// The symbols of a block edit that moved no line, without its analysis: the basis's, with the
    /// edited block's (a top-level block: one symbol) from the block read again. Null when it is not such a version.
    /// </summary>
    public static WrittenArray? FromBlockEdit(DocumentSnapshot snapshot, PositionEncoder encoder, bool hierarchical)
    {
        if (snapshot.EditedBlock is not { } edited) return null;
        var basis = edited.Basis;
        var alone = edited.Alone;
        Protocol.Range OwnRange(Core.Text.TextSpan span) => encoder.ToRange(alone.Lines, alone.Text, span);
        // One symbol per top-level block, in order: the edited block's place among them.
        var blocks = basis.Analysis.Document.Blocks;
        int place = 0;
        for (int i = 0; i < edited.Index; i++)
            if (blocks[i].Parent is null) place++;
        // The basis's (written once for it) with the edited block's written again.
        return For(basis, basis.Analysis, encoder, hierarchical)
            .WithGroup(place, Written(snapshot.Uri, [DocumentSymbols.For(alone).Single()], OwnRange, hierarchical));
    }

    /// <summary>The symbols written, one group per top-level symbol: its tree, or it and its children flat.</summary>
    private static WrittenArray Written(string uri, IEnumerable<NoteSymbol> symbols, Func<Core.Text.TextSpan, Protocol.Range> rangeOf, bool hierarchical)
    {
        if (hierarchical) return WrittenArray.Of(symbols.Select(s => (IEnumerable<DocumentSymbol>)[Tree(s, rangeOf)]), LspJson.Info<DocumentSymbol>());
        IEnumerable<SymbolInformation> Flatten(NoteSymbol s, string? container)
        {
            yield return new SymbolInformation(s.Name, KindOf(s), new Location(uri, rangeOf(s.Span)), container);
            foreach (var child in s.Children)
                foreach (var flat in Flatten(child, s.Name))
                    yield return flat;
        }
        return WrittenArray.Of(symbols.Select(s => Flatten(s, null)), LspJson.Info<SymbolInformation>());
    }

    private static DocumentSymbol Tree(NoteSymbol s, Func<Core.Text.TextSpan, Protocol.Range> rangeOf) => new()
    {
        Name = s.Name, Detail = s.Detail, Kind = KindOf(s), Range = rangeOf(s.Span), SelectionRange = rangeOf(s.SelectionSpan),
        Children = s.Children.IsEmpty ? null : [.. s.Children.Select(c => Tree(c, rangeOf))],
    };

    private static int KindOf(NoteSymbol s) => s.Kind == NoteSymbolKind.Block ? SymbolKinds.Module : SymbolKinds.String;
}
