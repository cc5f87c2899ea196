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
