using System.Text.Json.Serialization;

namespace OrbitLsp.LanguageServer.Protocol;

/// <summary>A position in a document. <see href="https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#position"/></summary>
public sealed record Position(
    [property: JsonPropertyName("line")] int Line,
    [property: JsonPropertyName("character")] int Character);

/// <summary>A range, end exclusive. <see href="https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#range"/></summary>
public sealed record Range(
    [property: JsonPropertyName("start")] Position Start,
    [property: JsonPropertyName("end")] Position End);

/// <summary>A range in a document. <see href="https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#location"/></summary>
public sealed record Location(
    [property: JsonPropertyName("uri")] string Uri,
    [property: JsonPropertyName("range")] Range Range);
