using System.Text.Json.Serialization;

namespace OrbitLsp.LanguageServer.Protocol;

/// <summary><see href="https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#inlayHintParams"/></summary>
public sealed record InlayHintParams(
    [property: JsonPropertyName("textDocument")] TextDocumentIdentifier TextDocument,
    [property: JsonPropertyName("range")] Range Range);

/// <summary>A label before a line; no kind (it is neither a type nor a parameter). <see href="https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#inlayHint"/></summary>
public sealed record InlayHint
{
    [JsonPropertyName("position")] public required Position Position { get; init; }
    [JsonPropertyName("label")] public required string Label { get; init; }
    [JsonPropertyName("tooltip")] public string? Tooltip { get; init; }
    [JsonPropertyName("paddingRight")] public bool? PaddingRight { get; init; }
}
