using System.Text.Json.Serialization;

namespace OrbitLsp.LanguageServer.Protocol;

/// <summary><see href="https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#completionParams"/></summary>
public sealed record CompletionParams(
    [property: JsonPropertyName("textDocument")] TextDocumentIdentifier TextDocument,
    [property: JsonPropertyName("position")] Position Position,
    [property: JsonPropertyName("context")] CompletionContext? Context = null);

/// <summary><see href="https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#completionContext"/></summary>
public sealed record CompletionContext(
    [property: JsonPropertyName("triggerKind")] int TriggerKind,
    [property: JsonPropertyName("triggerCharacter")] string? TriggerCharacter = null);

/// <summary><see href="https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#completionList"/></summary>
public sealed record CompletionList(
    [property: JsonPropertyName("isIncomplete")] bool IsIncomplete,
    [property: JsonPropertyName("items")] CompletionItem[] Items);

/// <summary><see href="https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#completionItem"/></summary>
public sealed record CompletionItem
{
    [JsonPropertyName("label")] public required string Label { get; init; }
    [JsonPropertyName("kind")] public int? Kind { get; init; }
    [JsonPropertyName("detail")] public string? Detail { get; init; }
    [JsonPropertyName("documentation")] public MarkupContent? Documentation { get; init; }
    [JsonPropertyName("sortText")] public string? SortText { get; init; }
    [JsonPropertyName("filterText")] public string? FilterText { get; init; }

    /// <summary>1 = plain text, 2 = snippet.</summary>
    [JsonPropertyName("insertTextFormat")] public int? InsertTextFormat { get; init; }
    [JsonPropertyName("textEdit")] public TextEdit? TextEdit { get; init; }
}

/// <summary><see href="https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#completionOptions"/></summary>
public sealed record CompletionOptions([property: JsonPropertyName("triggerCharacters")] IReadOnlyList<string> TriggerCharacters);
