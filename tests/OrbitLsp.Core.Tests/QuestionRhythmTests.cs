using CsCheck;
using OrbitLsp.Core.Analysis;
using OrbitLsp.Core.Cards;
using OrbitLsp.Core.Model;

namespace OrbitLsp.Core.Tests;

/// <summary>OL008: the block's own rhythm of questions tells a stray or missing plain line.</summary>
public class QuestionRhythmTests
{
    // Questions end in '?' behind whatever may close them; plain answers do not.
    private static readonly Gen<string> Question = Gen.OneOf<string>(
        "What is a?", "Which b is it?", "Is it \"c?\"", "Who wrote *d*?", "What is $x$?", "Why (really)?", "Wie heißt das？", "Which one?**");
    private static readonly Gen<string> PlainAnswer = Gen.OneOf<string>("A.", "b", "It is c", "*d*", "$x^2$", "The answer (really)", "ok");
    private static readonly Gen<string> AnyAnswer = Gen.OneOf(PlainAnswer, Gen.OneOf<string>("Really?", "Maybe \"so?\"", "Who knows?"));
    private static readonly Gen<string> Separator = Gen.OneOf<string>("\n", "\n", "\n\n");

    // Where the shift is looked for, the lines follow one another (blank lines may make OL005's rhythm, which takes precedence).

    private static string Note(IEnumerable<string> lines, IEnumerable<string> separators) =>
        "Intro.\n\n{{<orbit_review>}}\n" + string.Concat(lines.Zip(separators, (l, s) => l + s)) + "{{</orbit_review>}}\n";

    [Fact]
    public void A_block_whose_questions_all_read_as_questions_never_fires_whatever_its_answers()
    {
        // Any answer may end in '?', blank lines come anywhere, the last question may lack its answer.
        Gen.Select(Question, AnyAnswer).Array[0, 12].Select(Gen.Bool, Separator.Array[26]).Sample((cards, unanswered, seps) =>
        {
            var lines = cards.SelectMany(c => new[] { c.Item1, c.Item2 }).ToList();
            if (unanswered && lines.Count > 0) lines.RemoveAt(lines.Count - 1);
            var analysis = NoteAnalyzer.Analyze(Note(lines, seps));
            Assert.DoesNotContain(analysis.Diagnostics, d => d.Code == "OL008");
            var block = Assert.Single(analysis.Document.Blocks);
            Assert.Empty(block.QuestionShifts);
        }, iter: 3000);
    }

    [Fact]
    public void A_stray_plain_line_is_found_between_the_last_question_in_place_and_the_first_out_of_place()
    {
        // n cards of a question and a plain answer, and one plain line put in after line `at`.
        Gen.Select(Gen.Select(Question, PlainAnswer).Array[1, 10], Gen.Int[0, 40], PlainAnswer).Sample((cards, pick, stray) =>
        {
            var lines = cards.SelectMany(c => new[] { c.Item1, c.Item2 }).ToList();
            int at = pick % (lines.Count + 1);
            lines.Insert(at, "Stray: " + stray);
            int before = Enumerable.Range(0, at).Count(i => i % 2 == 0);
            int after = cards.Length - before;
            var analysis = NoteAnalyzer.Analyze(Note(lines, lines.Select(_ => "\n")));
            var found = analysis.Diagnostics.Where(d => d.Code == "OL008").ToList();
            var block = Assert.Single(analysis.Document.Blocks);
            bool clear = before >= 1 && after >= 2 && (before >= 2 || after >= 3);
            if (!clear)
            {
                Assert.Empty(found);
                Assert.All(block.Prompts, p => Assert.Null(p.ShiftedBy));
                return;
            }
            var d = Assert.Single(found);
            var strayLine = block.Lines[at];
            Assert.True(d.Span.Contains(strayLine.LineSpan), $"the stray line {strayLine} lies outside {d.Span}: {d.Message}");
            // Every prompt from the one whose answer is the first question out of place is shifted, and
            // the card says so; none before the last question in place has a problem (that question's
            // answer may be the stray line: its card is named too).
            var firstOut = block.Lines[at + 1 + (at % 2 == 1 ? 1 : 0)];
            var cards2 = CardExtractor.Extract(analysis);
            foreach (var prompt in block.Prompts)
            {
                bool shifted = prompt.QuestionLine!.Index >= firstOut.Index - 1;
                Assert.Equal(shifted, prompt.ShiftedBy is not null);
                if (shifted) Assert.Contains("OL008", cards2[prompt.Index].Problems);
                if (prompt.AnswerLine is { } a && a.Index < (at % 2 == 1 ? at - 1 : at - 2)) Assert.DoesNotContain("OL008", cards2[prompt.Index].Problems);
            }
            Assert.Contains($"({block.Prompts.Count(p => p.ShiftedBy is not null)} later prompt", d.Message);
        }, iter: 3000);
    }

    [Fact]
    public void A_missing_answer_is_found_right_after_its_question()
    {
        Gen.Select(Gen.Select(Question, PlainAnswer).Array[2, 10], Gen.Int[0, 40]).Sample((cards, pick) =>
        {
            int card = pick % cards.Length;
            var lines = cards.SelectMany(c => new[] { c.Item1, c.Item2 }).ToList();
            lines.RemoveAt(2 * card + 1);
            int before = card + 1, after = cards.Length - card - 1;
            var analysis = NoteAnalyzer.Analyze(Note(lines, lines.Select(_ => "\n")));
            var found = analysis.Diagnostics.Where(d => d.Code == "OL008").ToList();
            if (!(after >= 2 && (before >= 2 || after >= 3)))
            {
                Assert.Empty(found);
                return;
            }
            var d = Assert.Single(found);
            var block = Assert.Single(analysis.Document.Blocks);
            Assert.Equal(block.Lines[2 * card + 1].ContentSpan, d.Span);
            int questionLine = analysis.Document.GetPosition(block.Lines[2 * card].LineSpan.Start).Line + 1;
            Assert.StartsWith($"An answer is probably missing after line {questionLine}:", d.Message);
        }, iter: 2000);
    }

    [Fact]
    public void A_line_that_explains_the_shift_is_reported_instead()
    {
        string text = "Intro.\n\n{{<orbit_review>}}\nWhat is a?\nA.\n<div>\nWhat is b?\nB.\nWhat is c?\nC.\nWhat is d?\nD.\n{{</orbit_review>}}\n";
        var analysis = NoteAnalyzer.Analyze(text);
        Assert.Contains(analysis.Diagnostics, d => d.Code == "OL003");
        Assert.DoesNotContain(analysis.Diagnostics, d => d.Code == "OL008");
    }

    [Theory]
    [InlineData("What is it?", true)]
    [InlineData("What is it?  ", true)]
    [InlineData("Is it \"so?\"", true)]
    [InlineData("Is it ‘so?’", true)]
    [InlineData("Which one (a or b)?", true)]
    [InlineData("(which one?)", true)]
    [InlineData("What is $x?$", true)]
    [InlineData("_Why?_", true)]
    [InlineData("何ですか？", true)]
    [InlineData("It is so.", false)]
    [InlineData("Is it? No.", false)]
    [InlineData("?!", false)]
    [InlineData("", false)]
    public void A_line_reads_as_a_question_when_it_ends_in_a_question_mark(string text, bool expected) =>
        Assert.Equal(expected, PromptLine.ReadsAsQuestion(text));
}
