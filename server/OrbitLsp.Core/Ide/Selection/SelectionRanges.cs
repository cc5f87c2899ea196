using System.Collections.Immutable;
using OrbitLsp.Core.Analysis;
using OrbitLsp.Core.Model;
using OrbitLsp.Core.Text;

namespace OrbitLsp.Core.Ide;

/// <summary>
/// Selection ranges ("expand selection"): word → prompt line → prompt (question and answer) →
/// block inner text → block → … → document. Outside blocks: word → line → front matter → document.
/// </summary>
public static class SelectionRanges
{
    /// <summary>Spans holding the offset, innermost first, each strictly larger than the one before.</summary>
    public static ImmutableArray<TextSpan> For(NoteAnalysis analysis, int offset)
    {
        var doc = analysis.Document;
        offset = Math.Clamp(offset, 0, doc.Text.Length);
        var chain = new List<TextSpan>();
        void Add(TextSpan span)
        {
            if (span.IsEmpty || !span.Touches(offset)) return;
            if (chain.Count > 0 && (span == chain[^1] || !span.Contains(chain[^1]))) return;
            chain.Add(span);
        }

        Add(Word(doc.Text, offset));
        var blocks = doc.BlocksAt(offset).Reverse().ToList();
        if (blocks.Count > 0)
        {
            var block = blocks[0];
            foreach (var p in block.Prompts)
            {
                if (!p.Span.Touches(offset)) continue;
                if (p.QuestionLine is { } q && q.LineSpan.Touches(offset)) { Add(q.ContentSpan); Add(q.LineSpan); }
                else if (p.AnswerLine is { } a && a.LineSpan.Touches(offset)) { Add(a.ContentSpan); Add(a.LineSpan); }
                else if (p.QuestionSpan.Touches(offset)) Add(p.QuestionSpan);
                else if (p.AnswerSpan is { } answer && answer.Touches(offset)) Add(answer);
                Add(p.Span);
                break;
            }
            foreach (var b in blocks)
            {
                Add(TrimLineBreaks(doc.Text, b.InnerSpan));
                Add(b.Span);
            }
        }
        else
        {
            int line = doc.Lines.GetLine(offset);
            Add(TextSpan.FromBounds(doc.Lines.LineStart(line), doc.Lines.LineEnd(line, doc.Text)));
        }
        if (doc.FrontMatter is { } fm) Add(fm.Span);
        var document = new TextSpan(0, doc.Text.Length);
        if (chain.Count == 0 || chain[^1] != document) chain.Add(document);
        // Blocks nested hundreds deep would make a chain no one expands through, and JSON deeper
        // than a client (or the server's writer, at 64 levels) reads: the innermost steps and the note.
        if (chain.Count > MaxLength) chain.RemoveRange(MaxLength - 1, chain.Count - MaxLength);
        return [.. chain];
    }

    /// <summary>The most spans a chain has: the innermost ones, then the whole note.</summary>
    public const int MaxLength = 32;

    /// <summary>The run of letters, digits and '_' around the offset; empty when there is none.</summary>
    private static TextSpan Word(string text, int offset)
    {
        int s = offset, e = offset;
        while (s > 0 && IsWordChar(text[s - 1])) s--;
        while (e < text.Length && IsWordChar(text[e])) e++;
        return TextSpan.FromBounds(s, e);
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_';

    private static TextSpan TrimLineBreaks(string text, TextSpan span)
    {
        int s = span.Start, e = span.End;
        while (s < e && text[s] is '\r' or '\n') s++;
        while (e > s && text[e - 1] is '\r' or '\n') e--;
        return TextSpan.FromBounds(s, e);
    }
}
