using System.Text.Json;
using System.Text.Json.Serialization;
using OrbitLsp.LanguageServer.Features.Commands;
using OrbitLsp.LanguageServer.Protocol;

namespace OrbitLsp.LanguageServer.Transport;

/// <summary>
/// Serialization code for the protocol types, generated at build time: the first messages are
/// not slowed down by building it with reflection at run time, and the native build, which has no
/// reflection-based serialization, reads and writes them. Every type the server sends or reads
/// must be here (or reachable from a type here): there is no fallback (LspJson).
/// </summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(InitializeParams))]
[JsonSerializable(typeof(InitializeResult))]
[JsonSerializable(typeof(DidOpenTextDocumentParams))]
[JsonSerializable(typeof(DidChangeTextDocumentParams))]
[JsonSerializable(typeof(DidCloseTextDocumentParams))]
[JsonSerializable(typeof(DidSaveTextDocumentParams))]
[JsonSerializable(typeof(PublishDiagnosticsParams))]
[JsonSerializable(typeof(DocumentDiagnosticParams))]
[JsonSerializable(typeof(DocumentDiagnosticReport))]
[JsonSerializable(typeof(TextDocumentPositionParams))]
[JsonSerializable(typeof(Hover))]
[JsonSerializable(typeof(ExecuteCommandParams))]
[JsonSerializable(typeof(PreviewReviewResult))]
[JsonSerializable(typeof(PreviewHtmlResult))]
[JsonSerializable(typeof(PagePreviewResult))]
[JsonSerializable(typeof(ShowProblemsResult))]
[JsonSerializable(typeof(Features.Review.ReviewDueResult))]
[JsonSerializable(typeof(Features.Review.RecordReviewResult))]
[JsonSerializable(typeof(CodeActionParams))]
[JsonSerializable(typeof(CodeAction))]
[JsonSerializable(typeof(CodeAction[]))]
[JsonSerializable(typeof(CodeLensParams))]
[JsonSerializable(typeof(Features.CodeLens.BlockArgument))]
[JsonSerializable(typeof(Features.CodeLens.BlockArgument[]))]
[JsonSerializable(typeof(TextDocumentIdentifier))]
[JsonSerializable(typeof(CodeLens[]))]
[JsonSerializable(typeof(InlayHintParams))]
[JsonSerializable(typeof(InlayHint[]))]
[JsonSerializable(typeof(SemanticTokensParams))]
[JsonSerializable(typeof(SemanticTokensDeltaParams))]
[JsonSerializable(typeof(SemanticTokensRangeParams))]
[JsonSerializable(typeof(SemanticTokens))]
[JsonSerializable(typeof(SemanticTokensDelta))]
[JsonSerializable(typeof(DocumentParams))]
[JsonSerializable(typeof(DocumentSymbol[]))]
[JsonSerializable(typeof(SymbolInformation[]))]
[JsonSerializable(typeof(SymbolInformation))]
[JsonSerializable(typeof(DocumentSymbol))]
[JsonSerializable(typeof(WrittenArray))]
[JsonSerializable(typeof(FoldingRange[]))]
[JsonSerializable(typeof(SelectionRangeParams))]
[JsonSerializable(typeof(SelectionRange[]))]
[JsonSerializable(typeof(CompletionParams))]
[JsonSerializable(typeof(CompletionList))]
[JsonSerializable(typeof(DocumentFormattingParams))]
[JsonSerializable(typeof(DocumentRangeFormattingParams))]
[JsonSerializable(typeof(TextEdit[]))]
[JsonSerializable(typeof(ShowDocumentParams))]
[JsonSerializable(typeof(ConfigurationParams))]
[JsonSerializable(typeof(DidChangeConfigurationParams))]
[JsonSerializable(typeof(MessageParams))]
[JsonSerializable(typeof(SetTraceParams))]
[JsonSerializable(typeof(LogTraceParams))]
[JsonSerializable(typeof(WorkDoneProgressCreateParams))]
[JsonSerializable(typeof(ProgressParams))]
[JsonSerializable(typeof(RegistrationParams))]
[JsonSerializable(typeof(DidChangeWatchedFilesParams))]
[JsonSerializable(typeof(DidChangeWorkspaceFoldersParams))]
[JsonSerializable(typeof(WorkspaceSymbolParams))]
[JsonSerializable(typeof(WorkspaceDiagnosticParams))]
[JsonSerializable(typeof(WorkspaceDiagnosticReport))]
// What StreamJsonRpc (2.26) reads and writes with these options besides the params and results:
// the id of $/cancelRequest (through RequestId's own converter) and the data of an error it makes
// itself (a request cancelled: RequestCancelled). Without them a cancellation is dropped unread.
[JsonSerializable(typeof(StreamJsonRpc.RequestId))]
[JsonSerializable(typeof(StreamJsonRpc.Protocol.CommonErrorData))]
[JsonSerializable(typeof(JsonElement?[]))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class LspJsonContext : JsonSerializerContext;
