using System.Collections.Immutable;
using OrbitLsp.Core.Analysis;
using OrbitLsp.Core.Model;
using OrbitLsp.Core.Text;

namespace OrbitLsp.Core.Ide;

/// <summary>
/// Formats <c>orbit_review</c> blocks: no trailing spaces on their lines, one spelling of the
/// tags (<c>{{&lt; orbit_review color="x" &gt;}}</c>, <c>{{&lt; /orbit_review &gt;}}</c>, notation
/// kept), the prompt lines right after the opening tag, a blank line between pairs and none
/// inside a pair.
/// </summary>
/// <remarks>
/// The contract: the cards the page gets (question, answer, colour) are exactly the same before
/// and after, and so are the problems. A block whose pairing is broken (a shifted, unanswered or stray line, CRLF, a
/// nested block or another shortcode inside) only loses trailing spaces: moving its lines around
/// could hide the shift the author needs to see. Text outside review blocks is never touched:
/// in Markdown two trailing spaces are a line break. The one exception is the end of the file,
/// when the editor asks for it (<see cref="FinalNewlines"/>): line breaks there publish nothing
/// (unless something never closed runs up to them: then they are left alone).
/// </remarks>
public static class Formatter
{
    /// <summary>
    /// The edits, sorted and non-overlapping. With a range, only edits that lie on the lines the
    /// range touches; a block's blank lines are only rearranged when all that changes lies there.
    /// </summary>
    public static ImmutableArray<TextEdit> Format(NoteAnalysis analysis, TextSpan? range = null, FinalNewlines finalNewlines = default)
    {
        var edits = FormatOnce(analysis, range, finalNewlines, out bool endOfFile);
        if (edits.IsEmpty) return edits;
        if (UnclosedFrontMatter(analysis.Document) && !PublishesTheSame(analysis, edits)) return [];
        if (range is not null) return edits;
        // Settled only when the end of the file is in play: it changed, or it would change after these edits.
        return endOfFile || EndOfFile(Fixes.TextEdits.Apply(analysis.Document.Text, edits), finalNewlines) is not null
            ? Settled(analysis, edits, finalNewlines)
            : edits;
    }

    /// <summary>
    /// True when the note opens like front matter that is never closed: a line break the format
    /// adds can put a delimiter at the start of a line and close it, turning blocks into front
    /// matter (found by fuzzing: <c>---\n{{&lt;orbit_review &gt;}}---</c>, and the same after a
    /// byte-order mark, which Hugo skips like the blank lines before the delimiter). Such a note is
    /// checked by analysing the result.
    /// </summary>
    private static bool UnclosedFrontMatter(NoteDocument doc) => doc.FrontMatter is { IsClosed: false };

    private static ImmutableArray<TextEdit> FormatOnce(NoteAnalysis analysis, TextSpan? range, FinalNewlines finalNewlines, out bool endOfFile)
    {
        var doc = analysis.Document;
        var edits = new List<TextEdit>();
        int from = 0, to = doc.Text.Length;
        if (range is { } selected)
        {
            // What lies before the first line and after the last line's break stays as it is.
            from = doc.Lines.LineStart(doc.Lines.GetLine(selected.Start));
            to = doc.Lines.LineEndIncludingBreak(doc.Lines.GetLine(selected.End));
        }
        bool InRange(TextEdit e) =>
            e.Span.Start >= from && e.Span.End <= to && !(e.Span.IsEmpty && e.Span.Start == to && to < doc.Text.Length);
        bool Changes(TextEdit e) => !doc.Text.AsSpan(e.Span.Start, e.Span.Length).SequenceEqual(e.NewText);

        var diagnostics = new DiagnosticLookup(analysis.Diagnostics);
        var misread = MisreadSpans(doc);
        bool Misread(TextSpan span) => misread.Exists(m => m.OverlapsWith(span));
        bool Kept(TextEdit e) => InRange(e) && !Misread(e.Span);
        foreach (var block in doc.Blocks)
        {
            if (block.Form != BlockForm.Shortcode || block.IsSelfClosed) continue;
            if (block.Placement is BlockPlacement.Nested or BlockPlacement.FrontMatter) continue;
            if (block.Span.End < from || block.Span.Start > to) continue;
            if (!BlockLayout.IsWellPaired(analysis, diagnostics, block) || Misread(block.Span))
            {
                edits.AddRange(BlockLayout.TrailingSpaceEdits(doc.Text, block).Where(Kept));
                continue;
            }
            edits.AddRange(TagSpelling.Edits(doc.Text, block).Concat(BlockLayout.LineEndEdits(doc.Text, block)).Where(e => Changes(e) && InRange(e)));
            var gaps = BlockLayout.GapEdits(doc.Text, block).Where(Changes).ToList();
            if (gaps.TrueForAll(InRange)) edits.AddRange(gaps);
        }
        endOfFile = false;
        if (range is null && EndOfFile(doc.Text, finalNewlines) is { } end && PublishesTheSame(analysis, end))
        {
            edits.Add(end);
            endOfFile = true;
        }
        edits.Sort((a, b) => a.Span.Start != b.Span.Start ? a.Span.Start.CompareTo(b.Span.Start) : a.Span.End.CompareTo(b.Span.End));
        return Merge(edits);
    }

    /// <summary>
    /// The text each call Hugo cannot read was read over, from its start to where Hugo's lexer
    /// stopped: the error, and the lenient reading after it, depend on all of it. A format leaves
    /// it as it is: a backtick value may run over lines into a later block's tag, and respelling
    /// that tag's <c>`yellow`</c> as <c>"yellow"</c> moved where the value ends, so the first call
    /// read up to another backtick and took the blocks between into its colour (found by fuzzing).
    /// </summary>
    private static List<TextSpan> MisreadSpans(NoteDocument doc)
    {
        var spans = new List<TextSpan>();
        foreach (var call in doc.Calls)
            if (call.SyntaxError is { } error)
                spans.Add(TextSpan.FromBounds(call.Span.Start, Math.Max(call.Span.End, error.ReadTo)));
        return spans;
    }

    /// <summary>
    /// The edits, and what formatting the result would still do, as one set of edits, so that a
    /// second format finds nothing left to do. The end of the file and the blocks left open that
    /// run up to it change each other (found by fuzzing): a line break added there can end an open
    /// call, whose last line then has trailing spaces to trim (<c>{{%orbit_review\n </c>); trailing
    /// spaces trimmed there can leave an extra line break (<c>{{&lt;orbit_review\n \n</c>).
    /// </summary>
    private static ImmutableArray<TextEdit> Settled(NoteAnalysis analysis, ImmutableArray<TextEdit> edits, FinalNewlines finalNewlines)
    {
        const int MaxRounds = 8;
        string original = analysis.Document.Text, first = Fixes.TextEdits.Apply(original, edits), text = first;
        for (int round = 1; round < MaxRounds; round++)
        {
            var more = FormatOnce(NoteAnalyzer.Analyze(text, analysis.Settings), null, finalNewlines, out _);
            if (more.IsEmpty) break;
            text = Fixes.TextEdits.Apply(text, more);
        }
        return ReferenceEquals(text, first) ? edits : [.. Fixes.TextEdits.Diff(original, text)];
    }

    /// <summary>The edit of the line breaks that end the file, as the editor's settings ask; null when none is needed.</summary>
    private static TextEdit? EndOfFile(string text, FinalNewlines asked)
    {
        if (text.Length == 0 || !(asked.Insert || asked.TrimExtra)) return null;
        int contentEnd = text.AsSpan().TrimEnd("\r\n").Length;
        var trailing = text.AsSpan(contentEnd);
        if (trailing.IsEmpty)
            return asked.Insert && contentEnd > 0 ? new TextEdit(new TextSpan(text.Length, 0), LineMap.UsualBreak(text)) : null;
        if (!asked.TrimExtra) return null;
        // Keep the first line break that ends the last line; drop the empty lines after it.
        int keep = trailing.StartsWith("\r\n") ? 2 : 1;
        return trailing.Length > keep ? new TextEdit(TextSpan.FromBounds(contentEnd + keep, text.Length), "") : null;
    }

    /// <summary>
    /// True when the note with the edit publishes the same cards and has the same problems. Line
    /// breaks at the end publish nothing, unless something never closed runs up to them: a block
    /// (the shortcode splits on '\n' alone, so a '\r' is part of a prompt line) or a quoted
    /// attribute of raw HTML (found by fuzzing). Such a note is rare; it is analysed once more.
    /// </summary>
    private static bool PublishesTheSame(NoteAnalysis analysis, TextEdit edit) => PublishesTheSame(analysis, [edit]);

    private static bool PublishesTheSame(NoteAnalysis analysis, IReadOnlyList<TextEdit> edits)
    {
        var after = NoteAnalyzer.Analyze(Fixes.TextEdits.Apply(analysis.Document.Text, edits), analysis.Settings);
        return Cards.CardExtractor.Extract(after).SequenceEqual(Cards.CardExtractor.Extract(analysis), CardComparer.Instance)
            && after.Diagnostics.Select(d => d.Code).SequenceEqual(analysis.Diagnostics.Select(d => d.Code));
    }

    private sealed class CardComparer : IEqualityComparer<Cards.Card>
    {
        public static readonly CardComparer Instance = new();

        public bool Equals(Cards.Card? a, Cards.Card? b) =>
            a is not null && b is not null && a.Question == b.Question && a.Answer == b.Answer && a.Color == b.Color && a.Hidden == b.Hidden;

        public int GetHashCode(Cards.Card card) => HashCode.Combine(card.Question, card.Answer, card.Color, card.Hidden);
    }

    /// <summary>Joins edits that touch end to start, so no client has to order two edits at one position.</summary>
    private static ImmutableArray<TextEdit> Merge(List<TextEdit> edits)
    {
        var merged = ImmutableArray.CreateBuilder<TextEdit>(edits.Count);
        foreach (var e in edits)
        {
            if (merged.Count > 0 && merged[^1].Span.End == e.Span.Start)
            {
                var prev = merged[^1];
                merged[^1] = new TextEdit(TextSpan.FromBounds(prev.Span.Start, e.Span.End), prev.NewText + e.NewText);
            }
            else merged.Add(e);
        }
        return merged.ToImmutable();
    }
}

/// <summary>
/// What the editor asks of the end of the file when it formats the whole note (LSP's
/// <c>insertFinalNewline</c> and <c>trimFinalNewlines</c>); neither by default.
/// </summary>
public readonly record struct FinalNewlines(bool Insert, bool TrimExtra);
