using System.Text.Json.Serialization;
using OrbitLsp.LanguageServer.Transport;

namespace OrbitLsp.LanguageServer.Protocol;

/// <summary><see href="https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#textDocument_didOpen"/></summary>
public sealed record DidOpenTextDocumentParams([property: JsonPropertyName("textDocument")] TextDocumentItem TextDocument);

/// <summary><see href="https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#textDocument_didChange"/></summary>
public sealed record DidChangeTextDocumentParams(
    [property: JsonPropertyName("textDocument")] VersionedTextDocumentIdentifier TextDocument,
    [property: JsonPropertyName("contentChanges")] TextDocumentContentChangeEvent[] ContentChanges);

/// <summary>
/// One change: with a range, an edit; without, the whole new text.
/// <see href="https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#textDocumentContentChangeEvent"/>
/// </summary>
public sealed record TextDocumentContentChangeEvent(
    [property: JsonPropertyName("text"), JsonConverter(typeof(ExactTextConverter))] string Text,
    [property: JsonPropertyName("range")] Range? Range = null,
    [property: JsonPropertyName("rangeLength")] int? RangeLength = null);

/// <summary><see href="https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#textDocument_didClose"/></summary>
public sealed record DidCloseTextDocumentParams([property: JsonPropertyName("textDocument")] TextDocumentIdentifier TextDocument);

/// <summary><see href="https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#textDocument_didSave"/></summary>
public sealed record DidSaveTextDocumentParams(
    [property: JsonPropertyName("textDocument")] TextDocumentIdentifier TextDocument,
    [property: JsonPropertyName("text"), JsonConverter(typeof(ExactTextConverter))] string? Text = null);
