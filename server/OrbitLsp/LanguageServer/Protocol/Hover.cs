using System.Text.Json.Serialization;

namespace OrbitLsp.LanguageServer.Protocol;

/// <summary><see href="https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#hover"/></summary>
public sealed record Hover(
    [property: JsonPropertyName("contents")] MarkupContent Contents,
    [property: JsonPropertyName("range")] Range? Range = null);

/// <summary><see href="https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#markupContent"/></summary>
public sealed record MarkupContent(
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("value")] string Value)
{
    public const string Markdown = "markdown";
    public const string PlainText = "plaintext";
}
