using OrbitLsp.LanguageServer.Configuration;
using OrbitLsp.LanguageServer.Documents;
using OrbitLsp.LanguageServer.Lifecycle;
using OrbitLsp.LanguageServer.Protocol;
using OrbitLsp.LanguageServer.Transport;

namespace OrbitLsp.LanguageServer.Features.Diagnostics;

/// <summary><c>textDocument/diagnostic</c>: the note's diagnostics on request; "unchanged" when the client has them.</summary>
public sealed class DocumentDiagnosticHandler(DocumentStore documents, ServerState state, SettingsService settings)
{
    public async Task<DocumentDiagnosticReport> HandleAsync(DocumentDiagnosticParams p, CancellationToken ct)
    {
        var snapshot = documents.Get(p.TextDocument?.Uri ?? throw Errors.InvalidParams("textDocument is missing."))
            ?? throw Errors.InvalidParams($"{p.TextDocument.Uri} is not open.");
        // The rule pages' base URL is part of the result: a new one makes every report new.
        await settings.WaitLoadedAsync(ct).ConfigureAwait(false);
        string resultId = $"{snapshot.Generation}:{settings.Client.DocsBaseUrl}";
        if (p.PreviousResultId == resultId) return DocumentDiagnosticReport.Unchanged(resultId);
        // A prose edit's diagnostics are its basis's: only that one needs analysing.
        if (snapshot.IsNote) await snapshot.Basis.AnalyzeAsync(ct).ConfigureAwait(false);
        return DocumentDiagnosticReport.Full(resultId, DiagnosticConverter.Convert(snapshot, state.Encoder, settings.Client.DocsBaseUrl));
    }
}
