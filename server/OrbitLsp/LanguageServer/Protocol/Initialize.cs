using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrbitLsp.LanguageServer.Protocol;

/// <summary><see href="https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#initializeParams"/></summary>
public sealed record InitializeParams
{
    [JsonPropertyName("processId")] public int? ProcessId { get; init; }
    [JsonPropertyName("clientInfo")] public NameAndVersion? ClientInfo { get; init; }
    [JsonPropertyName("rootUri")] public string? RootUri { get; init; }
    [JsonPropertyName("workspaceFolders")] public WorkspaceFolder[]? WorkspaceFolders { get; init; }
    [JsonPropertyName("initializationOptions")] public JsonElement? InitializationOptions { get; init; }
    [JsonPropertyName("capabilities")] public ClientCapabilities? Capabilities { get; init; }
    [JsonPropertyName("trace")] public string? Trace { get; init; }
}

/// <summary>clientInfo / serverInfo.</summary>
public sealed record NameAndVersion(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("version")] string? Version = null);

/// <summary><see href="https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#initializeResult"/></summary>
public sealed record InitializeResult(
    [property: JsonPropertyName("capabilities")] ServerCapabilities Capabilities,
    [property: JsonPropertyName("serverInfo")] NameAndVersion ServerInfo);

/// <summary><see href="https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#setTrace"/></summary>
public sealed record SetTraceParams([property: JsonPropertyName("value")] string Value);

/// <summary><see href="https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#logTrace"/></summary>
public sealed record LogTraceParams(
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("verbose")] string? Verbose = null);
