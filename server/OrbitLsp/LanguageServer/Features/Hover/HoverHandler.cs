using OrbitLsp.Core.Ide;
using OrbitLsp.LanguageServer.Documents;
using OrbitLsp.LanguageServer.Lifecycle;
using OrbitLsp.LanguageServer.Protocol;
using OrbitLsp.LanguageServer.Transport;

namespace OrbitLsp.LanguageServer.Features.Hover;

/// <summary><c>textDocument/hover</c>: the card under the cursor, a block's summary, or the colours.</summary>
public sealed class HoverHandler(DocumentStore documents, ServerState state)
{
    /// <summary>Adds the card's schedule ("due in 3 days") to the hover of a prompt.</summary>
    public Review.ReviewService? Reviews { get; init; }

    public async Task<Protocol.Hover?> HandleAsync(TextDocumentPositionParams p, CancellationToken ct)
    {
        if (p.TextDocument?.Uri is not { } uri || p.Position is null) throw Errors.InvalidParams("textDocument and position are required.");
        var snapshot = documents.Get(uri) ?? throw Errors.InvalidParams($"{uri} is not open.");
        if (!snapshot.IsNote) return null;
        var analysis = await snapshot.AnalyzeAsync(ct).ConfigureAwait(false);
        var doc = analysis.Document;
        if (state.Encoder.ToOffset(doc.Lines, doc.Text, p.Position) is not { } offset) return null;
        bool markdown = !state.HoverPrefersPlainText;
        if (HoverContent.At(analysis, offset, markdown) is not { } hover) return null;
        string text = hover.Text;
        // The card first (the note's cards are made once per version): only a card's hover reads the store.
        if (Reviews is not null
            && Core.Review.ReviewCards.All(analysis).Cards.FirstOrDefault(c => c.Card.Span.Touches(offset) && c.Card.Span.OverlapsWith(hover.Span)) is { } card
            && await Reviews.SchedulesForAsync(uri, analysis, ct).ConfigureAwait(false) is { } schedules)
            text += (markdown ? "\n\n---\n\n" : "\n\n") + Core.Review.ReviewText.Hover(schedules(card), markdown);
        return new Protocol.Hover(
            new MarkupContent(markdown ? MarkupContent.Markdown : MarkupContent.PlainText, text),
            state.Encoder.ToRange(doc.Lines, doc.Text, hover.Span));
    }
}
