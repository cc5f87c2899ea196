using System.Text.Json.Serialization;

namespace OrbitLsp.LanguageServer.Protocol;

/// <summary>
/// The part of the client's capabilities the server reads; the rest is ignored.
/// <see href="https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#clientCapabilities"/>
/// </summary>
public sealed record ClientCapabilities
{
    [JsonPropertyName("general")] public GeneralClientCapabilities? General { get; init; }
    [JsonPropertyName("textDocument")] public TextDocumentClientCapabilities? TextDocument { get; init; }
    [JsonPropertyName("workspace")] public WorkspaceClientCapabilities? Workspace { get; init; }
    [JsonPropertyName("window")] public WindowClientCapabilities? Window { get; init; }
}

public sealed record WindowClientCapabilities
{
    /// <summary>The client shows work-done progress the server starts (<c>window/workDoneProgress/create</c>).</summary>
    [JsonPropertyName("workDoneProgress")] public bool? WorkDoneProgress { get; init; }
}

public sealed record GeneralClientCapabilities
{
    /// <summary>Encodings the client supports, most preferred first ("utf-8", "utf-16", "utf-32").</summary>
    [JsonPropertyName("positionEncodings")] public string[]? PositionEncodings { get; init; }
}

public sealed record TextDocumentClientCapabilities
{
    [JsonPropertyName("hover")] public HoverClientCapabilities? Hover { get; init; }

    /// <summary>Present when the client pulls diagnostics (<c>textDocument/diagnostic</c>).</summary>
    [JsonPropertyName("diagnostic")] public DiagnosticClientCapabilities? Diagnostic { get; init; }
}

public sealed record HoverClientCapabilities
{
    /// <summary>"markdown" and/or "plaintext", most preferred first.</summary>
    [JsonPropertyName("contentFormat")] public string[]? ContentFormat { get; init; }
}

public sealed record DiagnosticClientCapabilities
{
    [JsonPropertyName("dynamicRegistration")] public bool? DynamicRegistration { get; init; }
}

public sealed record WorkspaceClientCapabilities
{
    /// <summary>The client answers <c>workspace/configuration</c>.</summary>
    [JsonPropertyName("configuration")] public bool? Configuration { get; init; }
    [JsonPropertyName("diagnostics")] public RefreshClientCapabilities? Diagnostics { get; init; }
    [JsonPropertyName("didChangeWatchedFiles")] public DynamicRegistrationCapabilities? DidChangeWatchedFiles { get; init; }
}

public sealed record DynamicRegistrationCapabilities
{
    [JsonPropertyName("dynamicRegistration")] public bool? DynamicRegistration { get; init; }
}

public sealed record RefreshClientCapabilities
{
    [JsonPropertyName("refreshSupport")] public bool? RefreshSupport { get; init; }
}
