using OrbitLsp.LanguageServer.Configuration;
using OrbitLsp.LanguageServer.Documents;
using OrbitLsp.LanguageServer.Features.Commands;
using OrbitLsp.LanguageServer.Features.Diagnostics;
using OrbitLsp.LanguageServer.Logging;
using OrbitLsp.LanguageServer.Protocol;
using OrbitLsp.LanguageServer.Transport;
using Serilog;

namespace OrbitLsp.LanguageServer.Lifecycle;

/// <summary>initialize, initialized, shutdown, exit, $/setTrace and didChangeConfiguration.</summary>
public sealed class LifecycleHandler(ServerState state, TraceSetting trace, SettingsService settings, DocumentStore documents,
    DiagnosticsPublisher diagnostics, ClientChannel client, ILogger log, LanguageServerOptions options)
{
    private InitializeParams? _initialize;

    /// <summary>Started on <c>initialized</c>, indexed again when the settings change.</summary>
    public Workspace.WorkspaceIndex? Workspace { get; init; }

    /// <summary>The review store, loaded in the background once the settings are read (they say where it is).</summary>
    public Features.Review.ReviewService? Reviews { get; init; }

    public Task<InitializeResult> InitializeAsync(InitializeParams p, CancellationToken ct)
    {
        state.Initialize(p);
        _initialize = p;
        trace.Set(p.Trace);
        if (p.ProcessId is { } pid) ParentProcessWatcher.Start(pid, options.ParentPollInterval, () => state.Exit($"client process {pid} is gone"), options.Stopping);
        log.Information("Initialized by {Client:l} (process {Pid}); positions in {Encoding:l}; diagnostics {Mode:l}",
            state.ClientName ?? "an unnamed client", p.ProcessId, state.Encoder.Name, state.PullsDiagnostics ? "pulled" : "pushed");
        var capabilities = Features.FeatureCapabilities.With(new ServerCapabilities
        {
            PositionEncoding = state.Encoder.Name,
            TextDocumentSync = new TextDocumentSyncOptions(true, TextDocumentSyncOptions.Incremental, new SaveOptions(false)),
            HoverProvider = true,
            ExecuteCommandProvider = new ExecuteCommandOptions(ExecuteCommandHandler.Commands),
            // OL090 depends on other notes: interFileDependencies.
            DiagnosticProvider = state.PullsDiagnostics ? new DiagnosticOptions("orbitlsp", true, true) : null,
            WorkspaceSymbolProvider = true,
            // Folders added and removed later are indexed and dropped (workspace/didChangeWorkspaceFolders).
            Workspace = new WorkspaceServerCapabilities(new WorkspaceFoldersServerCapabilities(true, true)),
        }, state.Client);
        return Task.FromResult(new InitializeResult(capabilities, new NameAndVersion("orbitlsp", Program.Version)));
    }

    public void Initialized()
    {
        // NOTE: not before: on two cores, warming up while initialize is answered delays the answer.
        Warmup.Start(log, prepareMemory: options.OwnsProcess);
        Workspace?.Start(_initialize);
        client.Notify(Methods.LogMessage, new MessageParams(MessageType.Info, $"OrbitLsp {Program.Version} started; log file: {options.LogPath}"));
        _ = ReloadSettingsAsync(null);
    }

    public void DidChangeConfiguration(DidChangeConfigurationParams p) => _ = ReloadSettingsAsync(p.Settings);

    public Task<object?> ShutdownAsync(CancellationToken ct)
    {
        if (state.Phase == ServerPhase.Created) state.EnsureAccepts(Methods.Shutdown);
        state.Shutdown();
        log.Information("Shutdown requested");
        return Task.FromResult<object?>(null);
    }

    public void Exit() => state.Exit("exit notification");

    public void SetTrace(SetTraceParams p)
    {
        if (!trace.Set(p.Value)) log.Warning("$/setTrace: unknown value {Value:l}", p.Value);
    }

    private async Task ReloadSettingsAsync(System.Text.Json.JsonElement? pushed)
    {
        try
        {
            await settings.RefreshAsync(pushed, options.Stopping).ConfigureAwait(false);
            documents.Reconfigure(d => settings.For(d.Uri));
            Workspace?.Reindex();
            settings.MarkLoaded();
            diagnostics.ScheduleAll();
            if (state.PullsDiagnostics && state.Client.Workspace?.Diagnostics?.RefreshSupport == true)
                await client.RequestAsync<object>(Methods.DiagnosticRefresh, null, options.Stopping).ConfigureAwait(false);
            // The "N problems" lenses count by severity: new severities may change them.
            if (state.Client.Workspace?.CodeLens?.RefreshSupport == true)
                await client.RequestAsync<object>(Methods.CodeLensRefresh, null, options.Stopping).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.Error(e, "Reading the settings failed");
        }
        finally
        {
            settings.MarkLoaded();
            if (state.Phase == ServerPhase.Running) Reviews?.Preload();
        }
    }
}
