using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using OrbitLsp.Core.Analysis;
using OrbitLsp.Core.Config;
using OrbitLsp.Core.Diagnostics;
using OrbitLsp.Core.Model;
using OrbitLsp.Core.Text;
using OrbitLsp.LanguageServer.Transport;

namespace OrbitLsp.LanguageServer.Documents;

/// <summary>
/// One version of an open note, never changed: readers keep the snapshot they took while
/// changes make new ones. The analysis is computed at most once, on first use, on any thread.
/// </summary>
public sealed class DocumentSnapshot
{
    private readonly Lazy<NoteAnalysis> _analysis;
    private readonly Lazy<LineMap> _lines;
    private readonly Lazy<bool[]> _sensitiveLines;
    private readonly Lazy<ImmutableArray<NoteDiagnostic>> _diagnostics;

    public DocumentSnapshot(string uri, int version, string text, RuleSettings settings, int generation, string? divergedReason = null,
        DocumentSnapshot? basis = null, LineMap? lines = null, BlockEdit? blockEdit = null)
        : this(uri, version, text, null, settings, generation, divergedReason, basis, lines, blockEdit)
    {
    }

    private DocumentSnapshot(string uri, int version, string? text, SplicedText? spliced, RuleSettings settings, int generation, string? divergedReason,
        DocumentSnapshot? basis, LineMap? lines, BlockEdit? blockEdit)
    {
        _basis = basis;
        _blockEdit = blockEdit;
        IsTypedOnBasis = basis is not null;
        _sensitiveLines = new(() => ProseEdits.SensitiveLines(Analysis));
        Uri = uri;
        Version = version;
        _text = text;
        _spliced = spliced;
        Settings = settings;
        Generation = generation;
        DivergedReason = divergedReason;
        _analysis = new(() =>
        {
            var analysis = NoteAnalyzer.Analyze(Text, Settings);
            // Typed on its basis by prose edits only: what features made from the basis's analysis holds for this one.
            if (IsTypedOnBasis && Volatile.Read(ref _basis) is { IsAnalyzed: true } basis && ReferenceEquals(basis.Settings, Settings))
                AnalysisProducts.Share(analysis, basis.Analysis);
            // Analysed, this version is its own basis: it lets go of the older versions it was typed
            // on (each with its whole text and model), which would otherwise stay alive in a chain
            // as long as the note is open, one link per typing pause.
            Volatile.Write(ref _basis, null);
            Volatile.Write(ref _blockEdit, null);
            return analysis;
        }, LazyThreadSafetyMode.ExecutionAndPublication);
        _lines = new(() => lines ?? (_analysis.IsValueCreated ? _analysis.Value.Document.Lines : LineMap.Create(Text)));
        _diagnostics = new(Diagnose, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    private readonly string? _text;
    private readonly SplicedText? _spliced;

    public string Uri { get; }

    public int Version { get; }

    /// <summary>The whole text; for a version typed on another, made on first use (<see cref="SplicedText"/>).</summary>
    public string Text => _text ?? _spliced!.ToString();

    public int TextLength => _text?.Length ?? _spliced!.Length;

    /// <summary>[start, start + length) of the text, without making the whole of it.</summary>
    public string Slice(int start, int length) => _text?.Substring(start, length) ?? _spliced!.Substring(start, length);

    public char CharAt(int offset) => _text is not null ? _text[offset] : _spliced![offset];

    /// <summary>Where a line ends before its break (<see cref="LineMap.LineEnd"/>), without making the whole text.</summary>
    public int LineEnd(int line) => _text is not null ? Lines.LineEnd(line, _text) : Lines.LineEnd(line, _spliced!);

    /// <summary>The text's characters, without making the whole of it.</summary>
    public ITextChars Chars => _spliced ?? (ITextChars)new StringChars(_text!);

    /// <summary>
    /// The text of the next version, for an edit of [start, end): on this one's basis when this text
    /// is itself spliced (not yet made whole) and the replaced part stays small, else on this whole text.
    /// </summary>
    public SplicedText Spliced(int start, int end, string insert) =>
        (_spliced is { IsWhole: false } spliced ? spliced.With(start, end, insert) : null) ?? SplicedText.Of(Text, start, end, insert);

    private ImmutableArray<NoteDiagnostic> Diagnose()
    {
        if (!_analysis.IsValueCreated && BlockEdit is { } edit)
        {
            var lines = Lines;
            // Lines in place: the block's lines are all it needs, not the whole text, and the block
            // read again from them (EditedBlock) serves the features asked for after the keystroke too.
            var quick = EditedBlock is { } edited
                ? BlockEdits.Recheck(edit.Analysed.Analysis, edit.Block, edited.Alone, edited.Start, lines, edit.Delta)
                : BlockEdits.Recheck(edit.Analysed.Analysis, edit.Block, Text, lines, edit.Delta);
            if (quick is { } diagnostics) return diagnostics;
        }
        return Analysis.Diagnostics;
    }

    public RuleSettings Settings { get; }

    /// <summary>Bumped on every change of text or settings: (uri, generation) names one analysis.</summary>
    public int Generation { get; }

    /// <summary>Why the server no longer knows the client's text (a change it could not apply), or null.</summary>
    public string? DivergedReason { get; }

    public bool IsDiverged => DivergedReason is not null;

    /// <summary>
    /// An <c>.orbitlsp.yaml</c> opened in the editor (for completion), not a note: it is never
    /// analysed as Markdown, and its diagnostics are the file's own problems.
    /// </summary>
    public bool IsConfig => Uri.EndsWith("/" + OrbitConfig.FileName, StringComparison.Ordinal);

    /// <summary>A note the features work on: neither a settings file nor out of sync with the client.</summary>
    public bool IsNote => !IsConfig && !IsDiverged;

    public LineMap Lines => _lines.Value;

    public NoteAnalysis Analysis
    {
        get
        {
            var analysis = _analysis.Value;
            // The edited block read again holds the basis (its whole text and model): not needed now.
            if (Volatile.Read(ref _edited) is not null) Volatile.Write(ref _edited, null);
            return analysis;
        }
    }

    public bool IsAnalyzed => _analysis.IsValueCreated;

    /// <summary>
    /// For a version typed inside one review block since the last analysed one: that version and
    /// the block. Its diagnostics come from reading the block again (<see cref="BlockEdits"/>).
    /// Null once this version is analysed.
    /// </summary>
    public BlockEdit? BlockEdit => Volatile.Read(ref _blockEdit);

    private BlockEdit? _blockEdit;

    /// <summary>
    /// For a block edit not yet analysed that added or removed no line: its basis and its block read
    /// again alone, what the features typing asks for answer from (read once for all of them).
    /// Null otherwise, and once this version is analysed (its own analysis then answers).
    /// </summary>
    public EditedBlock? EditedBlock
    {
        get
        {
            if (IsAnalyzed) return null;
            var read = Volatile.Read(ref _edited);
            if (read is null)
            {
                var made = new StrongBox<EditedBlock?>(BlockEdit is { } edit ? Documents.EditedBlock.Read(this, edit) : null);
                read = Interlocked.CompareExchange(ref _edited, made, null) ?? made;
                // Analysed meanwhile: the basis it holds is let go (see Analysis).
                if (IsAnalyzed) Volatile.Write(ref _edited, null);
            }
            return read.Value;
        }
    }

    private StrongBox<EditedBlock?>? _edited;

    /// <summary>
    /// This version's own diagnostics (with the analysis's settings): from the block edit when it
    /// is one, else from the analysis. Equal either way; the block edit is much faster to get.
    /// </summary>
    public ImmutableArray<NoteDiagnostic> Diagnostics => _diagnostics.Value;

    public bool HasDiagnostics => _diagnostics.IsValueCreated;

    /// <summary>The diagnostics, computed off the caller's thread when not yet done.</summary>
    public Task DiagnoseAsync(CancellationToken cancellationToken) =>
        HasDiagnostics ? Task.CompletedTask : Task.Run(() => Diagnostics, cancellationToken).WaitAsync(cancellationToken);

    /// <summary>
    /// The snapshot whose diagnostics are this one's: itself, or for a prose edit (see
    /// <see cref="ProseEdits"/>) the analysed version it was typed on, until this one is analysed too.
    /// </summary>
    public DocumentSnapshot Basis => Volatile.Read(ref _basis) ?? this;

    private DocumentSnapshot? _basis;

    /// <summary>
    /// The version whose analysis answers, for this one, what is said about review blocks and the
    /// lines they stand on (inlay hints, hover): while this is a prose edit not yet analysed, the
    /// analysed version it was typed on, else itself. A prose edit (<see cref="ProseEdits"/>) keeps
    /// every line where it was and changes no line a block, call, region or diagnostic touches, so
    /// the basis's answers, at the basis's positions, are exactly this version's.
    /// </summary>
    public DocumentSnapshot ProseSource => !IsAnalyzed && Basis is { IsAnalyzed: true } basis ? basis : this;

    /// <summary><see cref="ProseSource"/> and its analysis (see <see cref="AnalyzeAsync"/>): what a feature that answers from it needs.</summary>
    public async Task<(DocumentSnapshot Source, NoteAnalysis Analysis)> AnalyzeProseSourceAsync(CancellationToken cancellationToken, bool smallWork = false)
    {
        var source = ProseSource;
        return (source, await source.AnalyzeAsync(cancellationToken, smallWork).ConfigureAwait(false));
    }

    /// <summary>A prose edit: made with the diagnostics of the version it was typed on (kept when it is analysed later).</summary>
    public bool IsTypedOnBasis { get; }

    /// <summary>For a snapshot that is its own basis: the lines a prose edit must not touch.</summary>
    public bool[] SensitiveLines => _sensitiveLines.Value;

    /// <summary>
    /// The analysis, for a feature that answers from it: the caller continues on the thread pool,
    /// never on the connection's dispatch, even when the analysis is already there, so the work a
    /// feature does with it (over a large note: tens of milliseconds for its tokens, lenses or
    /// symbols) does not hold up the next message (a keystroke's change and the pull of its
    /// diagnostics). A request cancelled by the time the analysis is there stops (the analysis,
    /// shared by every request of this version, is finished either way).
    /// </summary>
    /// <param name="smallWork">
    /// The feature's own work is small (one block's, as a hover's): with the analysis already
    /// there, it goes on where it was asked, the dispatch included. Moving it to another pool
    /// thread was half of a hover's median answer (0.14 against 0.07 ms).
    /// </param>
    public async Task<NoteAnalysis> AnalyzeAsync(CancellationToken cancellationToken, bool smallWork = false)
    {
        if (!IsAnalyzed) await Task.Run(() => Analysis, cancellationToken).WaitAsync(cancellationToken).ConfigureAwait(false);
        else if (smallWork) return Analysis;
        await ThreadPoolSwitch.Instance;
        cancellationToken.ThrowIfCancellationRequested();
        return Analysis;
    }

    public DocumentSnapshot With(int version, string text, int generation, DocumentSnapshot? basis = null, LineMap? lines = null, BlockEdit? blockEdit = null) =>
        new(Uri, version, text, null, Settings, generation, null, basis, lines, blockEdit);

    public DocumentSnapshot With(int version, SplicedText text, int generation, DocumentSnapshot? basis = null, LineMap? lines = null, BlockEdit? blockEdit = null) =>
        new(Uri, version, null, text, Settings, generation, null, basis, lines, blockEdit);

    public DocumentSnapshot WithSettings(RuleSettings settings, int generation) => new(Uri, Version, _text, _spliced, settings, generation, DivergedReason, null, null, null);

    public DocumentSnapshot Diverged(string reason, int generation) => new(Uri, Version, _text, _spliced, Settings, generation, reason, null, null, null);

    public override string ToString() => $"{Uri} v{Version} g{Generation}{(IsDiverged ? " (diverged)" : "")}";
}

/// <summary>Edits since <paramref name="Analysed"/> that all lie inside <paramref name="Block"/>, making its inner text <paramref name="Delta"/> longer.</summary>
public sealed record BlockEdit(DocumentSnapshot Analysed, ReviewBlock Block, int Delta);
