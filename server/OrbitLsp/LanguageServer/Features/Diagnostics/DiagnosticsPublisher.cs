using System.Collections.Concurrent;
using OrbitLsp.LanguageServer.Configuration;
using OrbitLsp.LanguageServer.Documents;
using OrbitLsp.LanguageServer.Lifecycle;
using OrbitLsp.LanguageServer.Protocol;
using OrbitLsp.LanguageServer.Transport;
using Serilog;

namespace OrbitLsp.LanguageServer.Features.Diagnostics;

/// <summary>
/// Pushes diagnostics (<c>textDocument/publishDiagnostics</c>, with the version) after every
/// change, for clients that do not pull. One worker per note analyses its newest snapshot; a
/// result is sent only while its snapshot is still the newest, so no stale version is published.
/// There is no debounce: each change is analysed at once, and a change that arrives during an
/// analysis makes the worker go again on the newer text.
/// </summary>
public sealed class DiagnosticsPublisher(DocumentStore documents, ServerState state, SettingsService settings, ClientChannel client, ILogger log)
{
    private readonly ConcurrentDictionary<string, int> _pending = new(StringComparer.Ordinal);
    private readonly Lock _sendGate = new();

    public void Schedule(string uri)
    {
        if (state.PullsDiagnostics) return;
        // 1 = running, 2 = running and asked again: the worker loops until nothing is pending.
        if (_pending.AddOrUpdate(uri, 1, (_, n) => 2) == 1) _ = Task.Run(() => WorkAsync(uri));
    }

    public void ScheduleAll()
    {
        foreach (var doc in documents.All) Schedule(doc.Uri);
    }

    /// <summary>Clears a closed note's diagnostics.</summary>
    public void Clear(string uri)
    {
        if (state.PullsDiagnostics) return;
        lock (_sendGate) client.Notify(Methods.PublishDiagnostics, new PublishDiagnosticsParams(uri, null, []));
    }

    private async Task WorkAsync(string uri)
    {
        // NOTE: the first diagnostics wait (briefly) for the client's settings, so a note does not
        // flash with default severities and then change.
        if (!settings.Loaded.IsCompleted) await Task.WhenAny(settings.Loaded, Task.Delay(TimeSpan.FromSeconds(2))).ConfigureAwait(false);
        while (true)
        {
            _pending[uri] = 1;
            try
            {
                if (documents.Get(uri) is { } snapshot) Publish(snapshot);
            }
            catch (Exception e)
            {
                log.Error(e, "Diagnostics for {Uri:l} failed", uri);
            }
            if (_pending.TryRemove(new KeyValuePair<string, int>(uri, 1))) return;
            await Task.Yield();
        }
    }

    private void Publish(DocumentSnapshot snapshot)
    {
        var items = DiagnosticConverter.Convert(snapshot, state.Encoder, settings.Client.DocsBaseUrl);
        lock (_sendGate)
        {
            if (!documents.IsLatest(snapshot)) return;
            client.Notify(Methods.PublishDiagnostics, new PublishDiagnosticsParams(snapshot.Uri, snapshot.Version, items));
        }
        if (!snapshot.IsAnalyzed && !snapshot.IsDiverged) _ = Task.Run(() => AnalyzeForHover(snapshot));
    }

    /// <summary>A prose edit was published from its basis; analyse the new text too, so hover finds it ready.</summary>
    private void AnalyzeForHover(DocumentSnapshot snapshot)
    {
        try
        {
            if (documents.IsLatest(snapshot)) _ = snapshot.Analysis;
        }
        catch (Exception e)
        {
            log.Error(e, "Analysing {Uri} failed", snapshot.Uri);
        }
    }
}
