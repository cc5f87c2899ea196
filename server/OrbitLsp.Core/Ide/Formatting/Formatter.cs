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
/// when the editor asks for it (<see cref="FinalNewlines"/>): line breaks there publish nothing.
/// </remarks>
public static class Formatter
{
    /// <summary>
    /// The edits, sorted and non-overlapping. With a range, only edits that lie on the lines the
    /// range touches; a block's blank lines are only rearranged when all that changes lies there.
    /// </summary>
    public static ImmutableArray<TextEdit> Format(NoteAnalysis analysis, TextSpan? range = null, FinalNewlines finalNewlines = default)
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
        foreach (var block in doc.Blocks)
        {
            if (block.Form != BlockForm.Shortcode || block.IsSelfClosed) continue;
            if (block.Placement is BlockPlacement.Nested or BlockPlacement.FrontMatter) continue;
            if (block.Span.End < from || block.Span.Start > to) continue;
            if (!BlockLayout.IsWellPaired(analysis, diagnostics, block))
            {
                edits.AddRange(BlockLayout.TrailingSpaceEdits(doc.Text, block).Where(InRange));
                continue;
            }
            edits.AddRange(TagSpelling.Edits(doc.Text, block).Concat(BlockLayout.LineEndEdits(doc.Text, block)).Where(e => Changes(e) && InRange(e)));
            var gaps = BlockLayout.GapEdits(doc.Text, block).Where(Changes).ToList();
            if (gaps.TrueForAll(InRange)) edits.AddRange(gaps);
        }
        if (range is null && EndOfFile(doc.Text, finalNewlines) is { } end) edits.Add(end);
        edits.Sort((a, b) => a.Span.Start != b.Span.Start ? a.Span.Start.CompareTo(b.Span.Start) : a.Span.End.CompareTo(b.Span.End));
        return Merge(edits);
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
