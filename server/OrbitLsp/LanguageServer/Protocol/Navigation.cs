using System.Text.Json.Serialization;

namespace OrbitLsp.LanguageServer.Protocol;

/// <summary><c>textDocument/documentSymbol</c>, <c>foldingRange</c>, <c>formatting</c>: a document and nothing else.</summary>
public sealed record DocumentParams([property: JsonPropertyName("textDocument")] TextDocumentIdentifier TextDocument);

/// <summary>A hierarchical outline entry. <see href="https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#documentSymbol"/></summary>
public sealed record DocumentSymbol
{
    [JsonPropertyName("name")] public required string Name { get; init; }
    [JsonPropertyName("detail")] public string? Detail { get; init; }
    [JsonPropertyName("kind")] public required int Kind { get; init; }
    [JsonPropertyName("range")] public required Range Range { get; init; }
    [JsonPropertyName("selectionRange")] public required Range SelectionRange { get; init; }
    [JsonPropertyName("children")] public DocumentSymbol[]? Children { get; init; }
}

/// <summary>A flat outline entry, for clients without hierarchical support. <see href="https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#symbolInformation"/></summary>
public sealed record SymbolInformation(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("kind")] int Kind,
    [property: JsonPropertyName("location")] Location Location,
    [property: JsonPropertyName("containerName")] string? ContainerName = null);

/// <summary>The symbol kinds used. <see href="https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#symbolKind"/></summary>
public static class SymbolKinds
{
    public const int Module = 2;
    public const int String = 15;
}

/// <summary><see href="https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#foldingRange"/></summary>
public sealed record FoldingRange
{
    [JsonPropertyName("startLine")] public required int StartLine { get; init; }
    [JsonPropertyName("endLine")] public required int EndLine { get; init; }
    [JsonPropertyName("kind")] public string? Kind { get; init; }
    [JsonPropertyName("collapsedText")] public string? CollapsedText { get; init; }
}

/// <summary><see href="https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#selectionRangeParams"/></summary>
public sealed record SelectionRangeParams(
    [property: JsonPropertyName("textDocument")] TextDocumentIdentifier TextDocument,
    [property: JsonPropertyName("positions")] Position[] Positions);

/// <summary><see href="https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#selectionRange"/></summary>
public sealed record SelectionRange(
    [property: JsonPropertyName("range")] Range Range,
    [property: JsonPropertyName("parent")] SelectionRange? Parent = null);

/// <summary><see href="https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#documentFormattingParams"/></summary>
public sealed record DocumentFormattingParams(
    [property: JsonPropertyName("textDocument")] TextDocumentIdentifier TextDocument,
    [property: JsonPropertyName("options")] FormattingOptions? Options = null);

/// <summary><see href="https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#documentRangeFormattingParams"/></summary>
public sealed record DocumentRangeFormattingParams(
    [property: JsonPropertyName("textDocument")] TextDocumentIdentifier TextDocument,
    [property: JsonPropertyName("range")] Range Range,
    [property: JsonPropertyName("options")] FormattingOptions? Options = null);
