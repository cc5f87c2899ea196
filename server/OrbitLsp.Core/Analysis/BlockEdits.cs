using System.Collections.Immutable;
using OrbitLsp.Core.Analysis.Checks;
using OrbitLsp.Core.Diagnostics;
using OrbitLsp.Core.Model;
using OrbitLsp.Core.Syntax;
using OrbitLsp.Core.Text;

namespace OrbitLsp.Core.Analysis;

/// <summary>
/// Checks a note again after edits that stay inside the prompt lines of one <c>orbit_review</c>
/// block, by reading that block again instead of the whole note: what an author types while
/// writing cards. Everything outside the block keeps its diagnostics (moved by the edits' length),
/// the block gets its own from scratch and duplicate prompts are compared over the whole note again.
/// The result equals a fresh analysis of the new text; the tests compare the two on every fixture.
/// </summary>
/// <remarks>
/// Edits qualify when they hold no '\r' (line breaks may be typed or deleted: every line after the
/// edit moves alike, and the suppression comments are read again) and none of <c>{{</c>,
/// <c>&lt;!--</c> and <c>--&gt;</c> is on the lines they leave (no shortcode call or comment can
/// start there, nor a comment opened before the block end there). The block
/// must be a closed, top-level <c>orbit_review</c> in the note's body (after any front matter, which must be closed), with tags Hugo can read and no calls inside, that
/// no other block overlaps and no call Hugo cannot read comes before; and the next block must not be indented (an indented code block could
/// then begin or end with this block's lines).
/// </remarks>
public static class BlockEdits
{
    /// <summary>The block an edit of [start, end) of the analysed text lies in, if it qualifies; else null.</summary>
    public static ReviewBlock? BlockFor(NoteAnalysis basis, int start, int end)
    {
        var doc = basis.Document;
        var blocks = doc.Blocks;
        int lo = 0, hi = blocks.Length - 1, found = -1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            if (blocks[mid].Span.Start <= start) { found = mid; lo = mid + 1; }
            else hi = mid - 1;
        }
        if (found < 0) return null;
        // Blocks are in order of their starts: the candidate is the last one starting at or before
        // the edit; an earlier block reaching over it would overlap, which disqualifies anyway.
        var block = blocks[found];
        if (block.Form != BlockForm.Shortcode || block.Parent is not null || block.Placement != BlockPlacement.Body
            || !block.IsClosed || block.IsSelfClosed || block.Close is null || block.Open is null
            || block.Open.SyntaxError is not null || block.Close.SyntaxError is not null
            || block.InnerCalls.Length > 0 || block.NestedBlocks.Length > 0
            || start < block.InnerSpan.Start || end > block.InnerSpan.End)
            return null;
        for (int i = 0; i < found; i++)
            if (blocks[i].Span.End > block.Span.Start) return null;
        // Front matter left open runs to the end of the note (JSON to its matching brace, YAML and
        // TOML to their closing line): a brace or a delimiter line typed in the block can close it.
        if (doc.FrontMatter is { IsClosed: false } open && open.Span.End > block.Span.Start) return null;
        // A call Hugo cannot read is read leniently, looking ahead for where it might end, so text
        // typed after it (a '%' in this block, found by fuzzing) can change it.
        foreach (var call in doc.Calls)
        {
            if (call.Span.Start >= block.Span.Start) break;
            if (call.SyntaxError is not null) return null;
        }
        if (found + 1 < blocks.Length)
        {
            var next = blocks[found + 1];
            if (next.Span.Start < block.Span.End) return null;
            int line = doc.Lines.GetLine(next.Span.Start);
            var ahead = doc.Text.AsSpan(doc.Lines.LineStart(line), next.Span.Start - doc.Lines.LineStart(line));
            if (ahead.Length - ahead.TrimStart(" \t").Length >= 4 || ahead.Contains('\t')) return null;
        }
        // A comment (a suppression comment is read wherever it is) can end at a "-->" in the block.
        var inner = doc.Text.AsSpan(block.InnerSpan.Start, block.InnerSpan.Length);
        if (inner.Contains("<!--", StringComparison.Ordinal) || inner.Contains("-->", StringComparison.Ordinal)) return null;
        return block;
    }

    /// <summary>
    /// True when replacing <paramref name="removed"/> by <paramref name="insert"/>, leaving
    /// <paramref name="newLines"/> as the text of the lines the edit touched (from the start of the
    /// first to the end of the last), keeps the edit a block edit.
    /// </summary>
    public static bool Qualifies(ReadOnlySpan<char> removed, ReadOnlySpan<char> insert, ReadOnlySpan<char> newLines) =>
        !removed.Contains('\r') && !insert.Contains('\r')
        && !newLines.Contains("{{", StringComparison.Ordinal) && !newLines.Contains("<!--", StringComparison.Ordinal)
        && !newLines.Contains("-->", StringComparison.Ordinal);

    /// <summary>The text of the lines an edit leaves, from the start of the first to the end of the last.</summary>
    public static ReadOnlySpan<char> EditedLines(string newText, LineMap newLines, int start, int insertLength)
    {
        var span = EditedLinesSpan(new StringChars(newText), newLines, start, insertLength);
        return newText.AsSpan(span.Start, span.Length);
    }

    /// <summary>Where <see cref="EditedLines"/> are in the new text.</summary>
    public static TextSpan EditedLinesSpan<TText>(TText newText, LineMap newLines, int start, int insertLength) where TText : ITextChars =>
        TextSpan.FromBounds(newLines.LineStart(newLines.GetLine(start)), newLines.LineEnd(newLines.GetLine(start + insertLength), newText));

    /// <summary>
    /// The diagnostics of <paramref name="text"/>: the basis's text with the inner text of
    /// <paramref name="block"/> edited so that it is now <paramref name="delta"/> code units longer,
    /// by qualifying edits only. <paramref name="lines"/> is the new text's line map. Null when the
    /// closing tag is not where the edits put it, or when lines were added or removed and a later
    /// diagnostic's message names a line (the caller then analyses the whole note).
    /// </summary>
    public static ImmutableArray<NoteDiagnostic>? Recheck(NoteAnalysis basis, ReviewBlock block, string text, LineMap lines, int delta) =>
        Recheck(basis, block, text, 0, lines, delta);

    /// <summary>
    /// The part of the new text <see cref="Recheck(NoteAnalysis, ReviewBlock, string, int, LineMap, int)"/>
    /// needs when no line was added or removed: the block's lines, from the start of its first to
    /// the end of its last (line break included).
    /// </summary>
    public static TextSpan WindowOf(ReviewBlock block, LineMap newLines, int delta) =>
        TextSpan.FromBounds(newLines.LineStart(newLines.GetLine(block.Span.Start)), newLines.LineEndIncludingBreak(newLines.GetLine(block.Span.End + delta)));

    /// <summary>
    /// <see cref="Recheck(NoteAnalysis, ReviewBlock, string, LineMap, int)"/> given only the part of
    /// the new text that starts at <paramref name="textStart"/> (<see cref="WindowOf"/>), so a large
    /// note's text need not be built for every keystroke. With lines added or removed the whole
    /// new text is needed (the suppression comments are read again): null otherwise.
    /// </summary>
    public static ImmutableArray<NoteDiagnostic>? Recheck(NoteAnalysis basis, ReviewBlock block, string text, int textStart, LineMap lines, int delta) =>
        Reread(basis, block, text, textStart, lines, delta) is { } alone ? Recheck(basis, block, alone, textStart, lines, delta) : null;

    /// <summary>
    /// The same, given the block already read again (<see cref="Reread"/> of the same arguments,
    /// <paramref name="alone"/>), so a caller that keeps it for other features does not read it twice.
    /// </summary>
    public static ImmutableArray<NoteDiagnostic>? Recheck(NoteAnalysis basis, ReviewBlock block, NoteDocument alone, int textStart, LineMap lines, int delta)
    {
        var old = basis.Document;
        int w = textStart;
        bool linesMoved = lines.LineCount != old.Lines.LineCount;
        var rebuilt = alone.Blocks[0];
        var own = new List<NoteDiagnostic>();
        NoteAnalyzer.CallAndBlockChecks(alone, own);
        CheckPromptText.TextOf(rebuilt, own);
        var found = w == 0 ? own : own.ConvertAll(d => Shifted(d, w));
        CheckPromptText.Duplicates(old.Blocks.SetItem(block.Index, rebuilt), b => b.Index == block.Index ? w : b.Index > block.Index ? delta : 0, lines, found);
        // Line breaks typed or deleted moved the comments after the block: then they are read where
        // they are now (what they say of the rest was applied to the basis's diagnostics, which keep
        // their places relative to them; unknown rule names in them were reported there too).
        var suppressions = linesMoved ? Suppressions.Read(alone, []) : basis.Suppressions;

        // The rest keeps what the basis found, moved along when it comes after the block.
        var kept = new List<NoteDiagnostic>(basis.Diagnostics.Length);
        foreach (var d in basis.Diagnostics)
        {
            if (d.Rule == Rules.DuplicatePrompt) continue;
            if (block.Span.Contains(d.Span) && !(d.Span.IsEmpty && d.Span.Start == block.Span.End)) continue;
            if (Moved(d.Span, block.Span, delta) is not { } span) return null;
            // An unanswered prompt's message names the line that shifted its block, and a shift found
            // by the questions' rhythm names lines too: after the edited block, those numbers are out
            // of date once lines were added or removed.
            if (linesMoved && d.Span.Start >= block.Span.End
                && ((d.Rule == Rules.UnansweredPrompt && !d.Related.IsDefaultOrEmpty) || d.Rule == Rules.QuestionInAnswerPlace)) return null;
            var related = d.Related;
            if (!related.IsDefaultOrEmpty && delta != 0)
            {
                var builder = ImmutableArray.CreateBuilder<RelatedPlace>(related.Length);
                foreach (var r in related)
                {
                    if (r.File is not null) { builder.Add(r); continue; }
                    if (Moved(r.Span, block.Span, delta) is not { } rs) return null;
                    builder.Add(r with { Span = rs });
                }
                related = builder.MoveToImmutable();
            }
            kept.Add(span == d.Span && related == d.Related ? d : d with { Span = span, Related = related });
        }
        return NoteAnalyzer.Configured(found, basis.Settings, suppressions, lines, kept);
    }

    /// <summary>
    /// The edited block read again from the new text, alone in a document of the part of the text
    /// <paramref name="text"/> holds (from <paramref name="textStart"/>; line numbers stay the whole
    /// note's): its one block is the block as a fresh analysis reads it, at offsets counted from
    /// <paramref name="textStart"/>. Null where <see cref="Recheck(NoteAnalysis, ReviewBlock, string, int, LineMap, int)"/>
    /// gives up for the block itself: a closing or opening tag not where the edits put it, or
    /// lines added or removed with only a part of the text given.
    /// </summary>
    public static NoteDocument? Reread(NoteAnalysis basis, ReviewBlock block, string text, int textStart, LineMap lines, int delta)
    {
        var old = basis.Document;
        var close = block.Close!;
        var open = block.Open!;
        int w = textStart;
        bool linesMoved = lines.LineCount != old.Lines.LineCount;
        if (w < 0 || open.Span.Start < w || linesMoved && w != 0) return null;
        if (close.Span.End + delta - w > text.Length || close.Span.Start + delta < block.InnerSpan.Start) return null;
        var relexed = ShortcodeLexer.Lex(text, close.Span.Start + delta - w, close.Span.End + delta - w);
        if (relexed is not [{ } closeNow] || closeNow.Span != close.Span.Shift(delta - w) || !closeNow.IsClosing || closeNow.Name != close.Name)
            return null;
        // The opening tag read again where the part puts it: its text is the basis's.
        if (w != 0)
        {
            if (ShortcodeLexer.Lex(text, open.Span.Start - w, open.Span.End - w) is not [{ } openNow] || openNow.Span != open.Span.Shift(-w) || openNow.Name != open.Name)
                return null;
            open = openNow;
        }

        var rebuilt = ShortcodeBlockReader.Build(text, open, closeNow, [], [], closeNow.Span.Start);
        rebuilt.Placement = BlockPlacement.Body;
        rebuilt.Index = block.Index;
        return new NoteDocument
        {
            Text = text, Lines = w == 0 ? lines : lines.Window(w, w + text.Length), BodyStart = Math.Max(0, old.BodyStart - w),
            Calls = [open, closeNow], Blocks = [rebuilt],
        };
    }

    /// <summary>A diagnostic found in a part of the text that starts at <paramref name="by"/>, placed in the whole text.</summary>
    private static NoteDiagnostic Shifted(NoteDiagnostic d, int by) => d with
    {
        Span = d.Span.Shift(by),
        Related = d.Related.IsDefaultOrEmpty ? d.Related : [.. d.Related.Select(r => r.File is null ? r with { Span = r.Span.Shift(by) } : r)],
    };

    /// <summary>A span outside the edited block, where it is after the edits; null for one reaching into the block.</summary>
    private static TextSpan? Moved(TextSpan span, TextSpan block, int delta) =>
        span.End <= block.Start ? span
        : span.Start >= block.End ? span.Shift(delta)
        : null;
}
