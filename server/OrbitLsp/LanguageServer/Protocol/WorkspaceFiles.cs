using System.Text.Json.Serialization;

namespace OrbitLsp.LanguageServer.Protocol;

/// <summary><see href="https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#workspaceFolder"/></summary>
public sealed record WorkspaceFolder(
    [property: JsonPropertyName("uri")] string Uri,
    [property: JsonPropertyName("name")] string? Name = null);

/// <summary><see href="https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#didChangeWorkspaceFoldersParams"/></summary>
public sealed record DidChangeWorkspaceFoldersParams([property: JsonPropertyName("event")] WorkspaceFoldersChangeEvent Event);

/// <summary><see href="https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#workspaceFoldersChangeEvent"/></summary>
public sealed record WorkspaceFoldersChangeEvent(
    [property: JsonPropertyName("added")] WorkspaceFolder[] Added,
    [property: JsonPropertyName("removed")] WorkspaceFolder[] Removed);

/// <summary><see href="https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#didChangeWatchedFilesParams"/></summary>
public sealed record DidChangeWatchedFilesParams([property: JsonPropertyName("changes")] FileEvent[] Changes);

/// <summary><see href="https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#fileEvent"/></summary>
public sealed record FileEvent(
    [property: JsonPropertyName("uri")] string Uri,
    [property: JsonPropertyName("type")] int Type)
{
    public const int Created = 1;
    public const int Changed = 2;
    public const int Deleted = 3;
}
