using OrbitLsp.LanguageServer.Configuration;
using OrbitLsp.LanguageServer.Documents;
using OrbitLsp.LanguageServer.Lifecycle;
using OrbitLsp.LanguageServer.Protocol;
using OrbitLsp.LanguageServer.Transport;

namespace OrbitLsp.LanguageServer.Features.Diagnostics;

/// <summary><c>textDocument/diagnostic</c>: the note's diagnostics on request; "unchanged" when the client has them.</summary>
public sealed class DocumentDiagnosticHandler(DocumentStore documents, ServerState state, SettingsService settings, CrossNoteDiagnostics crossNote,
    DiagnosticsPublisher publisher, DiagnosticResultIds ids)
{
    public async Task<DocumentDiagnosticReport> HandleAsync(DocumentDiagnosticParams p, CancellationToken ct)
    {
        var snapshot = documents.Get(p.TextDocument?.Uri ?? throw Errors.InvalidParams("textDocument is missing."))
            ?? throw Errors.InvalidParams($"{p.TextDocument.Uri} is not open.");
        // The rule pages' base URL is part of the result: a new one makes every report new.
        await settings.WaitLoadedAsync(ct).ConfigureAwait(false);
        // A prose edit's diagnostics are its basis's; a block edit's come from reading its block again.
        // The workspace index waits meanwhile, as it does for a push.
        publisher.Foreground?.Begin();
        try
        {
            if (snapshot.IsNote) await snapshot.Basis.DiagnoseAsync(ct).ConfigureAwait(false);
            var (resultId, items) = Report(snapshot, state, settings, crossNote, ids);
            var report = p.PreviousResultId == resultId ? DocumentDiagnosticReport.Unchanged(resultId) : DocumentDiagnosticReport.Full(resultId, items());
            publisher.Pulled(snapshot);
            return report;
        }
        finally
        {
            publisher.Foreground?.End();
        }
    }

    /// <summary>
    /// An open note's result id and diagnostics (its own and OL090). The id names its own list as
    /// sent (<see cref="DiagnosticResultIds"/>), the other notes' copies and the rule pages' base
    /// URL: a change in any makes a new report.
    /// </summary>
    public static (string ResultId, Func<Diagnostic[]> Items) Report(DocumentSnapshot snapshot, ServerState state,
        SettingsService settings, CrossNoteDiagnostics crossNote, DiagnosticResultIds ids)
    {
        var cross = crossNote.For(snapshot);
        // Converted once per analysed version (a prose edit's are its basis's): the id is known without a new list.
        var own = DiagnosticConverter.Convert(snapshot, state.Encoder, settings.Client.DocsBaseUrl);
        string resultId = $"{ids.For(snapshot, own)}:{CrossNoteDiagnostics.Fingerprint(cross):x}:{settings.Client.DocsBaseUrl}";
        return (resultId, () => [.. own, .. cross]);
    }
}
