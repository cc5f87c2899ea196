using System.Text.Json.Serialization;

namespace OrbitLsp.LanguageServer.Protocol;

/// <summary>
/// What the server implements, and nothing more.
/// <see href="https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#serverCapabilities"/>
/// </summary>
public sealed record ServerCapabilities
{
    [JsonPropertyName("positionEncoding")] public string? PositionEncoding { get; init; }
    [JsonPropertyName("textDocumentSync")] public TextDocumentSyncOptions? TextDocumentSync { get; init; }
    [JsonPropertyName("hoverProvider")] public bool? HoverProvider { get; init; }
    [JsonPropertyName("executeCommandProvider")] public ExecuteCommandOptions? ExecuteCommandProvider { get; init; }
    [JsonPropertyName("diagnosticProvider")] public DiagnosticOptions? DiagnosticProvider { get; init; }
    [JsonPropertyName("codeActionProvider")] public CodeActionOptions? CodeActionProvider { get; init; }
    [JsonPropertyName("codeLensProvider")] public CodeLensOptions? CodeLensProvider { get; init; }
    [JsonPropertyName("inlayHintProvider")] public bool? InlayHintProvider { get; init; }
    [JsonPropertyName("semanticTokensProvider")] public SemanticTokensOptions? SemanticTokensProvider { get; init; }
    [JsonPropertyName("documentSymbolProvider")] public bool? DocumentSymbolProvider { get; init; }
    [JsonPropertyName("foldingRangeProvider")] public bool? FoldingRangeProvider { get; init; }
    [JsonPropertyName("selectionRangeProvider")] public bool? SelectionRangeProvider { get; init; }
    [JsonPropertyName("completionProvider")] public CompletionOptions? CompletionProvider { get; init; }
    [JsonPropertyName("documentFormattingProvider")] public bool? DocumentFormattingProvider { get; init; }
    [JsonPropertyName("documentRangeFormattingProvider")] public bool? DocumentRangeFormattingProvider { get; init; }
    [JsonPropertyName("workspaceSymbolProvider")] public bool? WorkspaceSymbolProvider { get; init; }
    [JsonPropertyName("workspace")] public WorkspaceServerCapabilities? Workspace { get; init; }
}

/// <summary>The <c>workspace</c> part of <see cref="ServerCapabilities"/>.</summary>
public sealed record WorkspaceServerCapabilities([property: JsonPropertyName("workspaceFolders")] WorkspaceFoldersServerCapabilities WorkspaceFolders);

/// <summary><see href="https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#workspaceFoldersServerCapabilities"/></summary>
public sealed record WorkspaceFoldersServerCapabilities(
    [property: JsonPropertyName("supported")] bool Supported,
    [property: JsonPropertyName("changeNotifications")] bool ChangeNotifications);

/// <summary><see href="https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#codeActionOptions"/></summary>
public sealed record CodeActionOptions(
    [property: JsonPropertyName("codeActionKinds")] string[] CodeActionKinds,
    [property: JsonPropertyName("resolveProvider")] bool ResolveProvider);

/// <summary><see href="https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#codeLensOptions"/></summary>
public sealed record CodeLensOptions([property: JsonPropertyName("resolveProvider")] bool ResolveProvider);

/// <summary><see href="https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#textDocumentSyncOptions"/></summary>
public sealed record TextDocumentSyncOptions(
    [property: JsonPropertyName("openClose")] bool OpenClose,
    [property: JsonPropertyName("change")] int Change,
    [property: JsonPropertyName("save")] SaveOptions? Save)
{
    public const int Incremental = 2;
}

public sealed record SaveOptions([property: JsonPropertyName("includeText")] bool IncludeText);

/// <summary><see href="https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#executeCommandOptions"/></summary>
public sealed record ExecuteCommandOptions([property: JsonPropertyName("commands")] string[] Commands);

/// <summary><see href="https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#diagnosticOptions"/></summary>
public sealed record DiagnosticOptions(
    [property: JsonPropertyName("identifier")] string? Identifier,
    [property: JsonPropertyName("interFileDependencies")] bool InterFileDependencies,
    [property: JsonPropertyName("workspaceDiagnostics")] bool WorkspaceDiagnostics);
