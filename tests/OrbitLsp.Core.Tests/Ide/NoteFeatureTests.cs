using System.Text;
using OrbitLsp.Core.Analysis;
using OrbitLsp.Core.Ide;
using OrbitLsp.Core.Text;

namespace OrbitLsp.Core.Tests.Ide;

/// <summary>
/// Whole-note features on every note of <c>Ide/Fixtures/notes</c>, each compared with its dump
/// (<c>note.md.lenses</c>, <c>.hints</c>, <c>.tokens</c>, <c>.symbols</c>, <c>.folding</c>).
/// </summary>
public class NoteFeatureTests
{
    public static TheoryData<string> Notes() => IdeFixtures.NotesAndExamples();

    private static NoteAnalysis Analyze(string fixture) => NoteAnalyzer.Analyze(IdeFixtures.Read(fixture));

    [Theory]
    [MemberData(nameof(Notes))]
    public void Code_lenses_sit_on_each_published_block_with_its_prompt_and_problem_counts(string fixture)
    {
        var analysis = Analyze(fixture);
        var labels = CodeLenses.For(analysis)
            .GroupBy(l => analysis.Document.Lines.LineStart(analysis.Document.Lines.GetLine(l.Span.Start)))
            .Select(g => (g.Key, "▸ " + string.Join(" | ", g.Select(l => $"{l.Title} ({l.Kind}, block {l.BlockIndex}, published {l.PublishedIndex})")) + "\n"));
        IdeFixtures.Check(fixture, "lenses", IdeFixtures.Annotate(analysis.Document.Text, labels));
    }

    [Theory]
    [MemberData(nameof(Notes))]
    public void Inlay_hints_label_every_prompt_line_with_its_role_in_the_pairing(string fixture)
    {
        var analysis = Analyze(fixture);
        var hints = InlayHints.For(analysis, new TextSpan(0, analysis.Document.Text.Length));
        var labels = hints.Select(h => (h.Offset, "⟨" + h.Label + "⟩"));
        var tooltips = string.Concat(hints.Where(h => h.Tooltip is not null).Select(h => $"tooltip {h.Label}: {h.Tooltip}\n"));
        IdeFixtures.Check(fixture, "hints", IdeFixtures.Annotate(analysis.Document.Text, labels) + "\n== tooltips ==\n" + tooltips);
    }

    [Theory]
    [MemberData(nameof(Notes))]
    public void Semantic_tokens_tell_questions_answers_tags_values_and_math_apart(string fixture)
    {
        var analysis = Analyze(fixture);
        var doc = analysis.Document;
        var tokens = SemanticTokens.For(analysis);
        var sb = new StringBuilder();
        for (int line = 0; line < doc.Lines.LineCount; line++)
        {
            int start = doc.Lines.LineStart(line), end = doc.Lines.LineEnd(line, doc.Text);
            sb.Append($"{line + 1,3} | {Snapshot.Visible(doc.Text[start..end])}\n");
            foreach (var t in tokens.Where(t => doc.Lines.GetLine(t.Span.Start) == line))
            {
                int col = t.Span.Start - start;
                sb.Append("    | ").Append(new string(' ', col)).Append(new string('^', Math.Max(1, t.Span.Length)))
                  .Append(' ').Append(SemanticTokenLegend.TokenTypes[(int)t.Type]);
                if (t.Modifiers != SemanticTokenModifiers.None) sb.Append(" [").Append(t.Modifiers.ToString().ToLowerInvariant()).Append(']');
                sb.Append('\n');
            }
        }
        IdeFixtures.Check(fixture, "tokens", sb.ToString());
    }

    [Theory]
    [MemberData(nameof(Notes))]
    public void Document_symbols_list_blocks_and_their_prompts_named_by_question(string fixture)
    {
        var analysis = Analyze(fixture);
        var sb = new StringBuilder();
        void Dump(NoteSymbol s, int depth)
        {
            sb.Append(new string(' ', depth * 2)).Append($"{s.Kind} {IdeFixtures.Quote(s.Name)}")
              .Append(s.Detail is null ? "" : $" ({Snapshot.Visible(s.Detail)})").Append('\n')
              .Append(new string(' ', depth * 2 + 2)).Append("range ").Append(Range(analysis, s.Span))
              .Append(" selection ").Append(IdeFixtures.Describe(analysis.Document.Text, analysis.Document.Lines, s.SelectionSpan)).Append('\n');
            foreach (var c in s.Children) Dump(c, depth + 1);
        }
        foreach (var s in DocumentSymbols.For(analysis)) Dump(s, 0);
        IdeFixtures.Check(fixture, "symbols", sb.ToString());
    }

    [Theory]
    [MemberData(nameof(Notes))]
    public void Folding_ranges_cover_the_front_matter_and_each_block(string fixture)
    {
        var analysis = Analyze(fixture);
        var lines = analysis.Document.Lines;
        var dump = string.Concat(FoldingRanges.For(analysis).Select(f =>
            $"lines {lines.GetLine(f.Span.Start) + 1}-{lines.GetLine(f.Span.End - 1) + 1} {f.Kind} \"{f.CollapsedText}\"\n"));
        IdeFixtures.Check(fixture, "folding", dump);
    }

    private static string Range(NoteAnalysis analysis, TextSpan span)
    {
        var r = analysis.Document.GetRange(span);
        return $"[{r.Start.Line + 1}:{r.Start.Character + 1}-{r.End.Line + 1}:{r.End.Character + 1}]";
    }
}
