using System.Text.Json.Serialization;

namespace OrbitLsp.LanguageServer.Protocol;

/// <summary><see href="https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#client_registerCapability"/></summary>
public sealed record RegistrationParams([property: JsonPropertyName("registrations")] Registration[] Registrations);

public sealed record Registration(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("method")] string Method,
    [property: JsonPropertyName("registerOptions")] DidChangeWatchedFilesRegistrationOptions? RegisterOptions);

/// <summary><see href="https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#didChangeWatchedFilesRegistrationOptions"/></summary>
public sealed record DidChangeWatchedFilesRegistrationOptions([property: JsonPropertyName("watchers")] FileSystemWatcher[] Watchers);

/// <summary>A glob the client watches; kind omitted means create, change and delete.</summary>
public sealed record FileSystemWatcher([property: JsonPropertyName("globPattern")] string GlobPattern);
