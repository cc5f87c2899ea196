using OrbitLsp.Core.Ide;
using OrbitLsp.LanguageServer.Documents;
using OrbitLsp.LanguageServer.Lifecycle;
using OrbitLsp.LanguageServer.Protocol;

namespace OrbitLsp.LanguageServer.Features.Symbols;

/// <summary>
/// <c>textDocument/documentSymbol</c>: blocks with their prompts named by the question, as a tree
/// (<c>DocumentSymbol</c>) or, for a client without hierarchical support, flat (<c>SymbolInformation</c>).
/// A prose edit's are its basis's (<see cref="DocumentSnapshot.ProseSource"/>): symbols are blocks
/// and prompts, whose lines a prose edit neither moves nor touches.
/// </summary>
public sealed class DocumentSymbolHandler(DocumentStore documents, ServerState state)
{
    public async Task<object> HandleAsync(DocumentParams p, CancellationToken ct)
    {
        var snapshot = documents.Require(p.TextDocument);
        if (!snapshot.IsNote) return Array.Empty<DocumentSymbol>();
        var (source, analysis) = await snapshot.AnalyzeProseSourceAsync(ct).ConfigureAwait(false);
        return For(source, analysis, state.Encoder, hierarchical: state.Client.TextDocument?.DocumentSymbol?.HierarchicalDocumentSymbolSupport == true);
    }

    /// <summary>The symbols of <paramref name="source"/> (whose analysis is <paramref name="analysis"/>): <c>DocumentSymbol[]</c> or <c>SymbolInformation[]</c>.</summary>
    public static object For(DocumentSnapshot source, Core.Analysis.NoteAnalysis analysis, PositionEncoder encoder, bool hierarchical)
    {
        var symbols = DocumentSymbols.For(analysis);
        Protocol.Range RangeOf(Core.Text.TextSpan span) => encoder.ToRange(source.Lines, source.Text, span);
        if (hierarchical)
        {
            DocumentSymbol Tree(NoteSymbol s) => new()
            {
                Name = s.Name, Detail = s.Detail, Kind = KindOf(s), Range = RangeOf(s.Span), SelectionRange = RangeOf(s.SelectionSpan),
                Children = s.Children.IsEmpty ? null : [.. s.Children.Select(Tree)],
            };
            return symbols.Select(Tree).ToArray();
        }
        var flat = new List<SymbolInformation>();
        void Flatten(NoteSymbol s, string? container)
        {
            flat.Add(new SymbolInformation(s.Name, KindOf(s), new Location(source.Uri, RangeOf(s.Span)), container));
            foreach (var child in s.Children) Flatten(child, s.Name);
        }
        foreach (var s in symbols) Flatten(s, null);
        return flat.ToArray();
    }

    private static int KindOf(NoteSymbol s) => s.Kind == NoteSymbolKind.Block ? SymbolKinds.Module : SymbolKinds.String;
}
