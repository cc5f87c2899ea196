using OrbitLsp.Core.Analysis;
using OrbitLsp.Core.Model;

namespace OrbitLsp.LanguageServer.Documents;

/// <summary>
/// A version typed inside one review block (<see cref="DocumentSnapshot.BlockEdit"/>) that added or
/// removed no line, seen as its analysed basis plus the edited block read again alone
/// (<see cref="BlockEdits.Reread"/>). Every line but the block's is where and as it was in
/// <see cref="Basis"/>, so what a feature says about the other blocks is the basis's, at the
/// basis's positions; what it says about the edited block comes from <see cref="Alone"/>, whose
/// text is the block's lines (from <see cref="Start"/>) and whose line numbers are the note's.
/// That is how the requests VS Code sends while an author types a card (semantic tokens, folding
/// ranges, symbols, inlay hints) are answered without analysing the note as a whole.
/// </summary>
/// <param name="FirstLine">The line of the block's opening tag.</param>
/// <param name="LastLine">The line of its closing tag.</param>
/// <param name="SharesLines">
/// Whether another block or the front matter stands on <see cref="FirstLine"/> or
/// <see cref="LastLine"/> too: then a feature that works line by line (semantic tokens) cannot
/// take those lines from one source alone.
/// </param>
public sealed record EditedBlock(DocumentSnapshot Basis, ReviewBlock Block, NoteDocument Alone, int Start, int FirstLine, int LastLine, bool SharesLines)
{
    /// <summary>The block's index in the note (the basis's blocks and a fresh analysis's alike).</summary>
    public int Index => Block.Index;

    /// <summary>The edited block as read again: <see cref="Alone"/>'s only block, at offsets counted from <see cref="Start"/>.</summary>
    public ReviewBlock Reread => Alone.Blocks[0];

    /// <summary>The view of <paramref name="snapshot"/>, a block edit; null when the lines moved or the block cannot be read alone.</summary>
    internal static EditedBlock? Read(DocumentSnapshot snapshot, BlockEdit edit)
    {
        var basis = edit.Analysed;
        var lines = snapshot.Lines;
        if (lines.LineCount != basis.Lines.LineCount) return null;
        var window = BlockEdits.WindowOf(edit.Block, lines, edit.Delta);
        string part = snapshot.Slice(window.Start, window.Length);
        if (BlockEdits.Reread(basis.Analysis, edit.Block, part, window.Start, lines, edit.Delta) is not { } alone) return null;
        var doc = basis.Analysis.Document;
        int first = doc.Lines.GetLine(edit.Block.Span.Start), last = doc.Lines.GetLine(edit.Block.Span.End);
        bool shares = doc.FrontMatter is { } fm && doc.Lines.GetLine(fm.Span.End) >= first
            || doc.Blocks.Any(other => other.Index != edit.Block.Index && (other.Span.Start < edit.Block.Span.Start
                ? doc.Lines.GetLine(other.Span.End) >= first
                : doc.Lines.GetLine(other.Span.Start) <= last));
        return new EditedBlock(basis, edit.Block, alone, window.Start, first, last, shares);
    }
}
