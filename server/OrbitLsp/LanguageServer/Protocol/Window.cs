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
