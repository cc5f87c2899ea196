using CsCheck;
using OrbitLsp.Core.Analysis;
using OrbitLsp.Core.Model;

namespace OrbitLsp.Core.Tests;

/// <summary>
/// A large note is read and checked on two threads (NoteParser.ParallelFrom): the result must be
/// what one thread gives, diagnostic for diagnostic and card for card.
/// </summary>
public class ParallelAnalysisTests
{
    [Fact]
    public void Two_threads_give_what_one_thread_gives_on_any_text()
    {
        PropertyTests.Note.Sample(text =>
            Assert.Equal(Snapshot.Dump(NoteAnalyzer.Analyze(text, parallel: false)), Snapshot.Dump(NoteAnalyzer.Analyze(text, parallel: true))), iter: 2000);
    }

    [Fact]
    public void A_note_past_the_threshold_made_of_every_fixture_and_example_is_read_alike_on_two_threads()
    {
        var parts = new[] { "tests/fixtures", "examples" }
            .SelectMany(dir => Directory.EnumerateFiles(Path.Combine(Snapshot.RepoRoot, dir), "*.md", SearchOption.AllDirectories))
            .Order(StringComparer.Ordinal)
            .Select(File.ReadAllText)
            .Select(t => t.Replace("\0", ""))
            .ToList();
        var sb = new System.Text.StringBuilder();
        while (sb.Length < NoteParser.ParallelFrom)
            foreach (string part in parts) sb.Append(part).Append('\n');
        string text = sb.ToString();
        Assert.True(NoteParser.InParallel(text) || Environment.ProcessorCount == 1);
        var one = NoteAnalyzer.Analyze(text, parallel: false);
        var two = NoteAnalyzer.Analyze(text);
        Assert.True(one.Document.Blocks.Length > 1000, "the note holds many blocks");
        Assert.Equal(Compact(one), Compact(two));
    }

    /// <summary>Everything the features read, in a form quick to compare on a large note (the dump reads every line).</summary>
    private static List<string> Compact(NoteAnalysis analysis) =>
    [
        .. analysis.Diagnostics.Select(d => $"{d.Code} {d.Severity} {d.Span} {d.Message} {string.Join(";", d.Related.Select(r => $"{r.Span} {r.Message}"))}"),
        $"build failure {analysis.BuildFailure?.Code} {analysis.BuildFailure?.Span}",
        .. analysis.Document.Blocks.Select(b => $"{b.Index} {b.Form} {b.Placement} {b.Span} {b.IsClosed} {b.Color} " +
            string.Join(";", b.Prompts.Select(p => $"{p.Span} {p.QuestionSpan} {p.Question}|{p.Answer} {p.ShiftedBy?.LineSpan}"))),
        .. Cards.CardExtractor.Extract(analysis).Select(c => $"{c.Block} {c.Prompt} {c.Question}|{c.Answer} {c.Hidden} {string.Join(",", c.Problems)}"),
    ];
}

public class ParallelLineMapTests
{
    private static int[] Starts(Text.LineMap map) => [.. Enumerable.Range(0, map.LineCount).Select(map.LineStart)];

    [Fact]
    public void The_line_map_read_in_two_halves_is_the_map_read_in_one()
    {
        // Line breaks of every kind, often next to each other and next to the middle.
        CsCheck.Gen.String[CsCheck.Gen.Char["\r\n\ra"], 0, 40].Sample(text =>
            Assert.Equal(Starts(Text.LineMap.Create(text, parallel: false)), Starts(Text.LineMap.Create(text, parallel: true))), iter: 5000);
    }
}

public class ParallelLexerTests
{
    private static string Calls(System.Collections.Immutable.ImmutableArray<Syntax.ShortcodeCall> calls) =>
        string.Join("\n", calls.Select(c => $"{c.Span} {c.Name} {c.IsClosing} {c.IsSelfClosing} {c.IsEscaped}"));

    // Pieces of calls, whole and broken, so that calls often span the middle and "{{" often lies inside one.
    private static readonly CsCheck.Gen<string> Text = CsCheck.Gen.OneOf(
            CsCheck.Gen.OneOf<string>("{{<", "{{%", ">}}", "%}}", "{{", "}}", "{{< orbit_review >}}", "{{< /orbit_review >}}", "{{</* x */>}}",
                "\"", "`", " a=\"{{< x >}}\" ", "\n", "x"),
            CsCheck.Gen.String[CsCheck.Gen.Char["{<%>}\"/ a"], 0, 4])
        .Array[0, 40].Select(parts => string.Concat(parts));

    [Fact]
    public void The_calls_lexed_in_two_halves_are_the_calls_lexed_in_one()
    {
        Text.Select(CsCheck.Gen.Int[0, 100], CsCheck.Gen.Int[0, 100]).Sample((text, a, b) =>
        {
            int start = Math.Min(a, text.Length), end = Math.Max(start, text.Length - b);
            Assert.Equal(Calls(Syntax.ShortcodeLexer.Lex(text, start, end, parallel: false)), Calls(Syntax.ShortcodeLexer.Lex(text, start, end, parallel: true)));
        }, iter: 20000);
    }
}
