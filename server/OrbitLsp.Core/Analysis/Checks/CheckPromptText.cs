using System.Buffers;
using OrbitLsp.Core.Diagnostics;
using OrbitLsp.Core.Model;
using OrbitLsp.Core.Text;

namespace OrbitLsp.Core.Analysis.Checks;

/// <summary>The text of the cards: math delimiters, stray quotes, the same card twice (ORBIT-FORMAT §4).</summary>
internal static class CheckPromptText
{
    public static void Run(NoteDocument doc, List<NoteDiagnostic> sink)
    {
        TextOfEach(doc, sink);
        Duplicates(doc, sink);
    }

    /// <summary>The first half of <see cref="Run"/>: <see cref="TextOf(ReviewBlock, List{NoteDiagnostic})"/> of every block.</summary>
    internal static void TextOfEach(NoteDocument doc, List<NoteDiagnostic> sink)
    {
        foreach (var block in doc.Blocks) TextOf(block, sink);
    }

    /// <summary>The second half of <see cref="Run"/>: the note's duplicate prompts.</summary>
    internal static void Duplicates(NoteDocument doc, List<NoteDiagnostic> sink) => Duplicates(doc.Blocks, static _ => 0, doc.Lines, sink);

    /// <summary>Math delimiters and stray quotes of one block's prompts.</summary>
    public static void TextOf(ReviewBlock block, List<NoteDiagnostic> sink)
    {
        if (!Counts(block) || block.Form != BlockForm.Shortcode) return;
        foreach (var prompt in block.Prompts)
        {
            Math(prompt, sink);
            Quote(prompt.QuestionLine, sink);
            Quote(prompt.AnswerLine, sink);
        }
    }

    /// <summary>
    /// The same prompt twice in the note. <paramref name="shift"/> tells how far a block's spans
    /// have moved since it was read (non-zero only for blocks read from an earlier version of the text).
    /// </summary>
    /// <remarks>
    /// NOTE: the prompts are sorted by (text hash, order) in pooled arrays, and only prompts of
    /// equal hash are compared. A hash set of a 10 MB note's 32,000 prompts allocated 1.4 MB per
    /// analysis (a third of what was left besides the model); the sort allocates nothing.
    /// </remarks>
    public static void Duplicates(IReadOnlyList<ReviewBlock> blocks, Func<ReviewBlock, int> shift, LineMap lines, List<NoteDiagnostic> sink)
    {
        int count = 0;
        foreach (var block in blocks)
            if (Counts(block)) count += block.Prompts.Length;
        if (count < 2) return;

        var keys = ArrayPool<long>.Shared.Rent(count);
        var prompts = ArrayPool<Prompt>.Shared.Rent(count);
        var shifts = ArrayPool<int>.Shared.Rent(count);
        int n = 0;
        try
        {
            foreach (var block in blocks)
            {
                if (!Counts(block)) continue;
                int by = shift(block);
                foreach (var prompt in block.Prompts)
                {
                    if (prompt.QuestionSpan.IsEmpty && prompt.QuestionMemory.Length == 0) continue;
                    prompts[n] = prompt;
                    shifts[n] = by;
                    keys[n] = ((long)prompt.TextHash << 32) | (uint)n;
                    n++;
                }
            }
            var sorted = keys.AsSpan(0, n);
            sorted.Sort();
            for (int i = 0; i < n;)
            {
                int end = i + 1;
                while (end < n && sorted[end] >> 32 == sorted[i] >> 32) end++;
                if (end - i > 1) SameHash(sorted[i..end], prompts, shifts, lines, sink);
                i = end;
            }
        }
        finally
        {
            Array.Clear(prompts, 0, n);
            ArrayPool<long>.Shared.Return(keys);
            ArrayPool<Prompt>.Shared.Return(prompts);
            ArrayPool<int>.Shared.Return(shifts);
        }
    }

    /// <summary>
    /// Prompts of one text hash, in document order: each one whose text an earlier one has is a
    /// copy of the first that has it. (Different texts of one hash are rare, so this is about linear.)
    /// </summary>
    private static void SameHash(ReadOnlySpan<long> group, Prompt[] prompts, int[] shifts, LineMap lines, List<NoteDiagnostic> sink)
    {
        for (int j = 1; j < group.Length; j++)
        {
            int copy = (int)group[j];
            for (int k = 0; k < j; k++)
            {
                int first = (int)group[k];
                // The earliest prompt of the same text is never itself a copy.
                if (!SameText(prompts[first], prompts[copy])) continue;
                var firstSpan = prompts[first].Span.Shift(shifts[first]);
                var at = lines.GetPosition(firstSpan.Start);
                sink.Add(new(Rules.DuplicatePrompt, prompts[copy].Span.Shift(shifts[copy]),
                    $"The same prompt is already on line {at.Line + 1}: Orbit identifies a prompt by its text, so readers get one card, not two. Delete this copy or change it.",
                    new RelatedPlace(firstSpan, "first copy of this prompt")));
                break;
            }
        }
    }

    private static bool SameText(Prompt a, Prompt b) =>
        a.QuestionMemory.Span.SequenceEqual(b.QuestionMemory.Span) && a.AnswerMemory.Span.SequenceEqual(b.AnswerMemory.Span);

    private static bool Counts(ReviewBlock block) => block.PublishesArea && block.Placement != BlockPlacement.Nested;

    public static void Math(Prompt prompt, List<NoteDiagnostic> sink)
    {
        // Lines know whether they hold a '$' at all; only those are read again.
        if (prompt.QuestionLine is null || prompt.QuestionLine.HasDollar) Check(prompt.QuestionMemory.Span, prompt.QuestionSpan, sink);
        if (prompt.AnswerSpan is { } answerSpan && (prompt.AnswerLine is null || prompt.AnswerLine.HasDollar))
            Check(prompt.AnswerMemory.Span, answerSpan, sink);

        static void Check(ReadOnlySpan<char> text, TextSpan span, List<NoteDiagnostic> sink)
        {
            int i = text.IndexOfAny('$', '\\');
            if (i < 0) return;
            bool inline = false, display = false;
            for (; i < text.Length; i++)
            {
                char c = text[i];
                if (c == '\\') { i++; continue; }
                if (c != '$') continue;
                if (!inline && i + 1 < text.Length && text[i + 1] == '$')
                {
                    display = !display;
                    i++;
                }
                else if (!display) inline = !inline;
            }
            if (inline || display)
            {
                sink.Add(new(Rules.UnbalancedMath, span,
                    $"A '{(display ? "$$" : "$")}' is never closed: Orbit reads '$' as the start of math, so the card shows the rest as a formula or as KaTeX's error text. Close the formula, or write \\$ for a dollar sign."));
            }
        }
    }

    private static void Quote(PromptLine? line, List<NoteDiagnostic> sink)
    {
        if (line is null || !line.HasOddQuotes) return;
        if (line.Hazards != LineHazards.None && !line.Has(LineHazards.StrippedAsterisks) && !line.Has(LineHazards.CarriageReturn)) return;
        sink.Add(new(Rules.UnbalancedQuote, line.ContentSpan,
            "This line has an odd number of '\"': the card shows the stray quote as typed. Remove it or add its partner."));
    }
}
