using OrbitLsp.Core.Analysis;
using OrbitLsp.Core.Cards;
using OrbitLsp.Core.Diagnostics;

namespace OrbitLsp.Core.Tests;

/// <summary>The real notes in examples/, with their real problems asserted line by line.</summary>
public class ExampleNoteTests
{
    private static NoteAnalysis Load(string name) =>
        NoteAnalyzer.Analyze(File.ReadAllText(Path.Combine(Snapshot.RepoRoot, "examples", name)));

    private static List<(int Line, string Code, Severity Severity)> Found(NoteAnalysis a) =>
        a.Diagnostics.Select(d => (a.Document.GetPosition(d.Span.Start).Line + 1, d.Code, d.Severity)).ToList();

    [Fact]
    public void Misalignment_reports_the_unanswered_line_171_as_an_error()
    {
        var found = Found(Load("misalignment.md"));
        Assert.Contains((171, "OL001", Severity.Error), found);
    }

    [Fact]
    public void Misalignment_reports_the_stray_reviewarea_line_154_as_the_cause_of_the_shift()
    {
        var analysis = Load("misalignment.md");
        Assert.Contains((154, "OL003", Severity.Error), Found(analysis));
        var unanswered = analysis.Diagnostics.Single(d => d.Code == "OL001");
        Assert.Equal(154, analysis.Document.GetPosition(Assert.Single(unanswered.Related).Span.Start).Line + 1);
    }

    [Fact]
    public void Misalignment_reports_the_prompts_of_lines_144_to_151_as_duplicates_of_lines_30_to_37()
    {
        var analysis = Load("misalignment.md");
        var duplicates = analysis.Diagnostics.Where(d => d.Code == "OL028").ToList();
        Assert.Equal([144, 146, 148, 150], duplicates.Select(d => analysis.Document.GetPosition(d.Span.Start).Line + 1));
        Assert.Equal([30, 32, 34, 36], duplicates.Select(d => analysis.Document.GetPosition(d.Related[0].Span.Start).Line + 1));
        Assert.All(duplicates, d => Assert.Equal(analysis.Document.GetPosition(d.Span.Start).Line + 2, analysis.Document.GetPosition(d.Span.End).Line + 1));
    }

    [Fact]
    public void Misalignment_third_block_publishes_swapped_cards_and_a_blank_answer()
    {
        var analysis = Load("misalignment.md");
        var third = CardExtractor.Extract(analysis).Where(c => c.Block == 2).ToList();
        Assert.Equal(11, third.Count);
        Assert.Equal("<orbit-reviewarea>", third[4].Question);
        Assert.Equal("Roughly speaking, a ___ is an optimizer that optimizes optimizers", third[4].Answer);
        Assert.Equal("Meta-optimizer.", third[5].Question);
        Assert.Equal("A mesa-optimizer.", third[10].Question);
        Assert.Equal("", third[10].Answer);
        Assert.Contains("OL001", third[10].Problems);
        Assert.All(third.Skip(4), c => Assert.Contains("OL003", c.Problems));
        Assert.All(third.Take(4), c => Assert.DoesNotContain("OL003", c.Problems));
    }

    [Fact]
    public void What_is_orbit_has_no_problems()
    {
        var analysis = Load("what-is-orbit.md");
        Assert.Empty(analysis.Diagnostics);
        Assert.Equal(3, CardExtractor.Extract(analysis).Length);
    }
}
