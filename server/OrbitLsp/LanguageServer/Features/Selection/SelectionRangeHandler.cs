using OrbitLsp.Core.Ide;
using OrbitLsp.LanguageServer.Documents;
using OrbitLsp.LanguageServer.Lifecycle;
using OrbitLsp.LanguageServer.Protocol;

namespace OrbitLsp.LanguageServer.Features.Selection;

/// <summary><c>textDocument/selectionRange</c>: word → prompt line → prompt → block → … → document, per position.</summary>
public sealed class SelectionRangeHandler(DocumentStore documents, ServerState state)
{
    public async Task<SelectionRange[]> HandleAsync(SelectionRangeParams p, CancellationToken ct)
    {
        var snapshot = documents.Require(p.TextDocument);
        var positions = p.Positions ?? [];
        if (!snapshot.IsNote) return [.. positions.Select(at => new SelectionRange(new Protocol.Range(at, at)))];
        var analysis = await snapshot.AnalyzeAsync(ct).ConfigureAwait(false);
        return [.. positions.Select(at =>
        {
            int offset = state.Encoder.ToOffset(snapshot.Lines, snapshot.Text, at) ?? snapshot.Text.Length;
            SelectionRange? outer = null;
            foreach (var span in SelectionRanges.For(analysis, offset).Reverse())
                outer = new SelectionRange(state.Encoder.ToRange(snapshot.Lines, snapshot.Text, span), outer);
            return outer!;
        })];
    }
}
