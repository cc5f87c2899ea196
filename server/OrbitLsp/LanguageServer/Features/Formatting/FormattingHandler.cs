using OrbitLsp.Core.Ide;
using OrbitLsp.LanguageServer.Documents;
using OrbitLsp.LanguageServer.Lifecycle;
using OrbitLsp.LanguageServer.Protocol;

namespace OrbitLsp.LanguageServer.Features.Formatting;

/// <summary>
/// <c>textDocument/formatting</c> and <c>rangeFormatting</c>: the review blocks' layout and tag
/// spelling, never a change to the cards. Of the formatting options, <c>insertFinalNewline</c> and
/// <c>trimFinalNewlines</c> apply to a whole-note format; no indentation is made (so tab size and
/// spaces do not matter), and the spaces at the end of a review block's lines, which the shortcode
/// trims anyway, go whatever <c>trimTrailingWhitespace</c> says.
/// </summary>
public sealed class FormattingHandler(DocumentStore documents, ServerState state)
{
    public Task<Protocol.TextEdit[]> DocumentAsync(DocumentFormattingParams p, CancellationToken ct) =>
        FormatAsync(p.TextDocument, null, new FinalNewlines(p.Options?.InsertFinalNewline == true, p.Options?.TrimFinalNewlines == true), ct);

    public Task<Protocol.TextEdit[]> RangeAsync(DocumentRangeFormattingParams p, CancellationToken ct) => FormatAsync(p.TextDocument, p.Range, default, ct);

    private async Task<Protocol.TextEdit[]> FormatAsync(TextDocumentIdentifier document, Protocol.Range? range, FinalNewlines finalNewlines, CancellationToken ct)
    {
        var snapshot = documents.Require(document);
        if (!snapshot.IsNote) return [];
        var analysis = await snapshot.AnalyzeAsync(ct).ConfigureAwait(false);
        var span = range is null ? (Core.Text.TextSpan?)null : state.Encoder.ToSpan(snapshot.Lines, snapshot.Text, range);
        return [.. Formatter.Format(analysis, span, finalNewlines).Select(e => state.Encoder.ToLsp(snapshot.Lines, snapshot.Text, e))];
    }
}
