using System.Collections.Concurrent;
using OrbitLsp.Core.Ide;
using OrbitLsp.LanguageServer.Documents;
using OrbitLsp.LanguageServer.Lifecycle;
using OrbitLsp.LanguageServer.Protocol;
using OrbitLsp.LanguageServer.Transport;
using Ide = OrbitLsp.Core.Ide;
using Lsp = OrbitLsp.LanguageServer.Protocol;

namespace OrbitLsp.LanguageServer.Features.SemanticTokens;

/// <summary>
/// <c>textDocument/semanticTokens/full</c>, <c>/full/delta</c> and <c>/range</c>. The last full
/// result of each note is kept by its resultId, so a delta can be sent against it. Tokens are
/// only on the lines of review blocks, which a prose edit never touches: a prose edit not yet
/// analysed is answered from the analysed version it was typed on
/// (<see cref="DocumentSnapshot.ProseSource"/>), whose whole-note encoding is made once, so typing
/// prose costs neither an analysis nor a new array per request (for a 1 MB note about 0.8 MB).
/// A block edit's whole-note tokens are its basis's with the edited block's lines encoded again
/// from the block read again (<see cref="DocumentSnapshot.EditedBlock"/>), kept as pieces of the
/// basis's array (<see cref="EncodedTokens"/>): typing a card costs neither an analysis of the note
/// nor a copy of its array, and the delta against the previous result compares only what lies
/// between the pieces both share.
/// </summary>
public sealed class SemanticTokensHandler(DocumentStore documents, ServerState state)
{
    private readonly ConcurrentDictionary<string, (string ResultId, EncodedTokens Data)> _last = new(StringComparer.Ordinal);
    private long _nextId;

    public static SemanticTokensOptions Options => new(
        new SemanticTokensLegend(SemanticTokenLegend.TokenTypes, SemanticTokenLegend.TokenModifiers), Range: true, new SemanticTokensFullOptions(Delta: true));

    public async Task<Lsp.SemanticTokens> FullAsync(SemanticTokensParams p, CancellationToken ct)
    {
        var (uri, data) = await EncodeAsync(p.TextDocument, null, ct).ConfigureAwait(false);
        return new Lsp.SemanticTokens(data.ToArray(), Remember(uri, data));
    }

    /// <summary>Edits against the previous result when the client has it, else a full result.</summary>
    public async Task<object> DeltaAsync(SemanticTokensDeltaParams p, CancellationToken ct)
    {
        var (uri, data) = await EncodeAsync(p.TextDocument, null, ct).ConfigureAwait(false);
        bool known = _last.TryGetValue(uri, out var previous) && previous.ResultId == p.PreviousResultId;
        string resultId = Remember(uri, data);
        if (!known) return new Lsp.SemanticTokens(data.ToArray(), resultId);
        var edits = Ide.SemanticTokens.Delta(previous.Data, data);
        var sent = new Lsp.SemanticTokensEdit[edits.Length];
        for (int i = 0; i < sent.Length; i++)
            sent[i] = new Lsp.SemanticTokensEdit(edits[i].Start, edits[i].DeleteCount, System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsArray(edits[i].Data)!);
        return new SemanticTokensDelta(resultId, sent);
    }

    public async Task<Lsp.SemanticTokens> RangeAsync(SemanticTokensRangeParams p, CancellationToken ct)
    {
        var (_, data) = await EncodeAsync(p.TextDocument, p.Range, ct).ConfigureAwait(false);
        return new Lsp.SemanticTokens(data.ToArray());
    }

    private async Task<(string Uri, EncodedTokens Data)> EncodeAsync(TextDocumentIdentifier document, Lsp.Range? range, CancellationToken ct)
    {
        var snapshot = documents.Require(document);
        if (!snapshot.IsNote) return (snapshot.Uri, new EncodedTokens([]));
        // Off the connection's dispatch before any work, the block edit's shortcut too: the next keystroke may be waiting.
        await ThreadPoolSwitch.Instance;
        if (range is null && FromBlockEdit(snapshot, state.Encoder, WholeOf) is { } quick) return (snapshot.Uri, quick);
        var (source, analysis) = await snapshot.AnalyzeProseSourceAsync(ct).ConfigureAwait(false);
        var encoder = state.Encoder;
        return (snapshot.Uri, new EncodedTokens(range is null ? WholeOf(source, analysis) : Encode(source, analysis, encoder, range)));
    }

    /// <summary>The whole-note encoding of an analysed version, made once (kept as long as its analysis is, see <see cref="AnalysisProducts"/>).</summary>
    private int[] WholeOf(DocumentSnapshot source, Core.Analysis.NoteAnalysis analysis) =>
        AnalysisProducts.Of(analysis).Get(("semantic tokens", source.Uri, state.Encoder), () => Encode(source, analysis, state.Encoder, null));

    /// <summary>
    /// The whole-note tokens of a block edit that moved no line, without its analysis: the basis's
    /// encoding (<paramref name="wholeOf"/> gives it) with the tokens on the edited block's lines
    /// replaced by those of the block read again. Null when it is not such a version, or another
    /// block stands on the edited block's first or last line.
    /// </summary>
    public static EncodedTokens? FromBlockEdit(DocumentSnapshot snapshot, PositionEncoder encoder, Func<DocumentSnapshot, Core.Analysis.NoteAnalysis, int[]> wholeOf)
    {
        if (snapshot.EditedBlock is not { SharesLines: false } edited) return null;
        var basis = wholeOf(edited.Basis, edited.Basis.Analysis);
        var alone = edited.Alone;
        var tokens = Ide.SemanticTokens.For(alone);
        var own = ReferenceEquals(encoder, PositionEncoder.Utf16)
            ? Ide.SemanticTokens.Encode(tokens, alone.Lines)
            : EncodeWith(encoder, tokens, alone.Lines, alone.Text);
        return Ide.SemanticTokens.ReplaceLines(basis, edited.FirstLine, edited.LastLine, own);
    }

    /// <summary>The encoded tokens of <paramref name="source"/> (whose analysis is <paramref name="analysis"/>), of the whole note or overlapping <paramref name="range"/>.</summary>
    public static int[] Encode(DocumentSnapshot source, Core.Analysis.NoteAnalysis analysis, PositionEncoder encoder, Lsp.Range? range)
    {
        var span = range is null ? (Core.Text.TextSpan?)null : encoder.ToSpan(source.Lines, source.Text, range);
        var tokens = Ide.SemanticTokens.For(analysis, span);
        return ReferenceEquals(encoder, PositionEncoder.Utf16)
            ? Ide.SemanticTokens.Encode(tokens, source.Lines)
            : EncodeWith(encoder, tokens, source.Lines, source.Text);
    }

    /// <summary>The same relative encoding with positions and lengths in the negotiated encoding (UTF-8).</summary>
    private static int[] EncodeWith(PositionEncoder encoder, IReadOnlyList<SemanticToken> tokens, Core.Text.LineMap lines, string text)
    {
        var data = new int[tokens.Count * 5];
        int prevLine = 0, prevChar = 0;
        for (int i = 0; i < tokens.Count; i++)
        {
            var start = encoder.ToPosition(lines, text, tokens[i].Span.Start);
            var end = encoder.ToPosition(lines, text, tokens[i].Span.End);
            data[i * 5] = start.Line - prevLine;
            data[i * 5 + 1] = start.Line == prevLine ? start.Character - prevChar : start.Character;
            data[i * 5 + 2] = end.Character - start.Character;
            data[i * 5 + 3] = (int)tokens[i].Type;
            data[i * 5 + 4] = (int)tokens[i].Modifiers;
            (prevLine, prevChar) = (start.Line, start.Character);
        }
        return data;
    }

    private string Remember(string uri, EncodedTokens data)
    {
        string id = Interlocked.Increment(ref _nextId).ToString();
        _last[uri] = (id, data);
        documents.DropClosed(_last);
        return id;
    }
}
