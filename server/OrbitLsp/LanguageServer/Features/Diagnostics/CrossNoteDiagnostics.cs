using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using OrbitLsp.LanguageServer.Configuration;
using OrbitLsp.LanguageServer.Documents;
using OrbitLsp.LanguageServer.Lifecycle;
using OrbitLsp.LanguageServer.Protocol;
using OrbitLsp.LanguageServer.Transport;
using OrbitLsp.LanguageServer.Workspace;
using Serilog;

namespace OrbitLsp.LanguageServer.Features.Diagnostics;

/// <summary>
/// OL090 for open notes: each published prompt another indexed note publishes too, with that note
/// as related information. When the index changes, the open notes whose OL090 changed are
/// published again (push), or the client is asked to pull again (<c>workspace/diagnostic/refresh</c>).
/// </summary>
public sealed class CrossNoteDiagnostics(WorkspaceIndex workspace, DocumentStore documents, ServerState state, SettingsService settings,
    ClientChannel client, ILogger log)
{
    private sealed record Computed(long IndexVersion, Diagnostic[] Items, int Fingerprint);

    private readonly ConditionalWeakTable<DocumentSnapshot, Computed> _cache = new();
    private readonly ConcurrentDictionary<string, int> _lastFingerprint = new(StringComparer.Ordinal);

    /// <summary>Asks to publish a note again (the push publisher's Schedule).</summary>
    public Action<string>? Republish { get; set; }

    /// <summary>The snapshot's OL090 diagnostics against the index as it is now; its basis must be analysed.</summary>
    public Diagnostic[] For(DocumentSnapshot snapshot) => Compute(snapshot).Items;

    /// <summary>
    /// For a keystroke: what was last computed for the same basis, even against an older index.
    /// The indexing thread checks every open note after each change (<see cref="IndexChanged"/>)
    /// and has a note published again when its result differs, so nothing stale stays.
    /// </summary>
    /// <remarks>
    /// NOTE: what the analysed version got is taken as it was, even when the index has changed
    /// since (every second while a workspace is indexed): the keystroke does not wait for the
    /// whole note's prompts to be looked up again. <see cref="IndexChanged"/> does that on the
    /// index's thread and publishes again when the result differs.
    /// </remarks>
    public Diagnostic[] ForTyping(DocumentSnapshot snapshot)
    {
        if (!snapshot.IsNote) return [];
        if (_cache.TryGetValue(snapshot.Basis, out var done)) return done.Items;
        if (!snapshot.IsAnalyzed && snapshot.BlockEdit is { } edit && _cache.TryGetValue(edit.Analysed, out var analysed))
            return WhileTyping(snapshot, edit, analysed).Items;
        return For(snapshot);
    }

    /// <summary>
    /// For a version analysed once typing paused, before the next keystroke asks (it becomes that
    /// keystroke's basis): the lookups of its prompts in the index are done here, off the
    /// keystroke's path. Published again when the result differs from what was last published.
    /// </summary>
    public void Prepare(DocumentSnapshot snapshot)
    {
        if (!snapshot.IsNote || !snapshot.IsAnalyzed || _cache.TryGetValue(snapshot, out _)) return;
        // A prose edit keeps showing what its basis got; a block edit's own result replaces what
        // was shown while typing (the block's copies elsewhere among it).
        bool shown = !snapshot.IsTypedOnBasis;
        int before = _lastFingerprint.GetValueOrDefault(snapshot.Uri);
        if (Compute(snapshot.Uri, snapshot, shown).Fingerprint != before && shown) Republish?.Invoke(snapshot.Uri);
    }

    /// <summary>Changes whenever <see cref="For"/> would give other diagnostics: part of pulled result ids.</summary>
    public int Fingerprint(DocumentSnapshot snapshot) => Compute(snapshot).Fingerprint;

    private Computed Compute(DocumentSnapshot snapshot)
    {
        if (!snapshot.IsNote) return new Computed(0, [], 0);
        if (!snapshot.IsAnalyzed && snapshot.BlockEdit is { } edit) return WhileTyping(snapshot, edit, Compute(edit.Analysed));
        return Compute(snapshot.Uri, snapshot.Basis);
    }

    /// <param name="shown">The result is what the note's diagnostics show (recorded for <see cref="IndexChanged"/>).</param>
    private Computed Compute(string uri, DocumentSnapshot basis, bool shown = true)
    {
        long version = workspace.Epoch;
        if (_cache.TryGetValue(basis, out var done) && done.IndexVersion == version) return done;
        var analysis = basis.Analysis;
        var found = workspace.Notes.Prompts.DuplicatesIn(NoteUris.Key(uri), analysis, basis.Settings);
        var items = new Diagnostic[found.Length];
        var lines = analysis.Document.Lines;
        string text = analysis.Document.Text;
        for (int i = 0; i < items.Length; i++)
        {
            var d = found[i];
            items[i] = new Diagnostic
            {
                Range = state.Encoder.ToRange(lines, text, d.Span),
                Severity = (int)d.Severity,
                Code = d.Code,
                CodeDescription = new CodeDescription(RuleDocs.Href(d.Rule, settings.Client.DocsBaseUrl)),
                Source = DiagnosticConverter.Source,
                Message = d.Message,
                RelatedInformation = [.. d.Related.Select(r => new DiagnosticRelatedInformation(new Location(NoteUris.Uri(r.File!), r.Range!.Value.ToProtocol()), r.Message))],
            };
        }
        var computed = new Computed(version, items, Fingerprint(items));
        _cache.AddOrUpdate(basis, computed);
        if (shown) _lastFingerprint[uri] = computed.Fingerprint;
        return computed;
    }

    /// <summary>
    /// Typing inside one review block: what the analysed version got, less what it said about that
    /// block, whose prompts are being written. Once typing pauses the note is analysed and indexed
    /// again, and the block's copies elsewhere are published again (see <see cref="IndexChanged"/>).
    /// </summary>
    private Computed WhileTyping(DocumentSnapshot snapshot, Documents.BlockEdit edit, Computed before)
    {
        var lines = edit.Analysed.Lines;
        int first = lines.GetLine(edit.Block.Span.Start), last = lines.GetLine(edit.Block.Span.End);
        // Lines typed or deleted in the block move everything after it.
        int moved = snapshot.Lines.LineCount - lines.LineCount;
        var items = Array.FindAll(before.Items, d => d.Range.End.Line < first || d.Range.Start.Line > last);
        if (items.Length == before.Items.Length && moved == 0) return before;
        if (moved != 0)
            items = Array.ConvertAll(items, d => d.Range.Start.Line > last ? d with { Range = Shift(d.Range, moved) } : d);
        var computed = new Computed(before.IndexVersion, items, Fingerprint(items));
        _lastFingerprint[snapshot.Uri] = computed.Fingerprint;
        return computed;
    }

    private static Protocol.Range Shift(Protocol.Range r, int lines) =>
        new(new Position(r.Start.Line + lines, r.Start.Character), new Position(r.End.Line + lines, r.End.Character));

    /// <summary>After the index changed: the open notes whose OL090 changed are published (or pulled) again.</summary>
    public void IndexChanged(bool refreshWorkspace)
    {
        bool pull = state.PullsDiagnostics;
        bool refresh = pull && refreshWorkspace;
        foreach (var doc in documents.All)
        {
            if (!doc.IsNote || !doc.Basis.IsAnalyzed) continue;
            int before = _lastFingerprint.GetValueOrDefault(doc.Uri);
            try
            {
                if (Compute(doc).Fingerprint == before) continue;
            }
            catch (Exception e)
            {
                log.Error(e, "Cross-note diagnostics for {Uri:l} failed", doc.Uri);
                continue;
            }
            if (pull) refresh = true;
            else Republish?.Invoke(doc.Uri);
        }
        if (refresh && state.Client.Workspace?.Diagnostics?.RefreshSupport == true)
            _ = client.RequestAsync<object>(Methods.DiagnosticRefresh, null, CancellationToken.None);
    }

    public void Forget(string uri) => _lastFingerprint.TryRemove(uri, out _);

    public static int Fingerprint(IEnumerable<Diagnostic> items)
    {
        var hash = new HashCode();
        foreach (var d in items)
        {
            hash.Add(d.Range);
            hash.Add(d.Message);
            hash.Add(d.Severity);
            foreach (var r in d.RelatedInformation ?? []) hash.Add(r.Location);
        }
        return hash.ToHashCode();
    }
}
