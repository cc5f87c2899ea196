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
/// analysis makes the worker go again on the newer text. A snapshot is published once: a change
/// scheduled after the worker read the newest snapshot (so already in what it publishes) makes it
/// go again and find nothing new; what changes a note's diagnostics without changing its snapshot
/// (another note's, the watched files) goes through <see cref="Republish"/>.
/// </summary>
public sealed class DiagnosticsPublisher(DocumentStore documents, ServerState state, SettingsService settings, ClientChannel client, ILogger log)
{
    private readonly ConcurrentDictionary<string, int> _pending = new(StringComparer.Ordinal);
    private readonly Lock _sendGate = new();
    private readonly ConcurrentDictionary<string, byte> _pausePending = new(StringComparer.Ordinal);

    // Bumped by Republish: a snapshot's diagnostics are sent again only when this moved.
    private readonly ConcurrentDictionary<string, int> _republished = new(StringComparer.Ordinal);

    // What was last sent for each note (its snapshot's generation and the republish count then); under _sendGate.
    private readonly Dictionary<string, (int Generation, int Republished)> _sent = new(StringComparer.Ordinal);

    /// <summary>OL090 against the workspace index, added to every note's own diagnostics.</summary>
    public CrossNoteDiagnostics? CrossNote { get; set; }

    /// <summary>Told while diagnostics are being made, so the workspace index yields.</summary>
    public Workspace.ForegroundWork? Foreground { get; set; }

    public void Schedule(string uri)
    {
        if (state.PullsDiagnostics)
        {
            // Nothing is sent, but the client asks next (vscode-languageclient pulls right after
            // each change): the diagnostics are made meanwhile, while its request is on the way.
            if (documents.Get(uri) is { IsNote: true } snapshot && !snapshot.Basis.HasDiagnostics) _ = snapshot.Basis.DiagnoseAsync(CancellationToken.None);
            return;
        }
        // 1 = running, 2 = running and asked again: the worker loops until nothing is pending.
        if (_pending.AddOrUpdate(uri, 1, (_, n) => 2) == 1)
        {
            Foreground?.Begin();
            _ = Task.Run(() => WorkAsync(uri));
        }
    }

    /// <summary>Publishes a note's diagnostics again though its snapshot is the one last published (what they depend on besides it changed).</summary>
    public void Republish(string uri)
    {
        // A pulling client is sent nothing: nothing to count (and Clear, which forgets the count, returns early for it).
        if (!state.PullsDiagnostics) _republished.AddOrUpdate(uri, 1, (_, n) => n + 1);
        Schedule(uri);
    }

    public void ScheduleAll()
    {
        foreach (var doc in documents.All) Republish(doc.Uri);
    }

    /// <summary>Clears a closed note's diagnostics.</summary>
    public void Clear(string uri)
    {
        if (state.PullsDiagnostics) return;
        lock (_sendGate)
        {
            _sent.Remove(uri);
            _republished.TryRemove(uri, out _);
            client.Notify(Methods.PublishDiagnostics, new PublishDiagnosticsParams(uri, null, []));
        }
    }

    private async Task WorkAsync(string uri)
    {
        // NOTE: the first diagnostics wait (briefly) for the client's settings, so a note does not
        // flash with default severities and then change.
        await settings.WaitLoadedAsync(CancellationToken.None).ConfigureAwait(false);
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
            if (_pending.TryRemove(new KeyValuePair<string, int>(uri, 1)))
            {
                Foreground?.End();
                return;
            }
            await Task.Yield();
        }
    }

    private void Publish(DocumentSnapshot snapshot)
    {
        // Read before the conversion: a republish during it moves the count, and the worker's next round sends again.
        var sending = (snapshot.Generation, _republished.GetValueOrDefault(snapshot.Uri));
        bool AlreadySent() => _sent.TryGetValue(snapshot.Uri, out var sent) && sent == sending;
        lock (_sendGate)
            if (AlreadySent()) return;
        var items = DiagnosticConverter.Convert(snapshot, state.Encoder, settings.Client.DocsBaseUrl);
        if (CrossNote?.ForTyping(snapshot) is { Length: > 0 } crossNote) items = [.. items, .. crossNote];
        lock (_sendGate)
        {
            if (!documents.IsLatest(snapshot) || AlreadySent()) return;
            client.Notify(Methods.PublishDiagnostics, new PublishDiagnosticsParams(snapshot.Uri, snapshot.Version, items));
            _sent[snapshot.Uri] = sending;
        }
        log.Debug("Published {Count} diagnostics for {Uri:l} version {Version}", items.Length, snapshot.Uri, snapshot.Version);
        AfterDiagnostics(snapshot);
    }

    /// <summary>
    /// A client pulled this version's diagnostics (<c>textDocument/diagnostic</c>): what follows
    /// them is the same as after a push, so a pulling client's typing gets the same work done
    /// ahead of its next keystroke.
    /// </summary>
    public void Pulled(DocumentSnapshot snapshot)
    {
        if (documents.IsLatest(snapshot)) AfterDiagnostics(snapshot);
    }

    private void AfterDiagnostics(DocumentSnapshot snapshot)
    {
        if (!snapshot.IsAnalyzed && snapshot.IsNote && _pausePending.TryAdd(snapshot.Uri, 0)) _ = AnalyzeWhenPausedAsync(snapshot.Uri);
        // The next keystroke's basis: whether it is a prose edit is read from the lines its
        // analysis marks, worked out here rather than by that keystroke (about 5 ms for 1 MB).
        else if (snapshot.IsAnalyzed && snapshot.IsNote && ReferenceEquals(snapshot.Basis, snapshot)) _ = Task.Run(() => snapshot.SensitiveLines);
    }

    /// <summary>
    /// A prose edit was published from its basis; once typing pauses (<see cref="TypingPause"/>), analyse the new text too, so
    /// that it is the next keystroke's basis (a block edit needs one with no prose edit since) and
    /// the features that need the analysis find it ready. (They analyse on demand if asked sooner;
    /// hover and inlay hints answer from the basis meanwhile.)
    /// </summary>
    private async Task AnalyzeWhenPausedAsync(string uri)
    {
        try
        {
            int? generation = await TypingPause.WaitAsync(documents, state, uri).ConfigureAwait(false);
            _pausePending.TryRemove(uri, out _);
            if (documents.Get(uri) is { IsDiverged: false } snapshot)
            {
                long started = System.Diagnostics.Stopwatch.GetTimestamp();
                bool analysed = !snapshot.IsAnalyzed;
                _ = snapshot.Analysis;
                _ = snapshot.SensitiveLines;
                CrossNote?.Prepare(snapshot);
                var work = System.Diagnostics.Stopwatch.GetElapsedTime(started);
                // Still paused: a full collection due soon is made now, when it meets no keystroke.
                var collected = documents.Get(uri)?.Generation == generation ? documents.Memory?.TypingPaused() : null;
                // When the pause's work ran, to be lined up with a slow keystroke's time.
                if (log.IsEnabled(Serilog.Events.LogEventLevel.Debug))
                    log.Debug("Typing paused on {Uri:l} version {Version}: {Work:l} in {Ms:F1} ms, {Collection:l}", uri, snapshot.Version,
                        analysed ? "analysed" : "already analysed", work.TotalMilliseconds,
                        collected is { } took ? $"a full collection in {took.TotalMilliseconds:F1} ms" : "no collection");
            }
        }
        catch (Exception e)
        {
            log.Error(e, "Analysing {Uri} failed", uri);
        }
    }
}
