using System.Collections.Immutable;
using OrbitLsp.Core.Analysis;
using OrbitLsp.Core.Model;
using OrbitLsp.Core.Text;

namespace OrbitLsp.Core.Ide;

public enum PromptSide
{
    Question,
    Answer,
}

/// <summary>
/// A label shown before a prompt line (<c>Q1</c>, <c>A1</c>, …) so the pairing the page gets is
/// visible while typing. <see cref="Offset"/> is where the label goes; <see cref="Tooltip"/> says
/// why a label is marked.
/// </summary>
public sealed record PromptHint(int Offset, string Label, PromptSide Side, int BlockIndex, int PromptIndex, bool Shifted, string? Tooltip);

/// <summary>Inlay hints: the question/answer role of every prompt line.</summary>
public static class InlayHints
{
    public const string ShiftMark = " ⚠";

    /// <summary>Hints whose offset lies in <paramref name="visible"/> (its end included), in document order.</summary>
    public static ImmutableArray<PromptHint> For(NoteAnalysis analysis, TextSpan visible) => For(analysis.Document, visible);

    /// <summary>
    /// <see cref="For(NoteAnalysis, TextSpan)"/> from a document's blocks alone: they are all the
    /// hints read (so a block read again by itself, <see cref="BlockEdits.Reread"/>, has its hints).
    /// </summary>
    public static ImmutableArray<PromptHint> For(NoteDocument doc, TextSpan visible)
    {
        var hints = ImmutableArray.CreateBuilder<PromptHint>();
        foreach (var block in doc.Blocks)
        {
            if (!block.Span.OverlapsWith(visible) && !visible.Touches(block.Span.Start)) continue;
            PromptLine? lastCause = null;
            foreach (var prompt in block.Prompts)
            {
                // NOTE: only the first prompt a given line shifts carries the mark. The labels
                // themselves show the shift (an answer line reads "Q3"); a mark on every later
                // prompt of a long block would repeat one problem a dozen times and bury the line
                // that causes it, which the diagnostic already points at.
                bool shifted = prompt.ShiftedBy is not null;
                bool mark = shifted && !ReferenceEquals(prompt.ShiftedBy, lastCause);
                if (shifted) lastCause = prompt.ShiftedBy;
                string? tooltip = mark ? ShiftTooltip(doc, prompt.ShiftedBy!) : null;
                string n = (prompt.Index + 1).ToString();
                if (block.Form == BlockForm.Shortcode)
                {
                    Add(hints, visible, prompt.QuestionLine!.LineSpan.Start, "Q" + n + (mark ? ShiftMark : ""), PromptSide.Question, block, prompt, shifted, tooltip);
                    if (prompt.AnswerLine is { } a)
                        Add(hints, visible, a.LineSpan.Start, "A" + n, PromptSide.Answer, block, prompt, shifted, null);
                }
                else
                {
                    Add(hints, visible, prompt.QuestionSpan.Start, "Q" + n, PromptSide.Question, block, prompt, false, null);
                }
            }
        }
        hints.Sort((x, y) => x.Offset.CompareTo(y.Offset));
        return hints.ToImmutable();
    }

    private static void Add(ImmutableArray<PromptHint>.Builder hints, TextSpan visible, int offset, string label,
        PromptSide side, ReviewBlock block, Prompt prompt, bool shifted, string? tooltip)
    {
        if (visible.Touches(offset)) hints.Add(new PromptHint(offset, label, side, block.Index, prompt.Index, shifted, tooltip));
    }

    private static string ShiftTooltip(NoteDocument doc, PromptLine cause)
    {
        int line = doc.Lines.GetLine(cause.LineSpan.Start) + 1;
        return $"Shifted by line {line}: from here on, lines are not paired as written.";
    }
}
