using System.Collections.Concurrent;
using OrbitLsp.Core.Analysis;
using OrbitLsp.Core.Config;
using OrbitLsp.Core.Text;
using OrbitLsp.LanguageServer.Protocol;

namespace OrbitLsp.LanguageServer.Documents;

/// <summary>
/// The open notes, each as its latest snapshot. Changes come from the in-order dispatch of
/// didOpen/didChange/didClose; readers on any thread take <see cref="Get"/> and keep it.
/// </summary>
public sealed class DocumentStore
{
    private readonly ConcurrentDictionary<string, DocumentSnapshot> _documents = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private int _generation;

    public DocumentSnapshot? Get(string uri) => _documents.GetValueOrDefault(uri);

    public IReadOnlyCollection<DocumentSnapshot> All => [.. _documents.Values];

    /// <summary>
    /// Removes from <paramref name="byUri"/> the notes that are no longer open: for what a feature
    /// keeps per note between requests, dropped when it next stores something rather than in didClose.
    /// </summary>
    public void DropClosed<T>(ConcurrentDictionary<string, T> byUri)
    {
        foreach (var key in byUri.Keys)
            if (Get(key) is null) byUri.TryRemove(key, out _);
    }

    /// <summary>True when this snapshot is still the newest of its document.</summary>
    public bool IsLatest(DocumentSnapshot snapshot) => ReferenceEquals(Get(snapshot.Uri), snapshot);

    /// <summary>
    /// Opens a note. Its settings are read inside the lock that <see cref="Reconfigure"/> takes, so
    /// a note opened while new settings arrive cannot keep the old ones.
    /// </summary>
    public DocumentSnapshot Open(TextDocumentItem item, Func<string, RuleSettings> settingsOf)
    {
        lock (_gate) return _documents[item.Uri] = new DocumentSnapshot(item.Uri, item.Version, item.Text, settingsOf(item.Uri), Next());
    }

    /// <summary>The new snapshot; diverged (with the reason) when the change cannot be applied.</summary>
    public DocumentSnapshot? Change(DidChangeTextDocumentParams change, PositionEncoder encoder)
    {
        lock (_gate) return ChangeLocked(change, encoder);
    }

    private DocumentSnapshot? ChangeLocked(DidChangeTextDocumentParams change, PositionEncoder encoder)
    {
        if (Get(change.TextDocument.Uri) is not { } current) return null;
        var changes = change.ContentChanges ?? [];
        int version = change.TextDocument.Version;
        bool resync = changes.Length > 0 && changes[^1].Range is null;
        if (current.IsDiverged && !resync) return current;
        DocumentSnapshot next;
        if (version <= current.Version && !current.IsDiverged)
            next = current.Diverged($"version {version} does not follow version {current.Version}", Next());
        else if (SingleEdit(current, changes, encoder) is { } edit)
        {
            // A keystroke: the new text is this one's with one part replaced, not a copy of the whole.
            var text = current.Spliced(edit.Start, edit.End, edit.Insert);
            var (lines, blockEdit, prose) = Shortcuts(current, edit.Start, edit.End, edit.Insert, text);
            next = current.With(version, text, Next(), prose, lines, blockEdit);
        }
        else
        {
            var (text, error) = TextChanges.Apply(current.Text, current.IsDiverged ? null : current.Lines, changes, encoder);
            next = text is null ? current.Diverged(error!, Next()) : current.With(version, text, Next());
        }
        _documents[current.Uri] = next;
        return next;
    }

    public bool Close(string uri)
    {
        DocumentSnapshot? closed;
        lock (_gate)
            if (!_documents.TryRemove(uri, out closed)) return false;
        Memory?.Closed(closed.TextLength);
        return true;
    }

    /// <summary>Told when a note closes, to give a large note's memory back.</summary>
    public MemoryReturn? Memory { get; init; }

    /// <summary>New snapshots of every open note with its settings re-read (same text and version).</summary>
    public void Reconfigure(Func<DocumentSnapshot, RuleSettings> settingsOf)
    {
        lock (_gate)
            foreach (var doc in _documents.Values)
            {
                var settings = settingsOf(doc);
                if (!Same(settings, doc.Settings)) _documents[doc.Uri] = doc.WithSettings(settings, Next());
            }
    }

    /// <summary>The one ranged change of a didChange, as offsets in the current text; null for anything else.</summary>
    private static (int Start, int End, string Insert)? SingleEdit(DocumentSnapshot current, TextDocumentContentChangeEvent[] changes, PositionEncoder encoder)
    {
        if (current.IsDiverged || current.IsConfig || changes is not [{ Range: { } range } change]) return null;
        if (change.Text is null || range.Start is null || range.End is null) return null;
        if (encoder.ToOffset(current, range.Start) is not { } start || encoder.ToOffset(current, range.End) is not { } end || end < start)
            return null;
        return (start, end, change.Text);
    }

    /// <summary>
    /// What the new version can take over from the current one for a single edit: its line map when
    /// it can be had cheaply (made from the old one when no line break is added or removed), and
    /// either the block edit it continues or starts (inside one review block) or the analysed basis
    /// whose diagnostics it shares (a prose edit).
    /// </summary>
    private static (LineMap? Lines, BlockEdit? BlockEdit, DocumentSnapshot? ProseBasis) Shortcuts(DocumentSnapshot current, int start, int end, string insert, SplicedText text)
    {
        string removed = current.Slice(start, end - start);
        var newLines = current.Lines.WithEdit(removed, start > 0 ? current.CharAt(start - 1) : '\0', start, end, insert);
        if (BlockEditOf(current, start, end, insert, removed, text, ref newLines) is { } blockEdit) return (newLines, blockEdit, null);
        // Analysed meanwhile (typing paused): the version itself is the newest basis.
        var basis = current.IsAnalyzed ? current : current.Basis;
        bool prose = basis.IsAnalyzed && ProseEdits.IsProseEdit(basis.SensitiveLines, current, start, end, removed, insert);
        return (newLines, null, prose ? basis : null);
    }

    /// <summary>The block edit this edit continues or starts, when it lies inside one review block and qualifies.</summary>
    private static BlockEdit? BlockEditOf(DocumentSnapshot current, int start, int end, string insert, string removed, SplicedText text, ref LineMap? newLines)
    {
        BlockEdit? edit = null;
        // A version analysed since it was typed (after a pause) starts a new block edit on its own analysis.
        if (current.IsAnalyzed)
        {
            if (BlockEdits.BlockFor(current.Analysis, start, end) is { } block) edit = new BlockEdit(current, block, 0);
        }
        else if (current.BlockEdit is { } ongoing && start >= ongoing.Block.InnerSpan.Start && end <= ongoing.Block.InnerSpan.End + ongoing.Delta)
            edit = ongoing;
        if (edit is null) return null;

        if (removed.Contains('\r') || insert.Contains('\r')) return null;
        // A line break typed or deleted in the block: every later line moves, so the map is made
        // again (from the whole text, which that version then keeps).
        newLines ??= LineMap.Create(text.ToString());
        var edited = BlockEdits.EditedLinesSpan(text, newLines, start, insert.Length);
        if (!BlockEdits.Qualifies(removed, insert, text.Substring(edited.Start, edited.Length))) return null;
        return edit with { Delta = edit.Delta + insert.Length - (end - start) };
    }

    private static bool Same(RuleSettings a, RuleSettings b) =>
        a.Overrides.Count == b.Overrides.Count && a.Overrides.All(p => b.Overrides.TryGetValue(p.Key, out var s) && s == p.Value);

    private int Next() => Interlocked.Increment(ref _generation);
}
