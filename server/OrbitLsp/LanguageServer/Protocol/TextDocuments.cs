using System.Text.Json.Serialization;
using OrbitLsp.LanguageServer.Transport;

namespace OrbitLsp.LanguageServer.Protocol;

/// <summary><see href="https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#textDocumentIdentifier"/></summary>
public sealed record TextDocumentIdentifier([property: JsonPropertyName("uri")] string Uri);

/// <summary><see href="https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#versionedTextDocumentIdentifier"/></summary>
public sealed record VersionedTextDocumentIdentifier(
    [property: JsonPropertyName("uri")] string Uri,
    [property: JsonPropertyName("version")] int Version);

/// <summary><see href="https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#textDocumentItem"/></summary>
public sealed record TextDocumentItem(
    [property: JsonPropertyName("uri")] string Uri,
    [property: JsonPropertyName("languageId")] string? LanguageId,
    [property: JsonPropertyName("version")] int Version,
    [property: JsonPropertyName("text"), JsonConverter(typeof(ExactTextConverter))] string Text);

/// <summary>A document and a position in it (hover params). <see href="https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#textDocumentPositionParams"/></summary>
public sealed record TextDocumentPositionParams(
    [property: JsonPropertyName("textDocument")] TextDocumentIdentifier TextDocument,
    [property: JsonPropertyName("position")] Position Position);
