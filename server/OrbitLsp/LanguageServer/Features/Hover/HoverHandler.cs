using OrbitLsp.Core.Analysis;
using OrbitLsp.Core.Ide;
using OrbitLsp.LanguageServer.Documents;
using OrbitLsp.LanguageServer.Lifecycle;
using OrbitLsp.LanguageServer.Protocol;
using OrbitLsp.LanguageServer.Transport;

namespace OrbitLsp.LanguageServer.Features.Hover;

/// <summary>
/// <c>textDocument/hover</c>: the card under the cursor, a block's summary, or the colours. A prose
/// edit not yet analysed is answered from the analysed version it was typed on
/// (<see cref="DocumentSnapshot.ProseSource"/>): once typing stops the server analyses the last
/// version in the background, and a hover then need not wait for it (for a 1 MB note, 10-40 ms).
/// Its own work is one block's: with the analysis there, it is answered on the connection's
/// dispatch (<see cref="DocumentSnapshot.AnalyzeAsync"/>).
/// </summary>
public sealed class HoverHandler(DocumentStore documents, ServerState state)
{
    /// <summary>Adds the card's schedule ("due in 3 days") to the hover of a prompt.</summary>
    public Review.ReviewService? Reviews { get; init; }

    public async Task<Protocol.Hover?> HandleAsync(TextDocumentPositionParams p, CancellationToken ct)
    {
        if (p.TextDocument?.Uri is not { } uri || p.Position is null) throw Errors.InvalidParams("textDocument and position are required.");
        var snapshot = documents.Get(uri) ?? throw Errors.InvalidParams($"{uri} is not open.");
        if (!snapshot.IsNote) return null;
        var (_, analysis) = await snapshot.AnalyzeProseSourceAsync(ct, smallWork: true).ConfigureAwait(false);
        bool markdown = !state.HoverPrefersPlainText;
        if (At(analysis, state.Encoder, p.Position, markdown) is not { } found) return null;
        var (hover, offset) = found;
        string text = hover.Text;
        // The card first, made from its own block alone: only a card's hover reads the store.
        if (Reviews is not null
            && Core.Review.ReviewCards.At(analysis, offset, hover.Span) is { } card
            && await Reviews.SchedulesForAsync(uri, analysis, ct).ConfigureAwait(false) is { } schedules)
            text = string.Concat(text, markdown ? "\n\n---\n\n" : "\n\n", Core.Review.ReviewText.Hover(schedules(card.Key, card.Color), markdown));
        var doc = analysis.Document;
        return new Protocol.Hover(
            new MarkupContent(markdown ? MarkupContent.Markdown : MarkupContent.PlainText, text),
            state.Encoder.ToRange(doc.Lines, doc.Text, hover.Span));
    }

    /// <summary>What the analysed note says at <paramref name="position"/>, and the position's offset; null where it says nothing.</summary>
    public static (HoverText Hover, int Offset)? At(NoteAnalysis analysis, PositionEncoder encoder, Position position, bool markdown)
    {
        var doc = analysis.Document;
        if (encoder.ToOffset(doc.Lines, doc.Text, position) is not { } offset) return null;
        return HoverContent.At(analysis, offset, markdown) is { } hover ? (hover, offset) : null;
    }
}
