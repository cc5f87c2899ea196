using OrbitLsp.Core.Ide;
using OrbitLsp.LanguageServer.Documents;
using OrbitLsp.LanguageServer.Lifecycle;
using OrbitLsp.LanguageServer.Protocol;

namespace OrbitLsp.LanguageServer.Features.Symbols;

/// <summary>
/// <c>textDocument/documentSymbol</c>: blocks with their prompts named by the question, as a tree
/// (<c>DocumentSymbol</c>) or, for a client without hierarchical support, flat (<c>SymbolInformation</c>).
/// </summary>
public sealed class DocumentSymbolHandler(DocumentStore documents, ServerState state)
{
    public async Task<object> HandleAsync(DocumentParams p, CancellationToken ct)
    {
        var snapshot = documents.Require(p.TextDocument);
        if (!snapshot.IsNote) return Array.Empty<DocumentSymbol>();
        var symbols = DocumentSymbols.For(await snapshot.AnalyzeAsync(ct).ConfigureAwait(false));
        Protocol.Range RangeOf(Core.Text.TextSpan span) => state.Encoder.ToRange(snapshot.Lines, snapshot.Text, span);
        if (state.Client.TextDocument?.DocumentSymbol?.HierarchicalDocumentSymbolSupport == true)
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
            flat.Add(new SymbolInformation(s.Name, KindOf(s), new Location(snapshot.Uri, RangeOf(s.Span)), container));
            foreach (var child in s.Children) Flatten(child, s.Name);
        }
        foreach (var s in symbols) Flatten(s, null);
        return flat.ToArray();
    }

    private static int KindOf(NoteSymbol s) => s.Kind == NoteSymbolKind.Block ? SymbolKinds.Module : SymbolKinds.String;
}
