using OrbitLsp.LanguageServer.Documents;
using OrbitLsp.LanguageServer.Lifecycle;
using OrbitLsp.LanguageServer.Protocol;

namespace OrbitLsp.LanguageServer.Features.InlayHints;

/// <summary><c>textDocument/inlayHint</c>: <c>Q1</c>, <c>A1</c>, <c>Q2</c> … before the prompt lines in the range.</summary>
public sealed class InlayHintHandler(DocumentStore documents, ServerState state)
{
    public async Task<InlayHint[]> HandleAsync(InlayHintParams p, CancellationToken ct)
    {
        var snapshot = documents.Require(p.TextDocument);
        if (!snapshot.IsNote || p.Range is null) return [];
        var analysis = await snapshot.AnalyzeAsync(ct).ConfigureAwait(false);
        var visible = state.Encoder.ToSpan(snapshot.Lines, snapshot.Text, p.Range);
        return [.. Core.Ide.InlayHints.For(analysis, visible).Select(h => new InlayHint
        {
            Position = state.Encoder.ToPosition(snapshot.Lines, snapshot.Text, h.Offset),
            Label = h.Label,
            Tooltip = h.Tooltip,
            PaddingRight = true,
        })];
    }
}
