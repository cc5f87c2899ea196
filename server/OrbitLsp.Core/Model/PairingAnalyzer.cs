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

        // The author's runs of lines, stray lines left out.
        var groups = new SortedDictionary<int, List<PromptLine>>();
        foreach (var line in lines)
        {
            if (line.Group < 0 || IsCause(line)) continue;
            if (!groups.TryGetValue(line.Group, out var list)) groups[line.Group] = list = [];
            list.Add(line);
        }
        int pairs = groups.Values.Count(g => g.Count == 2);
        bool rhythm = groups.Count >= 2 && pairs * 2 > groups.Count;

        var oddGroups = ImmutableArray.CreateBuilder<TextSpan>();
        var oddGroupStarts = new List<PromptLine>();
        var positionInGroup = new Dictionary<PromptLine, int>();
        foreach (var g in groups.Values)
        {
            for (int i = 0; i < g.Count; i++) positionInGroup[g[i]] = i;
            bool isLastGroup = ReferenceEquals(g, groups.Values.Last());
            // A last run of one line is an unanswered question, reported as such.
            if (rhythm && g.Count % 2 == 1 && !(isLastGroup && g.Count == 1))
            {
                oddGroups.Add(TextSpan.FromBounds(g[0].LineSpan.Start, g[^1].LineSpan.End));
                oddGroupStarts.Add(g[0]);
            }
        }
        block.OddGroups = oddGroups.ToImmutable();

        int causesSoFar = 0;
        PromptLine? lastCause = null;
        int lineIndex = 0;
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
                else if (oddGroupStarts.Contains(l)) lastCause = l;
            }
            var a = prompt.AnswerLine;
            bool shifted;
            if (IsCause(q) || (a is not null && IsCause(a))) shifted = true;
            else if (rhythm)
            {
                shifted = (a is not null && a.Group != q.Group)
                    || (positionInGroup.TryGetValue(q, out int pos) && pos % 2 == 1);
            }
            else shifted = causesSoFar % 2 == 1;

            if (shifted)
            {
                var cause = lastCause ?? (a is not null && IsCause(a) ? a : null);
                if (cause is null && IsCause(q)) cause = q;
                prompt.ShiftedBy = cause ?? q;
            }
        }
    }
}
