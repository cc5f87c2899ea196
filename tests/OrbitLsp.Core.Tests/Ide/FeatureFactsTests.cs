using OrbitLsp.Core.Analysis;
using OrbitLsp.Core.Ide;
using OrbitLsp.Core.Model;
using OrbitLsp.Core.Text;

namespace OrbitLsp.Core.Tests.Ide;

/// <summary>Properties of the IDE features that hold on every fixture, and single facts about them.</summary>
public class FeatureFactsTests
{
    public static TheoryData<string> AllNotes() => IdeFixtures.AllNotes();

    private static NoteAnalysis Load(string note) => IdeFixtures.Analyze(note);

    [Theory]
    [MemberData(nameof(AllNotes))]
    public void Semantic_tokens_are_sorted_single_line_and_never_overlap(string fixture)
    {
        var analysis = Load(fixture);
        var doc = analysis.Document;
        var tokens = SemanticTokens.For(analysis);
        for (int i = 0; i < tokens.Length; i++)
        {
            var t = tokens[i];
            Assert.True(t.Span.Length > 0);
            Assert.Equal(doc.Lines.GetLine(t.Span.Start), doc.Lines.GetLine(t.Span.End));
            Assert.True(t.Span.End <= doc.Lines.LineEnd(doc.Lines.GetLine(t.Span.Start), doc.Text), "a token covers a line break");
            if (i > 0) Assert.True(tokens[i - 1].Span.End <= t.Span.Start, $"tokens {tokens[i - 1]} and {t} overlap or are out of order");
        }
        var data = SemanticTokens.Encode(tokens, doc.Lines);
        Assert.Equal(tokens.Length * 5, data.Length);
        Assert.Equal(data, SemanticTokens.Apply([], SemanticTokens.Delta([], data)));
    }

    [Theory]
    [MemberData(nameof(AllNotes))]
    public void Semantic_tokens_of_a_range_are_the_full_tokens_that_overlap_it(string fixture)
    {
        var analysis = Load(fixture);
        var lines = analysis.Document.Lines;
        if (lines.LineCount < 4) return;
        var range = TextSpan.FromBounds(lines.LineStart(lines.LineCount / 3), lines.LineStart(2 * lines.LineCount / 3));
        var expected = SemanticTokens.For(analysis).Where(t => t.Span.OverlapsWith(range));
        Assert.Equal(expected, SemanticTokens.For(analysis, range));
    }

    [Theory]
    [MemberData(nameof(AllNotes))]
    public void Semantic_tokens_of_some_lines_replaced_in_an_encoding_give_the_encoding_of_the_tokens_so_replaced(string fixture)
    {
        // Any stretch of lines, its tokens replaced by those of another stretch moved onto it, or by none.
        var analysis = Load(fixture);
        var lines = analysis.Document.Lines;
        var tokens = SemanticTokens.For(analysis);
        var data = SemanticTokens.Encode(tokens, lines);
        var random = new Random(fixture.Length);
        int last = lines.LineCount - 1;
        for (int i = 0; i < 40; i++)
        {
            int first = random.Next(last + 1), end = Math.Min(last, first + random.Next(6));
            bool on(SemanticToken t, int a, int b) => lines.GetLine(t.Span.Start) is var l && l >= a && l <= b;
            var kept = tokens.Where(t => !on(t, first, end)).ToList();
            var own = random.Next(3) == 0 ? [] : tokens.Where(t => on(t, first, end)).ToList();
            if (random.Next(2) == 0) own = own.Where((_, k) => k % 2 == 0).ToList(); // fewer tokens than before on those lines
            var expected = SemanticTokens.Encode([.. kept.Concat(own).OrderBy(t => t.Span.Start)], lines);
            Assert.Equal(expected, SemanticTokens.ReplaceLines(data, first, end, SemanticTokens.Encode(own, lines)).ToArray());
        }
        Assert.Equal(data, SemanticTokens.ReplaceLines(data, 0, last, data).ToArray());
        Assert.Empty(SemanticTokens.ReplaceLines(data, 0, last, []).ToArray());
    }

    [Theory]
    [MemberData(nameof(AllNotes))]
    public void Semantic_token_delta_between_encodings_in_pieces_is_the_one_between_the_whole_arrays(string fixture)
    {
        // Two versions typed on one basis (the same block or another), or one on the basis and one whole.
        var analysis = Load(fixture);
        var lines = analysis.Document.Lines;
        var tokens = SemanticTokens.For(analysis);
        var data = SemanticTokens.Encode(tokens, lines);
        var random = new Random(fixture.Length * 7);
        int last = lines.LineCount - 1;
        EncodedTokens Typed()
        {
            int first = random.Next(last + 1), end = Math.Min(last, first + random.Next(6));
            bool on(SemanticToken t) => lines.GetLine(t.Span.Start) is var l && l >= first && l <= end;
            var own = tokens.Where(on).Where((_, k) => random.Next(4) != 0).ToList();
            return SemanticTokens.ReplaceLines(data, first, end, SemanticTokens.Encode(own, lines));
        }
        for (int i = 0; i < 60; i++)
        {
            var previous = i % 5 == 0 ? new EncodedTokens(data) : Typed();
            var current = i % 7 == 0 ? new EncodedTokens(previous.ToArray()) : i % 3 == 0 ? previous : Typed();
            var edits = SemanticTokens.Delta(previous, current);
            var (before, after) = (previous.ToArray(), current.ToArray());
            Assert.Equal(after, SemanticTokens.Apply(before, edits));
            // The same single edit a plain comparison of the arrays gives: the longest common prefix and suffix in whole tokens.
            int max = Math.Min(before.Length, after.Length), prefix = 0, suffix = 0;
            while (prefix < max && before[prefix] == after[prefix]) prefix++;
            prefix -= prefix % 5;
            if (prefix == before.Length && prefix == after.Length)
            {
                Assert.Empty(edits);
                continue;
            }
            while (suffix < max - prefix && before[^(suffix + 1)] == after[^(suffix + 1)]) suffix++;
            suffix -= suffix % 5;
            var edit = Assert.Single(edits);
            Assert.Equal((prefix, before.Length - prefix - suffix), (edit.Start, edit.DeleteCount));
            Assert.Equal(after[prefix..^suffix], edit.Data.ToArray());
        }
    }

    [Fact]
    public void Semantic_token_delta_turns_the_previous_encoding_into_the_current_one()
    {
        string before = "Note.\n\n{{< orbit_review >}}\nQ one?\nA one.\n\nQ two?\nA two.\n{{< /orbit_review >}}\n";
        string after = before.Replace("Q one?\n", "Q one?\n<div>\n");
        var lines0 = LineMap.Create(before);
        var lines1 = LineMap.Create(after);
        var previous = SemanticTokens.Encode(SemanticTokens.For(NoteAnalyzer.Analyze(before)), lines0);
        var current = SemanticTokens.Encode(SemanticTokens.For(NoteAnalyzer.Analyze(after)), lines1);
        var edits = SemanticTokens.Delta(previous, current);
        Assert.Single(edits);
        Assert.True(edits[0].Start > 0, "the unchanged opening tag is not re-sent");
        Assert.Equal(0, edits[0].Start % 5);
        Assert.Equal(current, SemanticTokens.Apply(previous, edits));
        Assert.Empty(SemanticTokens.Delta(current, current));
    }

    [Fact]
    public void Semantic_tokens_encode_positions_relative_to_the_previous_token_in_utf16()
    {
        var analysis = NoteAnalyzer.Analyze("Note.\n\n{{< orbit_review >}}\n😀 Q?\nA.\n{{< /orbit_review >}}\n");
        var data = SemanticTokens.Encode(SemanticTokens.For(analysis), analysis.Document.Lines);
        // {{< orbit_review | >}} | 😀 Q? | A. | {{< /orbit_review | >}}
        Assert.Equal([2, 0, 16, 2, 0, 0, 17, 3, 2, 0, 1, 0, 5, 0, 0, 1, 0, 2, 1, 0, 1, 0, 17, 2, 0, 0, 18, 3, 2, 0], data);
    }

    [Fact]
    public void Workspace_symbols_find_questions_by_characters_in_order_any_case_best_first()
    {
        var notes = new (string, NoteAnalysis)[]
        {
            ("a.md", NoteAnalyzer.Analyze("Note.\n{{< orbit_review >}}\nWhat is the capital of Peru?\nLima.\nWhich river flows through Manaus?\nThe Amazon.\n{{< /orbit_review >}}\n")),
            ("b.md", NoteAnalyzer.Analyze("Note.\n{{< orbit_review >}}\nCapital of Chile?\nSantiago.\n{{< /orbit_review >}}\n")),
        };
        var found = WorkspaceSymbols.Match(notes, "capital");
        Assert.Equal(["b.md Capital of Chile?", "a.md What is the capital of Peru?"], found.Select(s => s.File + " " + s.Name));
        Assert.Equal(["a.md Which river flows through Manaus?"], WorkspaceSymbols.Match(notes, "RVR mns").Select(s => s.File + " " + s.Name));
        Assert.Empty(WorkspaceSymbols.Match(notes, "zebra"));
        Assert.Equal(3, WorkspaceSymbols.Match(notes, "").Length);
    }

    [Fact]
    public void Inlay_hints_outside_the_visible_range_are_left_out()
    {
        string text = "Note.\n{{< orbit_review >}}\nQ one?\nA one.\nQ two?\nA two.\n{{< /orbit_review >}}\n";
        var analysis = NoteAnalyzer.Analyze(text);
        int from = text.IndexOf("Q two", StringComparison.Ordinal);
        var hints = InlayHints.For(analysis, new TextSpan(from, 3));
        Assert.Equal(["Q2"], hints.Select(h => h.Label));
    }

    [Fact]
    public void Only_the_first_prompt_a_stray_line_shifts_carries_the_warning_mark()
    {
        string text = "Note.\n{{< orbit_review >}}\nQ one?\nA one.\n<div>\nQ two?\nA two.\nQ three?\nA three.\n{{< /orbit_review >}}\n";
        var hints = InlayHints.For(NoteAnalyzer.Analyze(text), new TextSpan(0, text.Length));
        Assert.Equal(["Q1", "A1", "Q2 ⚠", "A2", "Q3", "A3", "Q4"], hints.Select(h => h.Label));
        Assert.All(hints.Skip(2), h => Assert.True(h.Shifted));
    }

    [Theory]
    [MemberData(nameof(AllNotes))]
    public void Lenses_hints_symbols_and_folding_stay_inside_the_text_on_every_fixture(string fixture)
    {
        var analysis = Load(fixture);
        string text = analysis.Document.Text;
        var all = new TextSpan(0, text.Length);
        Assert.All(CodeLenses.For(analysis), l => Assert.True(all.Contains(l.Span)));
        Assert.All(InlayHints.For(analysis, all), h => Assert.True(all.Touches(h.Offset)));
        Assert.All(DocumentSymbols.For(analysis), s => Assert.True(s.Span.Contains(s.SelectionSpan)));
        Assert.All(FoldingRanges.For(analysis), f => Assert.True(all.Contains(f.Span)));
    }

    [Theory]
    [MemberData(nameof(AllNotes))]
    public void A_lens_counts_the_due_cards_of_its_own_block_on_every_fixture(string fixture)
    {
        var analysis = Load(fixture);
        // "Due" here: every other card by its key, so that a count taken from another block differs.
        static bool Due(OrbitLsp.Core.Review.CardKey key) => (key.GetHashCode() & 1) == 0;
        var expected = OrbitLsp.Core.Cards.CardExtractor.PublishedBlocks(analysis.Document)
            .Where(b => b.Block.Prompts.Length > 0)
            .Select(b => $"{b.Block.OpenSpan.Start}: Review · {OrbitLsp.Core.Review.ReviewCards.Of(analysis, x => ReferenceEquals(x, b.Block)).Count(c => Due(c.Key))} due");
        var lenses = CodeLenses.For(analysis, c => Due(c.Key)).Where(l => l.Kind == BlockLensKind.Review)
            .Select(l => $"{l.Span.Start}: Review · {l.Title.Split(" · ")[1]}");
        Assert.Equal(expected, lenses);
        // The cards are made once per analysis.
        Assert.Same(OrbitLsp.Core.Review.ReviewCards.All(analysis), OrbitLsp.Core.Review.ReviewCards.All(analysis));
    }

    [Theory]
    [MemberData(nameof(AllNotes))]
    public void The_card_a_hover_reads_is_the_one_its_blocks_cards_give_at_every_offset(string fixture)
    {
        var analysis = Load(fixture);
        var text = analysis.Document.Text;
        for (int offset = 0; offset <= text.Length; offset++)
        {
            if (HoverContent.At(analysis, offset) is not { } hover) continue;
            var expected = OrbitLsp.Core.Review.ReviewCards.Of(analysis, b => b.Span.Touches(offset))
                .FirstOrDefault(c => c.Card.Span.Touches(offset) && c.Card.Span.OverlapsWith(hover.Span));
            var found = OrbitLsp.Core.Review.ReviewCards.At(analysis, offset, hover.Span);
            Assert.Equal(expected is null ? null : (expected.Key, expected.Card.Color), found);
        }
    }
}
