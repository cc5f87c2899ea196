using System.Text.Json.Serialization;

namespace OrbitLsp.LanguageServer.Protocol;

/// <summary><see href="https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#workspaceDiagnosticParams"/></summary>
public sealed record WorkspaceDiagnosticParams(
    [property: JsonPropertyName("identifier")] string? Identifier = null,
    [property: JsonPropertyName("previousResultIds")] PreviousResultId[]? PreviousResultIds = null);

/// <summary><see href="https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#previousResultId"/></summary>
public sealed record PreviousResultId(
    [property: JsonPropertyName("uri")] string Uri,
    [property: JsonPropertyName("value")] string Value);

/// <summary><see href="https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#workspaceDiagnosticReport"/></summary>
public sealed record WorkspaceDiagnosticReport([property: JsonPropertyName("items")] WorkspaceDocumentDiagnosticReport[] Items);

/// <summary>
/// A full report (with items) or an unchanged one (items omitted) for one note; version null for a
/// note that is not open. <see href="https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#workspaceDocumentDiagnosticReport"/>
/// </summary>
public sealed record WorkspaceDocumentDiagnosticReport(
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("resultId")] string ResultId,
    [property: JsonPropertyName("uri")] string Uri,
    [property: JsonPropertyName("version")]
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] int? Version,
    [property: JsonPropertyName("items")] Diagnostic[]? Items);
