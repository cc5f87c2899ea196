using OrbitLsp.LanguageServer.Configuration;
using OrbitLsp.LanguageServer.Documents;
using OrbitLsp.LanguageServer.Features.CodeActions;
using OrbitLsp.LanguageServer.Features.CodeLens;
using OrbitLsp.LanguageServer.Features.Commands;
using OrbitLsp.LanguageServer.Features.Completion;
using OrbitLsp.LanguageServer.Features.Folding;
using OrbitLsp.LanguageServer.Features.Formatting;
using OrbitLsp.LanguageServer.Features.InlayHints;
using OrbitLsp.LanguageServer.Features.Selection;
using OrbitLsp.LanguageServer.Features.SemanticTokens;
using OrbitLsp.LanguageServer.Features.Symbols;
using OrbitLsp.LanguageServer.Features.Diagnostics;
using OrbitLsp.LanguageServer.Features.Hover;
using OrbitLsp.LanguageServer.Features.Review;
using OrbitLsp.LanguageServer.Lifecycle;
using OrbitLsp.LanguageServer.Logging;
using OrbitLsp.LanguageServer.Protocol;
using OrbitLsp.LanguageServer.Transport;
using OrbitLsp.LanguageServer.Workspace;
using OrbitLsp.LanguageServer.Features.WorkspaceSymbols;
using Serilog;

namespace OrbitLsp.LanguageServer;

/// <summary>
/// The language server over one connection: builds the parts, registers one line per method,
/// and runs until <c>exit</c>, the end of the input, or the death of the client process.
/// </summary>
public sealed class OrbitLanguageServer
{
    private readonly Stream _input;
    private readonly Stream _output;
    private readonly LanguageServerOptions _options;

    public OrbitLanguageServer(Stream input, Stream output, LanguageServerOptions options)
    {
        _input = input;
        _output = output;
        _options = options;
    }

    /// <summary>Serves until the end; the exit code is 0 after shutdown and exit, 1 otherwise.</summary>
    public async Task<int> RunAsync()
    {
        using var stopping = new CancellationTokenSource();
        _options.Stopping = stopping.Token;
        var trace = new TraceSetting();
        var clientSink = new ClientLogSink(trace);
        // NOTE: on two cores the log is set up beside the connection, the slower of the two to build.
        var logging = Task.Run(() => (ServerLog.Create(_options.LogFile, _options.LogLevel, clientSink, out string path, out var fileReady), path, fileReady));
        ILogger? log = null;
        using var rpc = LspConnection.Create(_input, _output, message => log?.Error("Protocol: {Problem:l}", message),
            (bytes, read, parsed, texts) => log?.Debug("A message of {Bytes:N0} bytes: read in {Read:F1} ms from its header, its JSON in {Parsed:F1} ms ({Texts} long text(s) taken out first)",
                bytes, read.TotalMilliseconds, parsed.TotalMilliseconds, texts));
        var (logger, logPath, logFileReady) = await logging.ConfigureAwait(false);
        log = logger;
        _options.LogPath = logPath;
        CollectionLog.Start(logger, stopping.Token);
        var client = new ClientChannel(rpc) { Log = logger };
        var state = new ServerState();
        using var memory = new MemoryReturn();
        var documents = new DocumentStore { Memory = memory };
        memory.WatchClient(() => state.SinceLastMessage);
        state.MessageArrived = memory.ClientActive;
        var settings = new SettingsService(state, client, logger);
        var diagnostics = new DiagnosticsPublisher(documents, state, settings, client, logger);
        var workspace = new WorkspaceIndex(documents, state, settings, client, logger, _options);
        var crossNote = new CrossNoteDiagnostics(workspace, documents, state, settings, client, logger) { Republish = diagnostics.Republish };
        diagnostics.CrossNote = crossNote;
        diagnostics.Foreground = workspace.Foreground;
        workspace.Changed = crossNote.IndexChanged;
        var reviews = new ReviewService(workspace, settings, client, logger);
        var lifecycle = new LifecycleHandler(state, trace, settings, documents, diagnostics, client, logger, _options) { Workspace = workspace, Reviews = reviews };
        var sync = new DocumentSyncHandler(documents, state, settings, diagnostics, client, logger) { Workspace = workspace };
        var dispatch = new Dispatcher(rpc, state, trace, client, logger);
        var resultIds = new DiagnosticResultIds(documents);

        dispatch.Request<InitializeParams, InitializeResult>(Methods.Initialize, lifecycle.InitializeAsync, anyPhase: true);
        dispatch.Notification(Methods.Initialized, lifecycle.Initialized);
        dispatch.Request<object?>(Methods.Shutdown, lifecycle.ShutdownAsync, anyPhase: true);
        dispatch.Notification(Methods.Exit, lifecycle.Exit, anyPhase: true);
        dispatch.Notification<SetTraceParams>(Methods.SetTrace, lifecycle.SetTrace, anyPhase: true);
        dispatch.Notification<DidChangeConfigurationParams>(Methods.DidChangeConfiguration, lifecycle.DidChangeConfiguration);
        dispatch.Notification<DidOpenTextDocumentParams>(Methods.DidOpen, sync.Open);
        dispatch.Notification<DidChangeTextDocumentParams>(Methods.DidChange, sync.Change);
        dispatch.Notification<DidCloseTextDocumentParams>(Methods.DidClose, sync.Close);
        dispatch.Notification<DidSaveTextDocumentParams>(Methods.DidSave, sync.Save);
        dispatch.Request<DocumentDiagnosticParams, DocumentDiagnosticReport>(Methods.DocumentDiagnostic, new DocumentDiagnosticHandler(documents, state, settings, crossNote, diagnostics, resultIds).HandleAsync);
        dispatch.Request<WorkspaceDiagnosticParams, WorkspaceDiagnosticReport>(Methods.WorkspaceDiagnostic, new WorkspaceDiagnosticHandler(workspace, documents, state, settings, crossNote, resultIds).HandleAsync);
        dispatch.Request<WorkspaceSymbolParams, SymbolInformation[]>(Methods.WorkspaceSymbol, new WorkspaceSymbolHandler(workspace).HandleAsync);
        dispatch.Notification<DidChangeWatchedFilesParams>(Methods.DidChangeWatchedFiles, new WatchedFilesHandler(workspace, documents, settings, diagnostics).Handle);
        dispatch.Notification<DidChangeWorkspaceFoldersParams>(Methods.DidChangeWorkspaceFolders, p =>
            workspace.FoldersChanged(p.Event?.Added ?? [], p.Event?.Removed ?? []));
        dispatch.Request<TextDocumentPositionParams, Protocol.Hover?>(Methods.Hover, new HoverHandler(documents, state) { Reviews = reviews }.HandleAsync);
        dispatch.Request<ExecuteCommandParams, object>(Methods.ExecuteCommand, new ExecuteCommandHandler(documents, state, settings, new ShowProblems(documents, state, settings, client),
            new ReviewCommands(documents, state, settings, workspace, reviews)).HandleAsync);
        var codeActions = new CodeActionHandler(documents, state);
        dispatch.Request<CodeActionParams, CodeAction[]>(Methods.CodeAction, codeActions.HandleAsync);
        dispatch.Request<CodeAction, CodeAction>(Methods.CodeActionResolve, codeActions.ResolveAsync);
        dispatch.Request<CodeLensParams, Protocol.CodeLens[]>(Methods.CodeLens, new CodeLensHandler(documents, state) { Reviews = reviews }.HandleAsync);
        dispatch.Request<InlayHintParams, InlayHint[]>(Methods.InlayHint, new InlayHintHandler(documents, state).HandleAsync);
        var tokens = new SemanticTokensHandler(documents, state);
        dispatch.Request<SemanticTokensParams, Protocol.SemanticTokens>(Methods.SemanticTokensFull, tokens.FullAsync);
        dispatch.Request<SemanticTokensDeltaParams, object>(Methods.SemanticTokensFullDelta, tokens.DeltaAsync);
        dispatch.Request<SemanticTokensRangeParams, Protocol.SemanticTokens>(Methods.SemanticTokensRange, tokens.RangeAsync);
        dispatch.Request<DocumentParams, object>(Methods.DocumentSymbol, new DocumentSymbolHandler(documents, state).HandleAsync);
        dispatch.Request<DocumentParams, FoldingRange[]>(Methods.FoldingRange, new FoldingRangeHandler(documents, state).HandleAsync);
        dispatch.Request<SelectionRangeParams, SelectionRange[]>(Methods.SelectionRange, new SelectionRangeHandler(documents, state).HandleAsync);
        dispatch.Request<CompletionParams, CompletionList>(Methods.Completion, new CompletionHandler(documents, state).HandleAsync);
        var formatting = new FormattingHandler(documents, state);
        dispatch.Request<DocumentFormattingParams, Protocol.TextEdit[]>(Methods.Formatting, formatting.DocumentAsync);
        dispatch.Request<DocumentRangeFormattingParams, Protocol.TextEdit[]>(Methods.RangeFormatting, formatting.RangeAsync);

        clientSink.Client = client;
        rpc.StartListening();
        logger.Information("OrbitLsp {Version:l} listening (process {Pid}); log file {Path:l}", Program.Version, Environment.ProcessId, logPath);

        var ended = await Task.WhenAny(state.ExitCode, rpc.Completion.ContinueWith(_ => 0, TaskScheduler.Default)).ConfigureAwait(false);
        if (ended != state.ExitCode) state.Exit("the input closed");
        int code = await state.ExitCode.ConfigureAwait(false);
        // What the session cost in memory and collector pauses: the figures a slow-typing report needs first.
        using (var self = System.Diagnostics.Process.GetCurrentProcess())
            logger.Information("Exiting with code {Code}: {Reason:l}; collections gen0 {Gen0}, gen1 {Gen1}, gen2 {Gen2}, paused {Paused:F0} ms in all; peak resident {Peak} MB",
                code, state.ExitReason, GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration().TotalMilliseconds, self.PeakWorkingSet64 >> 20);
        stopping.Cancel();
        clientSink.Client = null;
        await logFileReady.ConfigureAwait(false);
        (logger as IDisposable)?.Dispose();
        return code;
    }
}
