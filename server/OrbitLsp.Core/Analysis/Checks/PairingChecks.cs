using OrbitLsp.Core.Diagnostics;
using OrbitLsp.Core.Model;
using OrbitLsp.Core.Text;

namespace OrbitLsp.Core.Analysis.Checks;

/// <summary>What the <c>orbit_review</c> shortcode's line pairing does to the cards (ORBIT-FORMAT §1).</summary>
internal static class PairingChecks
{
    public static void Run(NoteDocument doc, List<NoteDiagnostic> sink)
    {
        foreach (var block in doc.Blocks)
        {
            if (block.Form != BlockForm.Shortcode || block.Placement == BlockPlacement.FrontMatter) continue;
            CheckBlock(doc, block, sink);
        }
    }

    private static void CheckBlock(NoteDocument doc, ReviewBlock block, List<NoteDiagnostic> sink)
    {
        if (block.IsSelfClosed) return;
        if (block.Prompts.Length == 0 && block.IsClosed)
        {
            sink.Add(new(Rules.EmptyBlock, block.OpenSpan,
                "This review block has no prompts: the page gets an empty review area. Add question and answer lines, or remove the block."));
            return;
        }

        if (block.CrlfLineCount > 0)
        {
            sink.Add(new(Rules.CrlfLineEndings, block.OpenSpan,
                $"{block.CrlfLineCount} line(s) of this block end in CRLF: Hugo keeps each '\\r', so the line end of this opening tag and every blank line become '\\r' prompt lines, every card text ends in '\\r' and the pairs shift. Save the note with LF line endings."));
        }

        int shiftedAfter(PromptLine cause) => block.Prompts.Count(p => p.ShiftedBy == cause && p.QuestionLine != cause);
        foreach (var line in block.Lines)
        {
            if (line.Has(LineHazards.InvisibleOnly) && !(block.CrlfLineCount > 0 && IsOnlyCarriageReturn(doc, line)))
            {
                sink.Add(new(Rules.InvisibleLine, line.LineSpan,
                    $"This line looks blank but holds {Describe(doc, line)}, which the shortcode does not trim: it becomes prompt line {line.Index + 1} and shifts every later pair{Later(shiftedAfter(line))}. Delete the characters or the line."));
            }
            else if (line.Has(LineHazards.MarkupOnly))
            {
                sink.Add(new(Rules.StrayMarkupLine, line.ContentSpan,
                    $"'{Short(line.Text)}' is a line of its own, so the shortcode makes it {(line.Index % 2 == 0 ? "a question" : "an answer")} and every later pair shifts{Later(shiftedAfter(line))}. Delete the line (tags do nothing inside orbit_review)."));
            }
            else if (line.Has(LineHazards.ShortcodeCall))
            {
                sink.Add(new(Rules.ShortcodeInBlock, line.LineSpan,
                    $"This shortcode stands on a line of its own, so its output becomes prompt text: a one-line output is prompt line {line.Index + 1} and shifts every later pair{Later(shiftedAfter(line))}; an output of several lines (like figure's) adds several prompt lines. Move the call out of the block."));
            }
            else if (line.Has(LineHazards.StrippedAsterisks) && !line.Has(LineHazards.NestedBlock))
            {
                sink.Add(new(Rules.StrippedAsterisks, line.LineSpan,
                    $"The shortcode trims '*' from both ends of a line, so the card shows '{Short(line.Text)}'. Move the emphasis inside the line (or use _underscores_)."));
            }
        }

        foreach (var dropped in block.DroppedLines)
        {
            sink.Add(new(Rules.DroppedLine, dropped,
                "This line holds only '*' and spaces: the shortcode trims it to nothing and skips it. Delete it, or leave a blank line."));
        }

        foreach (var run in block.OddGroups)
        {
            int lineCount = block.Lines.Count(l => run.Contains(l.LineSpan) && !PairingAnalyzer.IsCause(l));
            int shifted = block.Prompts.Count(p => p.ShiftedBy is { } by && run.Contains(by.LineSpan));
            sink.Add(new(Rules.OddRun, run,
                $"These {lineCount} lines sit between blank lines, but blank lines do not separate cards: the shortcode pairs lines in order, so one of them (a wrapped question? a note to self?) shifts the pairs after it{Later(shifted)}. Make it two lines per card."));
        }

        foreach (var shift in block.QuestionShifts) sink.Add(QuestionShiftDiagnostic(doc, block, shift));

        var last = block.Prompts.Length > 0 ? block.Prompts[^1] : null;
        // A card left over behind a shortcode call is that call's doing, already reported (OL004):
        // how many lines the call's output has is not known here.
        if (last is { HasAnswer: false } && block.IsClosed && last.ShiftedBy?.Has(LineHazards.ShortcodeCall) != true)
        {
            var cause = last.ShiftedBy is { } by && by != last.QuestionLine ? by : null;
            bool crlf = cause is not null && block.CrlfLineCount > 0 && cause.Text == "\r";
            bool byRhythm = cause is not null && !crlf && block.QuestionShifts.Length > 0 && !PairingAnalyzer.IsCause(cause);
            var related = cause is null ? []
                : crlf ? new[] { new RelatedPlace(block.OpenSpan, "this block's CRLF line endings shift the pairing") }
                : new[] { new RelatedPlace(cause.LineSpan, "the pairing shifts here") };
            string fix = cause is null ? " Add the answer on the next line."
                : crlf ? " It is left over because the block's CRLF line endings shifted the pairing: save the note with LF line endings."
                : byRhythm ? $" It is left over because the pairing shifts near line {doc.GetPosition(cause.LineSpan.Start).Line + 1}: fix the shift there and this one is an answer again."
                : $" It is left over because line {doc.GetPosition(cause.LineSpan.Start).Line + 1} shifted the pairing: fix that line and this one is an answer again.";
            sink.Add(new(Rules.UnansweredPrompt, last.QuestionLine!.ContentSpan,
                $"This prompt has no answer: the block has an odd number of lines, so Orbit publishes '{Short(last.Question)}' with a blank answer.{fix}",
                related));
        }
    }

    /// <summary>OL008: the lines that read as questions move from question places to answer places.</summary>
    private static NoteDiagnostic QuestionShiftDiagnostic(NoteDocument doc, ReviewBlock block, QuestionShift shift)
    {
        var lines = block.Lines;
        int LineOf(int index) => doc.GetPosition(lines[index].LineSpan.Start).Line + 1;
        var (first, count) = shift.Candidates.GetOffsetAndLength(lines.Length);
        int firstOut = LineOf(shift.FirstOut);
        string suspects = count switch
        {
            0 => $"An answer is probably missing after line {LineOf(shift.LastInPlace)}",
            1 => $"Line {LineOf(first)} is probably a stray line, or an answer is missing before line {firstOut}",
            2 => $"Line {LineOf(first)} or {LineOf(first + 1)} is probably a stray line, or an answer is missing before line {firstOut}",
            _ => $"One of lines {LineOf(first)}–{LineOf(first + count - 1)} is probably a stray line, or an answer is missing before line {firstOut}",
        };
        var cause = count > 0 ? lines[first] : lines[shift.FirstOut];
        int affected = block.Prompts.Count(p => p.ShiftedBy == cause);
        string message = shift.NextInPlace < 0
            ? $"{suspects}: from here on every question is published as an answer{Later(affected)}. Delete the stray line or add the missing answer."
            : $"{suspects}: from here to line {LineOf(shift.LastOut)} every question is published as an answer{Later(affected)}. From line {LineOf(shift.NextInPlace)} on the pairs are right again, so a second line is stray or missing before it. Delete the stray lines or add the missing answers.";
        var span = count > 0
            ? TextSpan.FromBounds(lines[first].LineSpan.Start, lines[first + count - 1].LineSpan.End)
            : lines[shift.FirstOut].ContentSpan;
        var related = new List<RelatedPlace> { new(lines[shift.FirstOut].ContentSpan, "this question is published as an answer") };
        if (shift.NextInPlace >= 0) related.Add(new(lines[shift.NextInPlace].ContentSpan, "from this question on the pairs are right again"));
        return new(Rules.QuestionInAnswerPlace, span, message, [.. related]);
    }

    private static string Later(int count) => count switch
    {
        0 => "",
        1 => " (1 later prompt is affected)",
        _ => $" ({count} later prompts are affected)",
    };

    private static bool IsOnlyCarriageReturn(NoteDocument doc, PromptLine line) => line.Text == "\r";

    private static string Describe(NoteDocument doc, PromptLine line)
    {
        var names = new List<string>();
        foreach (char c in line.Text)
        {
            string name = c switch
            {
                '\t' => "a tab",
                '\r' => "a carriage return ('\\r')",
                '\u00A0' => "a no-break space (U+00A0)",
                '\u200B' => "a zero-width space (U+200B)",
                '\uFEFF' => "a byte-order mark (U+FEFF)",
                _ => $"U+{(int)c:X4}",
            };
            if (!names.Contains(name)) names.Add(name);
        }
        return string.Join(" and ", names);
    }

    internal static string Short(string text)
    {
        text = text.Replace("\r", "\\r").Replace("\t", "\\t");
        return text.Length <= 60 ? text : text[..57] + "...";
    }
}
