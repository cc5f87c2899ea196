using OrbitLsp.Core.Ide;
using OrbitLsp.LanguageServer.Protocol;
using OrbitLsp.LanguageServer.Workspace;

namespace OrbitLsp.LanguageServer.Features.WorkspaceSymbols;

/// <summary><c>workspace/symbol</c>: questions across every indexed note (open ones as the editor has them).</summary>
public sealed class WorkspaceSymbolHandler(WorkspaceIndex workspace)
{
    public Task<SymbolInformation[]> HandleAsync(WorkspaceSymbolParams p, CancellationToken ct) => Task.Run(() =>
    {
        var notes = workspace.Notes.Notes.Select(n => (n.Key, n.Questions));
        return Core.Ide.WorkspaceSymbols.Match(notes, p.Query ?? "", cancellationToken: ct)
            .Select(m => new SymbolInformation(m.Name, SymbolKinds.String, new Location(NoteUris.Uri(m.File), m.Question.Range.ToProtocol()), m.Question.ContainerName))
            .ToArray();
    }, ct);
}
