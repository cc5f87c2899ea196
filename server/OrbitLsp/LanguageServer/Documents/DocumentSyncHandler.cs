using OrbitLsp.Core.Config;
using OrbitLsp.LanguageServer.Configuration;
using OrbitLsp.LanguageServer.Features.Diagnostics;
using OrbitLsp.LanguageServer.Lifecycle;
using OrbitLsp.LanguageServer.Protocol;
using OrbitLsp.LanguageServer.Transport;
using Serilog;

namespace OrbitLsp.LanguageServer.Documents;

/// <summary>
/// didOpen / didChange / didClose / didSave: the mutations. They run in protocol order; a
/// change that cannot be applied marks the note diverged and tells the user once.
/// </summary>
public sealed class DocumentSyncHandler(DocumentStore documents, ServerState state, SettingsService settings,
    DiagnosticsPublisher diagnostics, ClientChannel client, ILogger log)
{
    /// <summary>The workspace index, told of every open, change and close (open notes are indexed from the editor's text).</summary>
    public Workspace.WorkspaceIndex? Workspace { get; init; }

    public void Open(DidOpenTextDocumentParams p)
    {
        var item = p.TextDocument ?? throw Errors.InvalidParams("textDocument is missing.");
        if (item.Uri is null || item.Text is null) throw Errors.InvalidParams("textDocument needs uri and text.");
        documents.Open(item, settings.For);
        diagnostics.Schedule(item.Uri);
        Workspace?.DocumentChanged(item.Uri, opened: true);
    }

    public void Change(DidChangeTextDocumentParams p)
    {
        if (p.TextDocument?.Uri is not { } uri) throw Errors.InvalidParams("textDocument is missing.");
        var before = documents.Get(uri);
        var after = documents.Change(p, state.Encoder);
        if (after is null)
        {
            log.Warning("didChange for {Uri:l}, which is not open: ignored", uri);
            return;
        }
        log.Debug("{Uri:l} version {Version}: {Count} change(s), {Kind:l}", uri, after.Version, p.ContentChanges?.Length ?? 0,
            after.IsDiverged ? "diverged" : ReferenceEquals(after.Basis, after) ? "to analyse" : "prose edit");
        if (after.IsDiverged && before is { IsDiverged: false })
        {
            log.Error("{Uri:l} diverged at version {Version}: {Reason:l}", uri, p.TextDocument.Version, after.DivergedReason);
            client.ShowMessage(MessageType.Error,
                $"OrbitLsp lost track of {Path.GetFileName(Uri.UnescapeDataString(uri))}: {after.DivergedReason}. Its diagnostics are cleared; close and reopen the file to check it again.");
        }
        else if (before is { IsDiverged: true } && !after.IsDiverged)
            log.Information("{Uri:l} is in sync again at version {Version}", uri, after.Version);
        diagnostics.Schedule(uri);
        Workspace?.DocumentChanged(uri, opened: false);
    }

    public void Close(DidCloseTextDocumentParams p)
    {
        if (p.TextDocument?.Uri is not { } uri) throw Errors.InvalidParams("textDocument is missing.");
        if (!documents.Close(uri)) return;
        diagnostics.Clear(uri);
        Workspace?.DocumentClosed(uri);
    }

    public void Save(DidSaveTextDocumentParams p)
    {
        if (p.TextDocument?.Uri is not { } uri) throw Errors.InvalidParams("textDocument is missing.");
        if (!uri.EndsWith(OrbitConfig.FileName, StringComparison.Ordinal)) return;
        // A saved .orbitlsp.yaml changes the severities of every note under its folder.
        settings.FilesChanged();
        documents.Reconfigure(d => settings.For(d.Uri));
        diagnostics.ScheduleAll();
        Workspace?.Reindex();
    }
}
