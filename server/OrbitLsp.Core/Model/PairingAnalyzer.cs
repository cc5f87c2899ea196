using System.Collections.Immutable;
using OrbitLsp.Core.Text;

namespace OrbitLsp.Core.Model;

/// <summary>
/// Finds where an <c>orbit_review</c> block's pairing goes wrong, and why. A line that is not
/// really a prompt (a stray tag, a shortcode call, an invisible line) shifts every later pair.
/// When the author separates pairs by blank lines, a run of an odd number of lines (a wrapped
/// question, a note to self) does too, and the pairs after it straddle the author's runs.
/// </summary>
internal static class PairingAnalyzer
{
    private const LineHazards CauseHazards =
        LineHazards.InvisibleOnly | LineHazards.MarkupOnly | LineHazards.ShortcodeCall | LineHazards.NestedBlock;

    public static bool IsCause(PromptLine line) => (line.Hazards & CauseHazards) != 0;

    public static void Analyze(ReviewBlock block)
    {
        var lines = block.Lines;
        if (lines.IsDefaultOrEmpty) return;

        // The author's runs of lines (stray lines left out): runs are contiguous in line order,
        // so a line's position in its run and the run's size come from one pass each way.
        int n = lines.Length;
        Span<int> position = n <= 256 ? stackalloc int[n] : new int[n];
        Span<int> runSize = n <= 256 ? stackalloc int[n] : new int[n];
        int runs = 0, pairRuns = 0, lastRunGroup = -2, lastRunStart = -1;
        for (int i = 0; i < n; i++)
        {
            var line = lines[i];
            position[i] = -1;
            if (line.Group < 0 || IsCause(line)) continue;
            if (line.Group != lastRunGroup)
            {
                pairRuns += CloseRun(position, runSize, lastRunStart, i);
                runs++;
                lastRunGroup = line.Group;
                lastRunStart = i;
            }
            position[i] = i == lastRunStart ? 0 : CountBefore(lines, position, lastRunStart, i);
        }
        pairRuns += CloseRun(position, runSize, lastRunStart, n);

        // A last run of one line is an unanswered question, not a sign against the rhythm.
        for (int i = n - 1; i >= 0; i--)
        {
            if (position[i] < 0) continue;
            if (runSize[i] == 1) runs--;
            break;
        }
        bool rhythm = runs >= 2 && pairRuns * 2 > runs;
        ImmutableArray<TextSpan>.Builder? oddGroups = null;
        PromptLine? lastCause = null;
        int causesSoFar = 0, lineIndex = 0;
        foreach (var prompt in block.Prompts)
        {
            var q = prompt.QuestionLine!;
            for (; lineIndex <= q.Index; lineIndex++)
            {
                var l = lines[lineIndex];
                if (IsCause(l))
                {
                    causesSoFar++;
                    lastCause = l;
                }
                else if (rhythm && position[lineIndex] == 0 && IsOddRun(lines, position, runSize, lineIndex))
                {
                    lastCause = l;
                    oddGroups ??= ImmutableArray.CreateBuilder<TextSpan>();
                    oddGroups.Add(RunSpan(lines, position, lineIndex));
                }
            }
            var a = prompt.AnswerLine;
            bool shifted;
            if (IsCause(q) || (a is not null && IsCause(a))) shifted = true;
            else if (rhythm) shifted = (a is not null && a.Group != q.Group) || position[q.Index] % 2 == 1;
            else shifted = causesSoFar % 2 == 1;
            if (shifted) prompt.ShiftedBy = lastCause ?? (a is not null && IsCause(a) ? a : q);
        }
        // Odd runs after the last question (only answers follow) still need reporting.
        for (; lineIndex < n; lineIndex++)
        {
            if (rhythm && position[lineIndex] == 0 && IsOddRun(lines, position, runSize, lineIndex))
            {
                oddGroups ??= ImmutableArray.CreateBuilder<TextSpan>();
                oddGroups.Add(RunSpan(lines, position, lineIndex));
            }
        }
        if (oddGroups is not null) block.OddGroups = oddGroups.ToImmutable();
        else if (lastCause is null && !HasCause(lines)) FindQuestionShifts(block);
    }

    private static bool HasCause(ImmutableArray<PromptLine> lines)
    {
        foreach (var line in lines) if (IsCause(line)) return true;
        return false;
    }

    /// <summary>
    /// With no line to blame, the author's own rhythm tells a shift: the lines that read as
    /// questions sit at question places, then, past some point, at answer places. A stretch of at
    /// least two such lines at answer places, with none at a question place among them, beside
    /// lines in place (two, or one beside a stretch of three), is a shift: a plain line is stray,
    /// or an answer is missing, between the last line in place and the first out of place. An
    /// answer that ends in '?' here and there makes stretches of one and is left alone; so is a
    /// block with no question in place at all (nothing says which places the author meant).
    /// </summary>
    private static void FindQuestionShifts(ReviewBlock block)
    {
        var lines = block.Lines;
        int outOfPlace = 0;
        for (int i = 1; i < lines.Length; i += 2) if (lines[i].IsQuestionLike) outOfPlace++;
        if (outOfPlace < 2) return;
        foreach (var prompt in block.Prompts) if (prompt.ShiftedBy is not null) return;

        // Stretches of question-like lines in the same kind of place, in order.
        var stretches = new List<(int First, int Last, int Count, bool Out)>();
        for (int i = 0; i < lines.Length; i++)
        {
            if (!lines[i].IsQuestionLike) continue;
            bool isOut = i % 2 == 1;
            if (stretches.Count > 0 && stretches[^1].Out == isOut)
                stretches[^1] = (stretches[^1].First, i, stretches[^1].Count + 1, isOut);
            else
                stretches.Add((i, i, 1, isOut));
        }

        ImmutableArray<QuestionShift>.Builder? shifts = null;
        for (int k = 0; k < stretches.Count; k++)
        {
            var s = stretches[k];
            if (!s.Out || s.Count < 2) continue;
            int before = k > 0 ? stretches[k - 1].Count : 0;
            int after = k + 1 < stretches.Count ? stretches[k + 1].Count : 0;
            if (before + after == 0 || (before + after < 2 && s.Count < 3)) continue;
            var shift = new QuestionShift(k > 0 ? stretches[k - 1].Last : -1, s.First, s.Last, k + 1 < stretches.Count ? stretches[k + 1].First : -1);
            var (first, count) = shift.Candidates.GetOffsetAndLength(lines.Length);
            var cause = count > 0 ? lines[first] : lines[shift.FirstOut];
            // The prompt whose answer is the first question out of place, up to the one whose answer is
            // the last (or the block's end): the prompts between the stretch and the next question in
            // place may or may not be right.
            int lastPrompt = shift.NextInPlace < 0 ? block.Prompts.Length - 1 : shift.LastOut / 2;
            for (int p = shift.FirstOut / 2; p <= lastPrompt; p++) block.Prompts[p].ShiftedBy = cause;
            (shifts ??= ImmutableArray.CreateBuilder<QuestionShift>()).Add(shift);
        }
        if (shifts is not null) block.QuestionShifts = shifts.ToImmutable();
    }

    /// <summary>Records a finished run's size on its lines; 1 when it is a pair.</summary>
    private static int CloseRun(Span<int> position, Span<int> runSize, int start, int end)
    {
        if (start < 0) return 0;
        int size = 0;
        for (int j = start; j < end; j++) if (position[j] >= 0) size++;
        for (int j = start; j < end; j++) if (position[j] >= 0) runSize[j] = size;
        return size == 2 ? 1 : 0;
    }

    private static int CountBefore(ImmutableArray<PromptLine> lines, Span<int> position, int start, int i)
    {
        int count = 0;
        for (int j = start; j < i; j++) if (position[j] >= 0) count++;
        return count;
    }

    /// <summary>An odd run, except a last run of one line: that is an unanswered question, reported as such.</summary>
    private static bool IsOddRun(ImmutableArray<PromptLine> lines, Span<int> position, Span<int> runSize, int first)
    {
        if (runSize[first] % 2 == 0) return false;
        if (runSize[first] > 1) return true;
        for (int j = first + 1; j < lines.Length; j++) if (position[j] >= 0) return true;
        return false;
    }

    private static TextSpan RunSpan(ImmutableArray<PromptLine> lines, Span<int> position, int first)
    {
        int last = first;
        for (int j = first + 1; j < lines.Length && (position[j] != 0); j++) if (position[j] > 0) last = j;
        return TextSpan.FromBounds(lines[first].LineSpan.Start, lines[last].LineSpan.End);
    }
}
