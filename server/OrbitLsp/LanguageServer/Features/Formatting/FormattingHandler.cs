using OrbitLsp.Core.Ide;
using OrbitLsp.LanguageServer.Documents;
using OrbitLsp.LanguageServer.Lifecycle;
using OrbitLsp.LanguageServer.Protocol;

namespace OrbitLsp.LanguageServer.Features.Formatting;

/// <summary>
/// <c>textDocument/formatting</c> and <c>rangeFormatting</c>: the review blocks' layout and tag
/// spelling, never a change to the cards (the formatting options do not apply: no indentation is made).
/// </summary>
public sealed class FormattingHandler(DocumentStore documents, ServerState state)
{
    public Task<Protocol.TextEdit[]> DocumentAsync(DocumentFormattingParams p, CancellationToken ct) => FormatAsync(p.TextDocument, null, ct);

    public Task<Protocol.TextEdit[]> RangeAsync(DocumentRangeFormattingParams p, CancellationToken ct) => FormatAsync(p.TextDocument, p.Range, ct);

    private async Task<Protocol.TextEdit[]> FormatAsync(TextDocumentIdentifier document, Protocol.Range? range, CancellationToken ct)
    {
        var snapshot = documents.Require(document);
        if (!snapshot.IsNote) return [];
        var analysis = await snapshot.AnalyzeAsync(ct).ConfigureAwait(false);
        var span = range is null ? (Core.Text.TextSpan?)null : state.Encoder.ToSpan(snapshot.Lines, snapshot.Text, range);
        return [.. Formatter.Format(analysis, span).Select(e => state.Encoder.ToLsp(snapshot.Lines, snapshot.Text, e))];
    }
}
