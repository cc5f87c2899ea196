using System.Text.Json.Serialization;

namespace OrbitLsp.LanguageServer.Protocol;

/// <summary><see href="https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#messageType"/></summary>
public enum MessageType
{
    Error = 1,
    Warning = 2,
    Info = 3,
    Log = 4,
    Debug = 5,
}

/// <summary>window/showMessage and window/logMessage. <see href="https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#window_showMessage"/></summary>
public sealed record MessageParams(
    [property: JsonPropertyName("type")] MessageType Type,
    [property: JsonPropertyName("message")] string Message);

/// <summary><see href="https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#window_showDocument"/></summary>
public sealed record ShowDocumentParams(
    [property: System.Text.Json.Serialization.JsonPropertyName("uri")] string Uri,
    [property: System.Text.Json.Serialization.JsonPropertyName("takeFocus")] bool? TakeFocus = null,
    [property: System.Text.Json.Serialization.JsonPropertyName("selection")] Range? Selection = null);
