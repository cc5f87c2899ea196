using CsCheck;
using OrbitLsp.Core.Analysis;
using OrbitLsp.Core.Cards;
using OrbitLsp.Core.Model;
using OrbitLsp.Core.Text;

namespace OrbitLsp.Core.Tests;

/// <summary>Whatever the text, analysis never throws and every range it gives lies inside the text.</summary>
public class PropertyTests
{
    // Pieces that exercise the lexer and the block reader far more often than random characters would.
    private static readonly string[] Pieces =
    [
        "{{<orbit_review>}}", "{{</orbit_review>}}", "{{< orbit_review color=\"blue\" >}}", "{{% orbit_review %}}", "{{% /orbit_review %}}",
        "{{<orbit_review color='blue'>}}", "{{< orbit_review color=blue >}}", "{{<orbit_review color=blue>}}", "{{< orbit_review \"red\" >}}",
        "{{< orbit_review />}}", "{{</* orbit_review */>}}", "{{< orbit_review_start >}}", "{{< orbit_flashcard question=\"Q's\" answer=\"A\" >}}",
        "{{< orbit_review_end >}}", "{{< figure src=\"x\" >}}", "<orbit-reviewarea color=\"red\">", "<orbit-prompt question=\"Q\" answer=\"A\"></orbit-prompt>",
        "</orbit-reviewarea>", "<orbit-prompt cloze=\"a {b} c\">", "<!--", "-->", "```", "~~~", "---", "+++", "{", "}", "\n", "\r\n", "\r", "\t",
        "\u00A0", "*", "**bold**", "***", "$x$", "$$", "\"", "`", "'", "😀", "\uFEFF", "<div>", "question", "answer", " ", "=", "\\\"",
        "date: 2020-01-01", "lastmod: nope", "<!-- orbitlsp-disable OL001 -->", "<!-- orbitlsp-disable-next-line nonsense -->",
    ];

    internal static readonly Gen<string> Note =
        Gen.OneOf(Gen.OneOf<string>(Pieces), Gen.String[Gen.Char, 0, 8]).Array[0, 60].Select(parts => string.Concat(parts));

    [Fact]
    public void Analysis_of_any_text_never_throws_and_keeps_every_range_inside_the_text()
    {
        Note.Sample(text =>
        {
            var analysis = NoteAnalyzer.Analyze(text);
            var doc = analysis.Document;
            foreach (var d in analysis.Diagnostics)
            {
                AssertInside(d.Span, text);
                foreach (var r in d.Related) AssertInside(r.Span, text);
                var range = doc.GetRange(d.Span);
                Assert.True(range.Start <= range.End);
                // A span starting inside a CRLF or a surrogate pair is named from just before it.
                Assert.Equal(LineMap.Nameable(text, d.Span.Start, forward: false), doc.GetOffset(range.Start));
            }
            foreach (var block in doc.Blocks)
            {
                AssertInside(block.Span, text);
                AssertInside(block.InnerSpan, text);
                foreach (var p in block.Prompts)
                {
                    AssertInside(p.Span, text);
                    AssertInside(p.QuestionSpan, text);
                }
            }
            foreach (var card in CardExtractor.Extract(analysis)) AssertInside(card.QuestionSpan, text);
        }, iter: 3000);
    }

    [Fact]
    public void A_cards_problems_are_those_of_every_diagnostic_of_the_note_on_its_prompt()
    {
        // Extract looks only at the diagnostics that reach into each block; hover looks at all.
        Note.Sample(text =>
        {
            var analysis = NoteAnalyzer.Analyze(text);
            foreach (var card in CardExtractor.Extract(analysis))
                Assert.Equal<string>(CardExtractor.ProblemsOf(analysis, card.SourceBlock, card.SourcePrompt), card.Problems);
        }, iter: 3000);
    }

    [Fact]
    public void Shortcode_blocks_pair_their_non_blank_lines_in_order()
    {
        var line = Gen.OneOf(Gen.OneOf<string>("", " ", "*", "***", "\t", "\u00A0", " * item", "**b**"), Gen.String[Gen.Char['a', 'z'], 1, 5]);
        line.Array[0, 12].Sample(lines =>
        {
            string text = "Intro.\n{{<orbit_review>}}\n" + string.Join("\n", lines) + "\n{{</orbit_review>}}\n";
            var block = Assert.Single(NoteDocument.Parse(text).Blocks);
            var expected = lines.Select(l => l.Trim(' ', '*')).Where(l => l.Length > 0).ToList();
            Assert.Equal(expected, block.Lines.Select(l => l.Text));
            Assert.Equal((expected.Count + 1) / 2, block.Prompts.Length);
            for (int i = 0; i < block.Prompts.Length; i++)
            {
                Assert.Equal(expected[2 * i], block.Prompts[i].Question);
                Assert.Equal(2 * i + 1 < expected.Count ? expected[2 * i + 1] : "", block.Prompts[i].Answer);
            }
        }, iter: 2000);
    }

    [Fact]
    public void Line_map_round_trips_every_offset()
    {
        Gen.String[Gen.OneOf(Gen.Char['a', 'c'], Gen.OneOf<char>('\r', '\n', '\uD83D', '\uDE00')), 0, 40].Sample(text =>
        {
            var map = LineMap.Create(text);
            for (int offset = 0; offset <= text.Length; offset++)
            {
                var position = map.GetPosition(offset);
                // An offset between '\r' and '\n' belongs to no position of its own.
                if (offset > 0 && offset < text.Length && text[offset - 1] == '\r' && text[offset] == '\n') continue;
                Assert.Equal(offset, map.GetOffset(position, text));
            }
        }, iter: 2000);
    }

    [Fact]
    public void Line_maps_made_by_edits_and_windows_of_them_answer_as_maps_made_afresh()
    {
        Gen.String[Gen.OneOf(Gen.Char['a', 'c'], Gen.OneOf<char>('\r', '\n')), 1, 60].Select(Gen.Int[0, 1000], Gen.Int[0, 1000]).Sample((text, seed, pick) =>
        {
            var random = new Random(seed);
            var map = LineMap.Create(text);
            // Edits typed without line breaks, on one line or several: the map follows them (or declines).
            for (int step = 0; step < 6; step++)
            {
                int start = random.Next(text.Length + 1), end = Math.Min(text.Length, start + random.Next(3));
                string insert = new string('x', random.Next(3));
                string next = string.Concat(text.AsSpan(0, start), insert, text.AsSpan(end));
                map = map.WithEdit(text, start, end, insert) ?? LineMap.Create(next);
                text = next;
                var fresh = LineMap.Create(text);
                Assert.Equal(fresh.LineCount, map.LineCount);
                for (int offset = 0; offset <= text.Length; offset++) Assert.Equal(fresh.GetPosition(offset), map.GetPosition(offset));
                for (int line = 0; line < fresh.LineCount; line++) Assert.Equal(fresh.LineEnd(line, text), map.LineEnd(line, text));
            }
            // A window from a line's start: offsets count from there, line numbers stay the note's.
            int first = pick % map.LineCount;
            int from = map.LineStart(first), to = from + (text.Length - from) * (pick % 7) / 6;
            var window = map.Window(from, to);
            string part = text[from..to];
            for (int offset = 0; offset <= part.Length; offset++)
            {
                Assert.Equal(map.GetPosition(from + offset), window.GetPosition(offset));
                Assert.Equal(map.GetLine(from + offset), window.GetLine(offset));
            }
            Assert.Equal(map.GetLine(to) + 1, window.LineCount);
            Assert.Equal(map.LineStart(first), from + window.LineStart(first));
        }, iter: 1000);
    }

    private static void AssertInside(TextSpan span, string text)
    {
        Assert.True(span.Start >= 0 && span.Length >= 0 && span.End <= text.Length, $"{span} outside text of length {text.Length}");
    }
    [Fact]
    public void Duplicate_prompts_are_each_copy_of_an_earlier_prompt_pointing_at_its_first_copy()
    {
        // Few distinct lines, so that copies (and copies of copies) are common.
        var line = Gen.OneOf<string>("What is A?", "a", "What is B?", "b", "$x$", "**a**", "a ", "\u00A0");
        var block = line.Array[0, 7].Select(lines => "{{<orbit_review>}}\n" + string.Join("\n", lines) + "\n{{</orbit_review>}}\n");
        block.Array[0, 6].Sample(blocks =>
        {
            string text = string.Concat(blocks);
            var analysis = NoteAnalyzer.Analyze(text);
            var expected = new List<(int Copy, int First)>();
            var prompts = analysis.Document.Blocks.SelectMany(b => b.Prompts).ToList();
            for (int i = 0; i < prompts.Count; i++)
            {
                var first = prompts.Take(i).FirstOrDefault(p => p.Question == prompts[i].Question && p.Answer == prompts[i].Answer);
                if (first is not null) expected.Add((prompts[i].Span.Start, first.Span.Start));
            }
            var actual = analysis.Diagnostics.Where(d => d.Code == "OL028").Select(d => (d.Span.Start, d.Related[0].Span.Start)).ToList();
            Assert.Equal(expected.Order(), actual.Order());
        });
    }
}
