using OrbitLsp.Core.Cards;
using OrbitLsp.LanguageServer.Configuration;
using OrbitLsp.LanguageServer.Documents;
using OrbitLsp.LanguageServer.Features.Diagnostics;
using OrbitLsp.LanguageServer.Lifecycle;
using OrbitLsp.LanguageServer.Protocol;
using OrbitLsp.LanguageServer.Transport;

namespace OrbitLsp.LanguageServer.Features.Commands;

/// <summary>
/// <c>orbit.showProblems</c> (the "N problems" lens): answers the block's warnings and errors and,
/// when the client can show a document, puts the cursor on the first of them.
/// </summary>
public sealed class ShowProblems(DocumentStore documents, ServerState state, SettingsService settings, ClientChannel client)
{
    public async Task<ShowProblemsResult> RunAsync(PreviewArguments args, CancellationToken ct)
    {
        var snapshot = documents.Get(args.Uri) ?? throw Errors.InvalidParams($"{args.Uri} is not open.");
        if (!snapshot.IsNote || args.Position is null) return new([]);
        var analysis = await snapshot.AnalyzeAsync(ct).ConfigureAwait(false);
        if (state.Encoder.ToOffset(snapshot.Lines, snapshot.Text, args.Position) is not { } offset) return new([]);
        var block = CardExtractor.PublishedBlocks(analysis.Document).Where(b => b.Block.Span.Touches(offset)).Select(b => b.Block).LastOrDefault();
        if (block is null) return new([]);
        var range = state.Encoder.ToRange(snapshot.Lines, snapshot.Text, block.Span);
        var problems = DiagnosticConverter.Convert(snapshot, state.Encoder, settings.Client.DocsBaseUrl)
            .Where(d => d.Severity <= 2 && Overlaps(d.Range, range)).ToArray();
        if (problems.Length > 0 && state.Client.Window?.ShowDocument?.Support == true)
            _ = client.RequestAsync<object>(Methods.ShowDocument, new ShowDocumentParams(snapshot.Uri, true, problems[0].Range), ct);
        return new(problems);
    }

    private static bool Overlaps(Protocol.Range a, Protocol.Range b) => !Before(a.End, b.Start) && !Before(b.End, a.Start);

    private static bool Before(Position x, Position y) => x.Line < y.Line || (x.Line == y.Line && x.Character < y.Character);
}

/// <summary>The result of <c>orbit.showProblems</c>: the block's warnings and errors, as published.</summary>
public sealed record ShowProblemsResult([property: System.Text.Json.Serialization.JsonPropertyName("problems")] Diagnostic[] Problems);
