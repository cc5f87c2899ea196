using System.Text.Json.Serialization;

namespace OrbitLsp.LanguageServer.Protocol;

/// <summary><see href="https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#semanticTokensLegend"/></summary>
public sealed record SemanticTokensLegend(
    [property: JsonPropertyName("tokenTypes")] IReadOnlyList<string> TokenTypes,
    [property: JsonPropertyName("tokenModifiers")] IReadOnlyList<string> TokenModifiers);

/// <summary><see href="https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#semanticTokensOptions"/></summary>
public sealed record SemanticTokensOptions(
    [property: JsonPropertyName("legend")] SemanticTokensLegend Legend,
    [property: JsonPropertyName("range")] bool Range,
    [property: JsonPropertyName("full")] SemanticTokensFullOptions Full);

public sealed record SemanticTokensFullOptions([property: JsonPropertyName("delta")] bool Delta);

/// <summary><c>textDocument/semanticTokens/full</c>. <see href="https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#semanticTokensParams"/></summary>
public sealed record SemanticTokensParams([property: JsonPropertyName("textDocument")] TextDocumentIdentifier TextDocument);

/// <summary><c>textDocument/semanticTokens/full/delta</c>.</summary>
public sealed record SemanticTokensDeltaParams(
    [property: JsonPropertyName("textDocument")] TextDocumentIdentifier TextDocument,
    [property: JsonPropertyName("previousResultId")] string PreviousResultId);

/// <summary><c>textDocument/semanticTokens/range</c>.</summary>
public sealed record SemanticTokensRangeParams(
    [property: JsonPropertyName("textDocument")] TextDocumentIdentifier TextDocument,
    [property: JsonPropertyName("range")] Range Range);

/// <summary><see href="https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#semanticTokens"/></summary>
public sealed record SemanticTokens(
    [property: JsonPropertyName("data")] int[] Data,
    [property: JsonPropertyName("resultId")] string? ResultId = null);

/// <summary><see href="https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#semanticTokensDelta"/></summary>
public sealed record SemanticTokensDelta(
    [property: JsonPropertyName("resultId")] string ResultId,
    [property: JsonPropertyName("edits")] SemanticTokensEdit[] Edits);

public sealed record SemanticTokensEdit(
    [property: JsonPropertyName("start")] int Start,
    [property: JsonPropertyName("deleteCount")] int DeleteCount,
    [property: JsonPropertyName("data")] int[] Data);
