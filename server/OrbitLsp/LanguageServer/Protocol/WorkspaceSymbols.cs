using System.Text.Json.Serialization;

namespace OrbitLsp.LanguageServer.Protocol;

/// <summary><see href="https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#workspaceSymbolParams"/></summary>
public sealed record WorkspaceSymbolParams([property: JsonPropertyName("query")] string Query);
