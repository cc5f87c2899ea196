using System.Text.Json;
using System.Text.Json.Serialization;
using OrbitLsp.LanguageServer.Transport;

namespace OrbitLsp.LanguageServer.Protocol;

/// <summary><see href="https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#textEdit"/></summary>
public sealed record TextEdit(
    [property: JsonPropertyName("range")] Range Range,
    [property: JsonPropertyName("newText"), JsonConverter(typeof(ExactTextConverter))] string NewText);

/// <summary>A versioned document; the version null means "as on disk". <see href="https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#optionalVersionedTextDocumentIdentifier"/></summary>
public sealed record OptionalVersionedTextDocumentIdentifier(
    [property: JsonPropertyName("uri")] string Uri,
    [property: JsonPropertyName("version")] int? Version);

/// <summary>Edits of one version of a document. <see href="https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#textDocumentEdit"/></summary>
public sealed record TextDocumentEdit(
    [property: JsonPropertyName("textDocument")] OptionalVersionedTextDocumentIdentifier TextDocument,
    [property: JsonPropertyName("edits")] TextEdit[] Edits);

/// <summary>
/// Either <c>documentChanges</c> (versioned, preferred) or <c>changes</c> (for clients without documentChanges).
/// <see href="https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#workspaceEdit"/>
/// </summary>
public sealed record WorkspaceEdit
{
    [JsonPropertyName("changes")] public Dictionary<string, TextEdit[]>? Changes { get; init; }
    [JsonPropertyName("documentChanges")] public TextDocumentEdit[]? DocumentChanges { get; init; }
}

/// <summary><see href="https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#command"/></summary>
public sealed record Command(
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("command")] string CommandName,
    [property: JsonPropertyName("arguments")] JsonElement[]? Arguments = null);

/// <summary>The formatting options every formatting request carries. <see href="https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#formattingOptions"/></summary>
public sealed record FormattingOptions(
    [property: JsonPropertyName("tabSize")] int TabSize,
    [property: JsonPropertyName("insertSpaces")] bool InsertSpaces,
    [property: JsonPropertyName("trimTrailingWhitespace")] bool? TrimTrailingWhitespace = null,
    [property: JsonPropertyName("insertFinalNewline")] bool? InsertFinalNewline = null,
    [property: JsonPropertyName("trimFinalNewlines")] bool? TrimFinalNewlines = null);
