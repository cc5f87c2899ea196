using System.Text.Json.Serialization;

namespace OrbitLsp.LanguageServer.Protocol;

/// <summary><see href="https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#workspaceSymbolParams"/></summary>
public sealed record WorkspaceSymbolParams([property: JsonPropertyName("query")] string Query);

/// <summary><see href="https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#symbolInformation"/></summary>
public sealed record SymbolInformation(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("kind")] int Kind,
    [property: JsonPropertyName("location")] Location Location,
    [property: JsonPropertyName("containerName")] string? ContainerName = null)
{
    /// <summary>SymbolKind.String: a prompt is named by its question.</summary>
    public const int KindString = 15;
}
