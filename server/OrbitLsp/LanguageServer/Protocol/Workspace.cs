using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrbitLsp.LanguageServer.Protocol;

/// <summary><see href="https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#executeCommandParams"/></summary>
public sealed record ExecuteCommandParams(
    [property: JsonPropertyName("command")] string Command,
    [property: JsonPropertyName("arguments")] JsonElement[]? Arguments = null);

/// <summary><see href="https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#configurationParams"/></summary>
public sealed record ConfigurationParams([property: JsonPropertyName("items")] ConfigurationItem[] Items);

public sealed record ConfigurationItem(
    [property: JsonPropertyName("scopeUri")] string? ScopeUri,
    [property: JsonPropertyName("section")] string? Section);

/// <summary><see href="https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#didChangeConfigurationParams"/></summary>
public sealed record DidChangeConfigurationParams([property: JsonPropertyName("settings")] JsonElement? Settings = null);
