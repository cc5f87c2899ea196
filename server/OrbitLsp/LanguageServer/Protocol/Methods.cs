namespace OrbitLsp.LanguageServer.Protocol;

/// <summary>The method names the server handles or sends, as the specification spells them.</summary>
public static class Methods
{
    public const string Initialize = "initialize";
    public const string Initialized = "initialized";
    public const string Shutdown = "shutdown";
    public const string Exit = "exit";
    public const string SetTrace = "$/setTrace";
    public const string LogTrace = "$/logTrace";
    public const string DidOpen = "textDocument/didOpen";
    public const string DidChange = "textDocument/didChange";
    public const string DidClose = "textDocument/didClose";
    public const string DidSave = "textDocument/didSave";
    public const string PublishDiagnostics = "textDocument/publishDiagnostics";
    public const string DocumentDiagnostic = "textDocument/diagnostic";
    public const string Hover = "textDocument/hover";
    public const string ExecuteCommand = "workspace/executeCommand";
    public const string CodeAction = "textDocument/codeAction";
    public const string CodeActionResolve = "codeAction/resolve";
    public const string CodeLens = "textDocument/codeLens";
    public const string InlayHint = "textDocument/inlayHint";
    public const string SemanticTokensFull = "textDocument/semanticTokens/full";
    public const string SemanticTokensFullDelta = "textDocument/semanticTokens/full/delta";
    public const string SemanticTokensRange = "textDocument/semanticTokens/range";
    public const string DocumentSymbol = "textDocument/documentSymbol";
    public const string FoldingRange = "textDocument/foldingRange";
    public const string SelectionRange = "textDocument/selectionRange";
    public const string Completion = "textDocument/completion";
    public const string Formatting = "textDocument/formatting";
    public const string RangeFormatting = "textDocument/rangeFormatting";
    public const string ShowDocument = "window/showDocument";
    public const string Configuration = "workspace/configuration";
    public const string DidChangeConfiguration = "workspace/didChangeConfiguration";
    public const string DiagnosticRefresh = "workspace/diagnostic/refresh";
    public const string DidChangeWatchedFiles = "workspace/didChangeWatchedFiles";
    public const string DidChangeWorkspaceFolders = "workspace/didChangeWorkspaceFolders";
    public const string WorkspaceSymbol = "workspace/symbol";
    public const string WorkspaceDiagnostic = "workspace/diagnostic";
    public const string RegisterCapability = "client/registerCapability";
    public const string WorkDoneProgressCreate = "window/workDoneProgress/create";
    public const string Progress = "$/progress";
    public const string CodeLensRefresh = "workspace/codeLens/refresh";
    public const string ShowMessage = "window/showMessage";
    public const string LogMessage = "window/logMessage";
}

/// <summary>JSON-RPC and LSP error codes. <see href="https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#errorCodes"/></summary>
public static class ErrorCodes
{
    public const int InvalidRequest = -32600;
    public const int MethodNotFound = -32601;
    public const int InvalidParams = -32602;
    public const int InternalError = -32603;
    public const int ServerNotInitialized = -32002;
    public const int RequestFailed = -32803;
    public const int RequestCancelled = -32800;
}
