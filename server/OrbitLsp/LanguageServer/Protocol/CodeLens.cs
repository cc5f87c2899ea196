using System.Text.Json.Serialization;

namespace OrbitLsp.LanguageServer.Protocol;

/// <summary><see href="https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#codeLensParams"/></summary>
public sealed record CodeLensParams([property: JsonPropertyName("textDocument")] TextDocumentIdentifier TextDocument);

/// <summary>A lens, always with its command (the server has no <c>codeLens/resolve</c>). <see href="https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#codeLens"/></summary>
public sealed record CodeLens(
    [property: JsonPropertyName("range")] Range Range,
    [property: JsonPropertyName("command")] Command? Command);
