using OrbitLsp.LanguageServer.Configuration;
using OrbitLsp.LanguageServer.Documents;
using OrbitLsp.LanguageServer.Lifecycle;
using OrbitLsp.LanguageServer.Protocol;
using OrbitLsp.LanguageServer.Workspace;

namespace OrbitLsp.LanguageServer.Features.Diagnostics;

/// <summary>
/// <c>workspace/diagnostic</c>: a report for every indexed note, once the first indexing is done.
/// Open notes as <c>textDocument/diagnostic</c> reports them (with their version), closed ones from
/// the index (version null); "unchanged" for each the client already has. When the client has
/// them all, the answer waits for the next change of the index (clients ask again at once).
/// </summary>
public sealed class WorkspaceDiagnosticHandler(WorkspaceIndex workspace, DocumentStore documents, ServerState state, SettingsService settings,
    CrossNoteDiagnostics crossNote, DiagnosticResultIds ids)
{
    public async Task<WorkspaceDiagnosticReport> HandleAsync(WorkspaceDiagnosticParams p, CancellationToken ct)
    {
        await settings.WaitLoadedAsync(ct).ConfigureAwait(false);
        await workspace.Ready.WaitAsync(ct).ConfigureAwait(false);
        var previous = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in p.PreviousResultIds ?? []) previous[NoteUris.Key(id.Uri)] = id.Value;
        while (true)
        {
            var next = workspace.NextChange;
            var report = await ReportAsync(previous, ct).ConfigureAwait(false);
            if (previous.Count == 0 || report.Items.Any(r => r.Kind == "full") || report.Items.Length != previous.Count) return report;
            await next.WaitAsync(ct).ConfigureAwait(false);
        }
    }

    private async Task<WorkspaceDiagnosticReport> ReportAsync(Dictionary<string, string> previous, CancellationToken ct)
    {
        var reports = new List<WorkspaceDocumentDiagnosticReport>();
        var open = new HashSet<string>(StringComparer.Ordinal);
        foreach (var doc in documents.All)
        {
            open.Add(NoteUris.Key(doc.Uri));
            if (doc.IsNote) await doc.Basis.DiagnoseAsync(ct).ConfigureAwait(false);
            var (resultId, items) = DocumentDiagnosticHandler.Report(doc, state, settings, crossNote, ids);
            reports.Add(Report(previous.GetValueOrDefault(NoteUris.Key(doc.Uri)), resultId, doc.Uri, doc.Version, items));
        }
        return await Task.Run(() =>
        {
            string? docs = settings.Client.DocsBaseUrl;
            foreach (var note in workspace.Notes.Notes)
            {
                ct.ThrowIfCancellationRequested();
                if (open.Contains(note.Key)) continue;
                var duplicates = workspace.Notes.DuplicatesOf(note);
                int fingerprint = duplicates.Aggregate(0, (h, d) => HashCode.Combine(h, d.Range, d.Message, d.Related[0].File, d.Related[0].Range));
                string resultId = $"n{note.Stamp}:{fingerprint:x}:{docs}";
                reports.Add(Report(previous.GetValueOrDefault(note.Key), resultId, NoteUris.Uri(note.Key), null,
                    () => [.. note.Diagnostics.Concat(duplicates).Select(d => DiagnosticConverter.FromIndex(d, note.Key, docs))]));
            }
            return new WorkspaceDiagnosticReport([.. reports]);
        }, ct).ConfigureAwait(false);
    }

    private static WorkspaceDocumentDiagnosticReport Report(string? previous, string resultId, string uri, int? version, Func<Diagnostic[]> items) =>
        previous == resultId
            ? new WorkspaceDocumentDiagnosticReport("unchanged", resultId, uri, version, null)
            : new WorkspaceDocumentDiagnosticReport("full", resultId, uri, version, items());
}
