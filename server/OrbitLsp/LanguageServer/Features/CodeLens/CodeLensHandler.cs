using System.Text.Json;
using OrbitLsp.Core.Ide;
using OrbitLsp.LanguageServer.Documents;
using OrbitLsp.LanguageServer.Features.Commands;
using OrbitLsp.LanguageServer.Lifecycle;
using OrbitLsp.LanguageServer.Protocol;
using OrbitLsp.LanguageServer.Transport;

namespace OrbitLsp.LanguageServer.Features.CodeLens;

/// <summary>
/// <c>textDocument/codeLens</c>: "Review N prompts" (<c>orbit.previewReview</c>) and "N problems"
/// (<c>orbit.showProblems</c>) above each published block. Both are this server's commands, run
/// through <c>workspace/executeCommand</c>; an editor extension may map them to its own.
/// </summary>
public sealed class CodeLensHandler(DocumentStore documents, ServerState state)
{
    /// <summary>Adds how many of a block's cards are due ("Review 4 prompts · 2 due").</summary>
    public Review.ReviewService? Reviews { get; init; }

    public async Task<Protocol.CodeLens[]> HandleAsync(CodeLensParams p, CancellationToken ct)
    {
        var snapshot = documents.Require(p.TextDocument);
        if (!snapshot.IsNote) return [];
        var (source, analysis) = await snapshot.AnalyzeProseSourceAsync(ct).ConfigureAwait(false);
        var schedules = Reviews is null ? null : await Reviews.SchedulesForAsync(snapshot.Uri, analysis, ct).ConfigureAwait(false);
        return For(source, analysis, state.Encoder, schedules is null ? null : c => schedules(c.Key, c.Color).IsDue);
    }

    /// <summary>
    /// The lenses of <paramref name="source"/> (whose analysis is <paramref name="analysis"/>). A
    /// prose edit's are its basis's: they stand on block lines and count the block's problems,
    /// which a prose edit does not change (<see cref="DocumentSnapshot.ProseSource"/>).
    /// </summary>
    public static Protocol.CodeLens[] For(DocumentSnapshot source, Core.Analysis.NoteAnalysis analysis, PositionEncoder encoder, Func<Core.Review.CardPlace, bool>? isDue)
    {
        var places = PlacesOf(source, analysis, encoder);
        return [.. CodeLenses.For(analysis, isDue).Select(lens =>
        {
            var (range, argument) = lens.BlockIndex < places.Length && places[lens.BlockIndex] is { } place ? place : Place(source, encoder, lens.Span);
            string command = lens.Kind == BlockLensKind.Review ? ExecuteCommandHandler.PreviewReview : ExecuteCommandHandler.ShowProblems;
            return new Protocol.CodeLens(range, new Command(lens.Title, command, [argument]));
        })];
    }

    /// <summary>A lens's range and its command's argument (the note and the block's opening tag).</summary>
    private static (Protocol.Range Range, JsonElement Argument) Place(DocumentSnapshot source, PositionEncoder encoder, Core.Text.TextSpan span)
    {
        var range = encoder.ToRange(source.Lines, source.Text, span);
        return (range, JsonSerializer.SerializeToElement(new BlockArgument(source.Uri, range.Start), LspJson.Info<BlockArgument>()));
    }

    /// <summary>
    /// Where the lenses of an analysed version stand, by their block's place in the note: made
    /// once per analysis and kept with it (<see cref="AnalysisProducts"/>, which a version typed on
    /// it by prose edits shares: the same blocks, on the same lines, at other offsets). The titles
    /// (due counts, problems) are made for each request; the ranges and arguments are not. The
    /// arguments are elements of one JSON array written for all blocks: a JSON document of its own
    /// for each (two arrays and the document, 1,600 objects for the 541 blocks of a 1 MB note) was
    /// copied, like the rest of what an analysis keeps, by every young collection after a pause.
    /// </summary>
    private static (Protocol.Range Range, JsonElement Argument)?[] PlacesOf(DocumentSnapshot source, Core.Analysis.NoteAnalysis analysis, PositionEncoder encoder) =>
        AnalysisProducts.Of(analysis).Get(("code lens places", source.Uri, encoder), () =>
        {
            var blocks = Core.Cards.CardExtractor.PublishedBlocks(analysis.Document).Select(p => p.Block).ToArray();
            var ranges = blocks.Select(b => encoder.ToRange(source.Lines, source.Text, b.OpenSpan)).ToArray();
            var arguments = JsonSerializer.SerializeToElement(ranges.Select(r => new BlockArgument(source.Uri, r.Start)).ToArray(), LspJson.Info<BlockArgument[]>());
            var byBlock = new (Protocol.Range, JsonElement)?[analysis.Document.Blocks.Length];
            for (int i = 0; i < blocks.Length; i++) byBlock[blocks[i].Index] = (ranges[i], arguments[i]);
            return byBlock;
        });
}

/// <summary>The argument of a lens's command: the note and the block's opening tag.</summary>
public sealed record BlockArgument(
    [property: System.Text.Json.Serialization.JsonPropertyName("uri")] string Uri,
    [property: System.Text.Json.Serialization.JsonPropertyName("position")] Position Position);
