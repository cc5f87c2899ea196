using OrbitLsp.Core.Config;
using OrbitLsp.LanguageServer.Configuration;
using OrbitLsp.LanguageServer.Documents;
using OrbitLsp.LanguageServer.Features.Diagnostics;
using OrbitLsp.LanguageServer.Protocol;

namespace OrbitLsp.LanguageServer.Workspace;

/// <summary>
/// <c>workspace/didChangeWatchedFiles</c>: a note created, changed or deleted on disk is indexed
/// again; a changed <c>.orbitlsp.yaml</c> changes severities, so open notes are checked and every
/// note indexed again; a changed <c>.gitignore</c> changes which notes count, so every note is indexed again.
/// </summary>
public sealed class WatchedFilesHandler(WorkspaceIndex workspace, DocumentStore documents, SettingsService settings, DiagnosticsPublisher diagnostics)
{
    public void Handle(DidChangeWatchedFilesParams p)
    {
        bool configChanged = false, ignoreChanged = false;
        foreach (var change in p.Changes ?? [])
        {
            if (change.Uri.EndsWith("/" + OrbitConfig.FileName, StringComparison.Ordinal)) configChanged = true;
            else if (change.Uri.EndsWith("/.gitignore", StringComparison.Ordinal)) ignoreChanged = true;
            else if (change.Uri.EndsWith(".md", StringComparison.Ordinal)) workspace.Enqueue(change.Uri);
            else if (change.Type == FileEvent.Deleted) workspace.FolderDeleted(change.Uri);
        }
        if (configChanged) ConfigChanged(workspace, documents, settings, diagnostics);
        // Which notes belong to the workspace changed: a pass finds the ones now ignored or no longer ignored.
        else if (ignoreChanged) workspace.Reindex();
    }

    /// <summary>A <c>.orbitlsp.yaml</c> changed (saved in the editor or on disk).</summary>
    public static void ConfigChanged(WorkspaceIndex workspace, DocumentStore documents, SettingsService settings, DiagnosticsPublisher diagnostics)
    {
        settings.FilesChanged();
        documents.Reconfigure(d => settings.For(d.Uri));
        diagnostics.ScheduleAll();
        workspace.Reindex();
    }
}
