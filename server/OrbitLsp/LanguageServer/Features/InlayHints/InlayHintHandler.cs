using OrbitLsp.Core.Analysis;
using OrbitLsp.Core.Ide;
using OrbitLsp.Core.Text;
using OrbitLsp.LanguageServer.Documents;
using OrbitLsp.LanguageServer.Lifecycle;
using OrbitLsp.LanguageServer.Protocol;
using OrbitLsp.LanguageServer.Transport;

namespace OrbitLsp.LanguageServer.Features.InlayHints;

/// <summary>
/// <c>textDocument/inlayHint</c>: <c>Q1</c>, <c>A1</c>, <c>Q2</c> … before the prompt lines in the range.
/// VS Code asks about 25 ms after each keystroke (and again 800 ms later): a keystroke's version
/// is answered, where it can be, from the analysed version it was typed on, as its diagnostics
/// are, so typing does not make the server analyse the whole note for its hints (for a 1 MB note
/// a 2 MB string and the model, each keystroke, most of what the collector then has to do).
/// </summary>
public sealed class InlayHintHandler(DocumentStore documents, ServerState state)
{
    public async Task<InlayHint[]> HandleAsync(InlayHintParams p, CancellationToken ct)
    {
        var snapshot = documents.Require(p.TextDocument);
        if (!snapshot.IsNote || p.Range is null) return [];
        // Off the connection's dispatch before any work, the block edit's shortcut too: the next keystroke may be waiting.
        await ThreadPoolSwitch.Instance;
        if (FromBlockEdit(snapshot, state.Encoder, p.Range) is { } quick) return quick;
        var (source, analysis) = await snapshot.AnalyzeProseSourceAsync(ct).ConfigureAwait(false);
        return For(source, analysis, state.Encoder, p.Range);
    }

    /// <summary>The hints of <paramref name="source"/> in <paramref name="range"/>, from its <paramref name="analysis"/>.</summary>
    public static InlayHint[] For(DocumentSnapshot source, NoteAnalysis analysis, PositionEncoder encoder, Protocol.Range range) =>
        [.. Hints(analysis.Document, encoder.ToSpan(source.Lines, source.Text, range), source.Lines, source.Text, encoder, exceptBlock: -1)];

    /// <summary>
    /// The hints of a version typed inside one review block (<see cref="DocumentSnapshot.BlockEdit"/>)
    /// that added or removed no line, without its analysis: every other block's are the analysed
    /// version's, at the same positions (their lines are where and as they were); the edited block's
    /// come from reading its lines again (<see cref="DocumentSnapshot.EditedBlock"/>). Null when that is not
    /// such a version, or the block cannot be read again alone: the caller analyses it.
    /// </summary>
    public static InlayHint[]? FromBlockEdit(DocumentSnapshot snapshot, PositionEncoder encoder, Protocol.Range range)
    {
        if (snapshot.EditedBlock is not { } edited) return null;
        var basis = edited.Basis;
        var alone = edited.Alone;
        var others = Hints(basis.Analysis.Document, encoder.ToSpan(basis.Lines, basis.Text, range), basis.Lines, basis.Text, encoder, exceptBlock: edited.Index);
        // The edited block's hints all lie on its own lines, at their starts: kept when their position is in the range.
        var own = Hints(alone, new TextSpan(0, alone.Text.Length), alone.Lines, alone.Text, encoder, exceptBlock: -1)
            .Where(h => Compare(range.Start, h.Position) <= 0 && Compare(h.Position, range.End) <= 0);
        return [.. others.Concat(own).OrderBy(h => h.Position.Line).ThenBy(h => h.Position.Character)];
    }

    private static IEnumerable<InlayHint> Hints(Core.Model.NoteDocument doc, TextSpan visible, LineMap lines, string text, PositionEncoder encoder, int exceptBlock) =>
        Core.Ide.InlayHints.For(doc, visible).Where(h => h.BlockIndex != exceptBlock).Select(h => new InlayHint
        {
            Position = encoder.ToPosition(lines, text, h.Offset),
            Label = h.Label,
            Tooltip = h.Tooltip,
            PaddingRight = true,
        });

    private static int Compare(Position a, Position b) => a.Line != b.Line ? a.Line.CompareTo(b.Line) : a.Character.CompareTo(b.Character);
}
