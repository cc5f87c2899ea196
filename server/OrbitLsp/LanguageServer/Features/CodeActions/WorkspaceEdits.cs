using OrbitLsp.LanguageServer.Documents;
using OrbitLsp.LanguageServer.Lifecycle;
using OrbitLsp.LanguageServer.Protocol;

namespace OrbitLsp.LanguageServer.Features.CodeActions;

/// <summary>
/// The core's edits of one snapshot as a workspace edit: a <c>TextDocumentEdit</c> of that version
/// (the client refuses it if the note changed since), or plain <c>changes</c> for a client that
/// cannot take <c>documentChanges</c>. The server never writes files: the client applies it.
/// </summary>
public static class WorkspaceEdits
{
    /// <summary>
    /// The edits, made on <paramref name="positions"/>' text (by default the snapshot's own; for a
    /// prose edit, see <see cref="DocumentSnapshot.ProseSource"/>, its basis's: the edits lie on lines
    /// the two share), as a workspace edit of <paramref name="snapshot"/>'s version.
    /// </summary>
    public static WorkspaceEdit For(DocumentSnapshot snapshot, IEnumerable<Core.Ide.TextEdit> edits, ServerState state, DocumentSnapshot? positions = null)
    {
        positions ??= snapshot;
        var converted = edits.Select(e => state.Encoder.ToLsp(positions.Lines, positions.Text, e)).ToArray();
        return state.Client.Workspace?.WorkspaceEdit?.DocumentChanges == true
            ? new WorkspaceEdit { DocumentChanges = [new TextDocumentEdit(new(snapshot.Uri, snapshot.Version), converted)] }
            : new WorkspaceEdit { Changes = new() { [snapshot.Uri] = converted } };
    }
}
