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
    /// The symbols of <paramref name="source"/> (whose analysis is <paramref name="analysis"/>): <c>DocumentSymbol[]</c> or <c>SymbolInformation[]</c>.
    /// Made once per analysis and kept with it (<see cref="AnalysisProducts"/>): VS Code asks again after every keystroke, and a
    /// prose edit's are its basis's (for a 1 MB note 3.4 ms and 2.4 MB each time, one young
    /// collection per request with the server's 2 MB budget).
    /// </summary>
    public static object For(DocumentSnapshot source, Core.Analysis.NoteAnalysis analysis, PositionEncoder encoder, bool hierarchical) =>
        AnalysisProducts.Of(analysis).Get(("symbols", source.Uri, encoder, hierarchical), () =>
        {
            Protocol.Range RangeOf(Core.Text.TextSpan span) => encoder.ToRange(source.Lines, source.Text, span);
            return Convert(source.Uri, [.. DocumentSymbols.For(analysis).Select(s => (s, (Func<Core.Text.TextSpan, Protocol.Range>)RangeOf))], hierarchical);
        });

    /// <summary>
    /// The symbols of a block edit that moved no line, without its analysis: the basis's, with the
    /// edited block's (a top-level block: one symbol) from the block read again. Null when it is not such a version.
    /// </summary>
    public static object? FromBlockEdit(DocumentSnapshot snapshot, PositionEncoder encoder, bool hierarchical)
    {
        if (snapshot.EditedBlock is not { } edited) return null;
        var basis = edited.Basis;
        var alone = edited.Alone;
        Protocol.Range BasisRange(Core.Text.TextSpan span) => encoder.ToRange(basis.Lines, basis.Text, span);
        Protocol.Range OwnRange(Core.Text.TextSpan span) => encoder.ToRange(alone.Lines, alone.Text, span);
        // One symbol per top-level block, in order: the edited block's place among them.
        var blocks = basis.Analysis.Document.Blocks;
        int place = 0;
        for (int i = 0; i < edited.Index; i++)
            if (blocks[i].Parent is null) place++;
        if (hierarchical)
        {
            // The basis's tree (made once for it) with the edited block's symbol made again.
            var trees = (DocumentSymbol[])For(basis, basis.Analysis, encoder, hierarchical: true);
            var copy = (DocumentSymbol[])trees.Clone();
            copy[place] = Tree(DocumentSymbols.For(alone).Single(), OwnRange);
            return copy;
        }
        var symbols = DocumentSymbols.For(basis.Analysis).Select(s => (s, (Func<Core.Text.TextSpan, Protocol.Range>)BasisRange)).ToArray();
        symbols[place] = (DocumentSymbols.For(alone).Single(), OwnRange);
        return Convert(snapshot.Uri, symbols, hierarchical);
    }

    private static object Convert(string uri, (NoteSymbol Symbol, Func<Core.Text.TextSpan, Protocol.Range> RangeOf)[] symbols, bool hierarchical)
    {
        if (hierarchical) return symbols.Select(s => Tree(s.Symbol, s.RangeOf)).ToArray();
        var flat = new List<SymbolInformation>();
        void Flatten(NoteSymbol s, string? container, Func<Core.Text.TextSpan, Protocol.Range> rangeOf)
        {
            flat.Add(new SymbolInformation(s.Name, KindOf(s), new Location(uri, rangeOf(s.Span)), container));
            foreach (var child in s.Children) Flatten(child, s.Name, rangeOf);
        }
        foreach (var (symbol, rangeOf) in symbols) Flatten(symbol, null, rangeOf);
        return flat.ToArray();
    }

    private static DocumentSymbol Tree(NoteSymbol s, Func<Core.Text.TextSpan, Protocol.Range> rangeOf) => new()
    {
        Name = s.Name, Detail = s.Detail, Kind = KindOf(s), Range = rangeOf(s.Span), SelectionRange = rangeOf(s.SelectionSpan),
        Children = s.Children.IsEmpty ? null : [.. s.Children.Select(c => Tree(c, rangeOf))],
    };

    private static int KindOf(NoteSymbol s) => s.Kind == NoteSymbolKind.Block ? SymbolKinds.Module : SymbolKinds.String;
}
