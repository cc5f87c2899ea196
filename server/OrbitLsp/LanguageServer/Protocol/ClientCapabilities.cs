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

    [JsonPropertyName("codeAction")] public CodeActionClientCapabilities? CodeAction { get; init; }
    [JsonPropertyName("completion")] public CompletionClientCapabilities? Completion { get; init; }
    [JsonPropertyName("documentSymbol")] public DocumentSymbolClientCapabilities? DocumentSymbol { get; init; }
    [JsonPropertyName("foldingRange")] public FoldingRangeClientCapabilities? FoldingRange { get; init; }
}

public sealed record CodeActionClientCapabilities
{
    /// <summary>Present when the client takes CodeAction literals (not only Commands) as the answer.</summary>
    [JsonPropertyName("codeActionLiteralSupport")] public System.Text.Json.JsonElement? CodeActionLiteralSupport { get; init; }
    [JsonPropertyName("dataSupport")] public bool? DataSupport { get; init; }
    [JsonPropertyName("resolveSupport")] public ResolveSupport? ResolveSupport { get; init; }
}

/// <summary>The properties the client can fill in later with a resolve request.</summary>
public sealed record ResolveSupport([property: JsonPropertyName("properties")] string[] Properties);

public sealed record CompletionClientCapabilities
{
    [JsonPropertyName("completionItem")] public CompletionItemClientCapabilities? CompletionItem { get; init; }
}

public sealed record CompletionItemClientCapabilities
{
    [JsonPropertyName("snippetSupport")] public bool? SnippetSupport { get; init; }

    /// <summary>"markdown" and/or "plaintext", most preferred first.</summary>
    [JsonPropertyName("documentationFormat")] public string[]? DocumentationFormat { get; init; }
}

public sealed record DocumentSymbolClientCapabilities
{
    [JsonPropertyName("hierarchicalDocumentSymbolSupport")] public bool? HierarchicalDocumentSymbolSupport { get; init; }
}

public sealed record FoldingRangeClientCapabilities
{
    [JsonPropertyName("foldingRange")] public FoldingRangeDetails? FoldingRange { get; init; }
}

public sealed record FoldingRangeDetails
{
    [JsonPropertyName("collapsedText")] public bool? CollapsedText { get; init; }
}

public sealed record WindowClientCapabilities
{
    [JsonPropertyName("showDocument")] public ShowDocumentClientCapabilities? ShowDocument { get; init; }
}

public sealed record ShowDocumentClientCapabilities([property: JsonPropertyName("support")] bool Support);

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
    [JsonPropertyName("workspaceEdit")] public WorkspaceEditClientCapabilities? WorkspaceEdit { get; init; }
    [JsonPropertyName("codeLens")] public RefreshClientCapabilities? CodeLens { get; init; }
}

public sealed record WorkspaceEditClientCapabilities
{
    /// <summary>The client applies versioned <c>documentChanges</c>; else only <c>changes</c>.</summary>
    [JsonPropertyName("documentChanges")] public bool? DocumentChanges { get; init; }
}

public sealed record RefreshClientCapabilities
{
    [JsonPropertyName("refreshSupport")] public bool? RefreshSupport { get; init; }
}
