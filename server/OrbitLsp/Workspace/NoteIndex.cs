using System.Collections.Concurrent;
using System.Collections.Immutable;
using OrbitLsp.Core.Analysis;
using OrbitLsp.Core.Config;
using OrbitLsp.Core.Diagnostics;
using OrbitLsp.Core.Ide;
using OrbitLsp.Core.Text;

namespace OrbitLsp.Workspace;

/// <summary>Another place a diagnostic points at; <see cref="File"/> is null for the note itself.</summary>
public sealed record IndexedPlace(string? File, TextRange Range, string Message);

/// <summary>One problem of an indexed note, already placed in lines and characters.</summary>
public sealed record IndexedDiagnostic(Rule Rule, Severity Severity, TextRange Range, string Message, ImmutableArray<IndexedPlace> Related);

/// <summary>
/// What the index keeps of one note: its problems, its questions (for the workspace search) and
/// how OL090 applies to it, but neither its text nor its analysis. <see cref="Stamp"/> changes
/// whenever the note is indexed again.
/// </summary>
public sealed record IndexedNote(string Key, long Stamp, ImmutableArray<IndexedDiagnostic> Diagnostics, IndexedQuestions Questions,
    Severity? DuplicateSeverity, ImmutableArray<TextPosition> DuplicateSuppressedAt);

/// <summary>What the index keeps of one note, before it is recorded (see <see cref="NoteIndex.Compute"/>).</summary>
public sealed record NoteEntry(string Key, ImmutableArray<IndexedDiagnostic> Diagnostics, IndexedQuestions Questions, Severity? DuplicateSeverity,
    ImmutableArray<TextPosition> DuplicateSuppressedAt, IReadOnlyList<PromptIndex.PromptHash> Prompts);

/// <summary>
/// The notes of a workspace, each reduced to what checks across notes need: the published prompts
/// (in <see cref="Prompts"/>, for OL090), the note's own problems and its questions. Shared by
/// <c>orbitlsp check</c> and the language server. Thread-safe; a key is a file path (or, for a
/// note that exists only in an editor, its URI).
/// </summary>
/// <param name="keepQuestions">Keep each note's questions for the workspace search (the command line does not search).</param>
/// <param name="rangeOf">Converts a span to the positions the index is read in (UTF-16 line and character when not given).</param>
public sealed class NoteIndex(bool keepQuestions = true, Func<NoteAnalysis, TextSpan, TextRange>? rangeOf = null)
{
    private readonly ConcurrentDictionary<string, IndexedNote> _notes = new(StringComparer.Ordinal);
    private long _stamp;

    public PromptIndex Prompts { get; } = new();

    /// <summary>Bumped on every change: a reader that saw the same value saw the same index.</summary>
    public long Version => Interlocked.Read(ref _stamp);

    public int Count => _notes.Count;

    public IndexedNote? Get(string key) => _notes.GetValueOrDefault(key);

    public ICollection<IndexedNote> Notes => _notes.Values;

    public IEnumerable<string> Keys => _notes.Keys;

    /// <summary>Records a note from its analysis.</summary>
    public IndexedNote Set(string key, NoteAnalysis analysis) => Set(Compute(key, analysis));

    /// <summary>
    /// What the index keeps of a note, from its analysis, without recording it: the indexing
    /// process (<see cref="IndexWorker"/>) computes it and the server records it.
    /// </summary>
    public NoteEntry Compute(string key, NoteAnalysis analysis)
    {
        Func<TextSpan, TextRange> range = rangeOf is null ? analysis.Document.GetRange : span => rangeOf(analysis, span);
        var diagnostics = ImmutableArray.CreateBuilder<IndexedDiagnostic>(analysis.Diagnostics.Length);
        foreach (var d in analysis.Diagnostics)
        {
            var related = d.Related.IsDefaultOrEmpty ? [] : d.Related.Select(r => new IndexedPlace(r.File, r.File is not null && r.Range is { } other ? other : range(r.Span), r.Message)).ToImmutableArray();
            diagnostics.Add(new IndexedDiagnostic(d.Rule, d.Severity, range(d.Span), d.Message, related));
        }
        var severity = analysis.Settings.SeverityOf(Rules.DuplicateAcrossNotes);
        var suppressed = ImmutableArray<TextPosition>.Empty;
        if (severity is not null)
            foreach (var p in PromptIndex.PublishedPrompts(analysis.Document))
                if (analysis.IsSuppressed(Rules.DuplicateAcrossNotes.Code, p.Span.Start)) suppressed = suppressed.Add(range(p.Span).Start);
        return new NoteEntry(key, diagnostics.MoveToImmutable(), keepQuestions ? IndexedQuestions.Of(analysis, range) : IndexedQuestions.Empty,
            severity, suppressed, PromptIndex.Hashes(analysis, range));
    }

    /// <summary>Records a note as <see cref="Compute"/> or <see cref="Unreadable"/> gave it.</summary>
    public IndexedNote Set(NoteEntry entry)
    {
        var note = new IndexedNote(entry.Key, Interlocked.Increment(ref _stamp), entry.Diagnostics, entry.Questions, entry.DuplicateSeverity, entry.DuplicateSuppressedAt);
        Prompts.Set(entry.Key, entry.Prompts);
        while (true)
        {
            if (_notes.TryGetValue(entry.Key, out var old))
            {
                if (!_notes.TryUpdate(entry.Key, note, old)) continue;
                Retire(old, note);
            }
            else if (!_notes.TryAdd(entry.Key, note)) continue;
            return note;
        }
    }

    /// <summary>Records a note that cannot be read: one OL082 problem, no prompts.</summary>
    public IndexedNote SetUnreadable(string key, string error, RuleSettings settings) => Set(Unreadable(key, error, settings));

    /// <summary>What the index keeps of a note that cannot be read: one OL082 problem, no prompts.</summary>
    public static NoteEntry Unreadable(string key, string error, RuleSettings settings)
    {
        var problems = settings.SeverityOf(Rules.UnreadableFile) is { } severity
            ? [new IndexedDiagnostic(Rules.UnreadableFile, severity, default, $"Cannot check this note: {error}", [])]
            : ImmutableArray<IndexedDiagnostic>.Empty;
        return new NoteEntry(key, problems, IndexedQuestions.Empty, null, [], []);
    }

    /// <summary>Reads a note from disk and records it (or its read error). Never throws.</summary>
    public IndexedNote SetFromDisk(string path, RuleSettings settings) => Set(ComputeFromDisk(path, settings));

    /// <summary>What the index keeps of a note on disk (or of its read error), without recording it. Never throws.</summary>
    public NoteEntry ComputeFromDisk(string path, RuleSettings settings)
    {
        var (text, error) = NoteReader.Read(path);
        return text is null ? Unreadable(path, error!, settings) : Compute(path, NoteAnalyzer.Analyze(text, settings));
    }

    public bool Remove(string key)
    {
        Prompts.Remove(key);
        bool removed = _notes.TryRemove(key, out var old);
        if (old is not null) Retire(old, null);
        Interlocked.Increment(ref _stamp);
        return removed;
    }

    /// <summary>Frees what a replaced or removed note kept outside the heap (its questions; a search reading them finishes first).</summary>
    private static void Retire(IndexedNote old, IndexedNote? replacement)
    {
        if (!ReferenceEquals(old.Questions, replacement?.Questions)) old.Questions.Dispose();
    }

    /// <summary>OL090 for an indexed note: each of its prompts another indexed note publishes too, unless turned off or suppressed.</summary>
    public ImmutableArray<IndexedDiagnostic> DuplicatesOf(IndexedNote note)
    {
        if (note.DuplicateSeverity is not { } severity) return [];
        var result = ImmutableArray.CreateBuilder<IndexedDiagnostic>();
        foreach (var (_, range, otherFile, otherRange, notes) in Prompts.DuplicatesOf(note.Key))
        {
            if (note.DuplicateSuppressedAt.Contains(range.Start)) continue;
            result.Add(new IndexedDiagnostic(Rules.DuplicateAcrossNotes, severity, range, PromptIndex.Message(otherFile, notes),
                [new IndexedPlace(otherFile, otherRange, "the same prompt in another note")]));
        }
        result.Sort((a, b) => a.Range.Start.CompareTo(b.Range.Start));
        return result.ToImmutable();
    }
}
