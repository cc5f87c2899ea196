using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrbitLsp.LanguageServer.Protocol;

/// <summary><see href="https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#codeActionParams"/></summary>
public sealed record CodeActionParams(
    [property: JsonPropertyName("textDocument")] TextDocumentIdentifier TextDocument,
    [property: JsonPropertyName("range")] Range Range,
    [property: JsonPropertyName("context")] CodeActionContext Context);

/// <summary>
/// The diagnostics are kept as sent: they may come from any source, with codes of any type, and
/// go back unchanged in a code action's <c>diagnostics</c>.
/// <see href="https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#codeActionContext"/>
/// </summary>
public sealed record CodeActionContext(
    [property: JsonPropertyName("diagnostics")] JsonElement[] Diagnostics,
    [property: JsonPropertyName("only")] string[]? Only = null,
    [property: JsonPropertyName("triggerKind")] int? TriggerKind = null);

/// <summary>
/// A code action literal; <c>edit</c> may be left for <c>codeAction/resolve</c> (then <c>data</c> says what to compute).
/// <see href="https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#codeAction"/>
/// </summary>
public sealed record CodeAction
{
    [JsonPropertyName("title")] public required string Title { get; init; }
    [JsonPropertyName("kind")] public string? Kind { get; init; }
    [JsonPropertyName("diagnostics")] public JsonElement[]? Diagnostics { get; init; }
    [JsonPropertyName("isPreferred")] public bool? IsPreferred { get; init; }
    [JsonPropertyName("edit")] public WorkspaceEdit? Edit { get; init; }
    [JsonPropertyName("data")] public JsonElement? Data { get; init; }
}

/// <summary><see href="https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#codeActionKind"/></summary>
public static class CodeActionKinds
{
    public const string QuickFix = "quickfix";
    public const string RefactorRewrite = "refactor.rewrite";
    public const string SourceFixAll = "source.fixAll";
    public const string SourceFixAllOrbit = "source.fixAll.orbitlsp";
}
