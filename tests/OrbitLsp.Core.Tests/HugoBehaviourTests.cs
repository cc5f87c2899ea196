using OrbitLsp.Core.Analysis;
using OrbitLsp.Core.Cards;

namespace OrbitLsp.Core.Tests;

/// <summary>
/// The facts of ORBIT-FORMAT §2a, one case each: a note, the diagnostics expected as
/// "CODE@line" (1-based), and what the page gets.
/// </summary>
public class HugoBehaviourTests
{
    private const string Pair = "\nQ?\nA\n";

    private static (List<string> Found, NoteAnalysis Analysis) Analyze(string note)
    {
        var analysis = NoteAnalyzer.Analyze("Intro.\n\n" + note);
        return (analysis.Diagnostics.Select(d => $"{d.Code}@{analysis.Document.GetPosition(d.Span.Start).Line + 1 - 2}").ToList(), analysis);
    }

    [Theory]
    [InlineData("{{<orbit_review color='blue'>}}" + Pair + "{{</orbit_review>}}", "OL012@1")]
    [InlineData("{{<orbit_review color=blue>}}" + Pair + "{{</orbit_review>}}", "OL013@1")]
    [InlineData("{{< orbit_review color='blue' >}}" + Pair + "{{</orbit_review>}}", "OL012@1")]
    [InlineData("{{< orbit_review color=blue >}}" + Pair + "{{</orbit_review>}}", "")]
    [InlineData("{{< orbit_review color=`blue` >}}" + Pair + "{{</orbit_review>}}", "")]
    [InlineData("{{< orbit_review\n    color=\"blue\"\n>}}" + Pair + "{{</orbit_review>}}", "")]
    [InlineData("{{<orbit_review \"blue\">}}" + Pair + "{{</orbit_review>}}", "OL022@1")]
    [InlineData("{{<orbit_review extra=\"1\">}}" + Pair + "{{</orbit_review>}}", "OL023@1")]
    [InlineData("{{<orbit_review \"blue\" color=\"red\">}}" + Pair + "{{</orbit_review>}}", "OL014@1")]
    [InlineData("{{<orbit_review>}}" + Pair + "{{% /orbit_review %}}", "")]
    [InlineData("{{<orbit_review>}}" + Pair, "OL010@1")]
    [InlineData("Text." + Pair + "{{</orbit_review>}}", "OL011@4")]
    [InlineData("{{<orbit_review color=\"red\" />}}" + Pair, "OL024@1")]
    [InlineData("{{<orbit_review color=\"Blue\">}}" + Pair + "{{</orbit_review>}}", "OL020@1")]
    [InlineData("{{<orbit_review color=\"\">}}" + Pair + "{{</orbit_review>}}", "OL021@1")]
    [InlineData("{{<orbit_review>}}\nQ?\n\tA\n\t\n{{</orbit_review>}}", "OL002@4,OL001@4")]
    [InlineData("{{<orbit_review>}}\nQ?\nA\n\u00A0\nQ2?\nA2\n{{</orbit_review>}}", "OL002@4,OL001@6")]
    [InlineData("{{<orbit_review>}}\n<div>\nQ?\nA\n{{</orbit_review>}}", "OL003@2,OL001@4")]
    [InlineData("{{<orbit_review>}}\nQ?\n{{< figure src=\"x\" >}}\nA\n{{</orbit_review>}}", "OL004@3")]
    [InlineData("{{<orbit_review>}}\n**Q?**\nA\n***\n{{</orbit_review>}}", "OL026@2,OL027@4")]
    [InlineData("```\n{{<orbit_review>}}" + Pair + "{{</orbit_review>}}\n```", "OL030@2")]
    [InlineData("<!--\n{{<orbit_review>}}" + Pair + "{{</orbit_review>}}\n-->", "OL031@2")]
    [InlineData("{{</* orbit_review */>}}\nQ?\n{{</* /orbit_review */>}}", "")]
    [InlineData("{{<orbit_review>}}\nQ?\nA\n{{<orbit_review>}}" + Pair + "{{</orbit_review>}}\n{{</orbit_review>}}", "OL007@4,OL001@4")]
    [InlineData("{{<orbit_review>}}\nQ costs $5?\nA\n{{</orbit_review>}}", "OL060@2")]
    [InlineData("{{<orbit_review>}}\nQ is $x$ and $$y$$?\nA\n{{</orbit_review>}}", "")]
    [InlineData("{{<orbit_review>}}\n{{</orbit_review>}}", "OL025@1")]
    public void Each_Hugo_fact_gets_its_diagnostic(string note, string expected)
    {
        var (found, _) = Analyze(note);
        var want = expected.Length == 0 ? [] : expected.Split(',').ToList();
        Assert.Equal(want.Order(), found.Where(f => !f.StartsWith("OL048", StringComparison.Ordinal)).Order());
    }

    [Fact]
    public void A_positional_colour_is_ignored_and_the_block_is_purple()
    {
        var (_, analysis) = Analyze("{{<orbit_review \"blue\">}}" + Pair + "{{</orbit_review>}}");
        Assert.Equal("purple", Assert.Single(CardExtractor.Extract(analysis)).Color);
    }

    [Fact]
    public void A_spaced_single_quoted_colour_keeps_its_quotes()
    {
        var (_, analysis) = Analyze("{{< orbit_review color='blue' >}}" + Pair + "{{</orbit_review>}}");
        Assert.Equal("'blue'", Assert.Single(CardExtractor.Extract(analysis)).Color);
    }

    [Fact]
    public void Crlf_blocks_publish_carriage_returns_and_shifted_pairs()
    {
        var analysis = NoteAnalyzer.Analyze("Intro.\r\n\r\n{{<orbit_review>}}\r\nQ1?\r\nA1\r\n\r\nQ2?\r\nA2\r\n{{</orbit_review>}}\r\n");
        var cards = CardExtractor.Extract(analysis);
        // The inner text starts right after ">}}", so even its first line is a lone '\r'.
        Assert.Equal(["\r", "A1\r", "Q2?\r"], cards.Select(c => c.Question));
        Assert.Equal(["Q1?\r", "\r", "A2\r"], cards.Select(c => c.Answer));
        Assert.Contains(analysis.Diagnostics, d => d.Code == "OL006");
    }

    [Fact]
    public void A_block_in_an_html_comment_is_published_hidden()
    {
        var (_, analysis) = Analyze("<!--\n{{<orbit_review>}}" + Pair + "{{</orbit_review>}}\n-->");
        Assert.True(Assert.Single(CardExtractor.Extract(analysis)).Hidden);
    }

    [Fact]
    public void A_percent_block_in_a_code_fence_publishes_no_review_area()
    {
        var (_, analysis) = Analyze("```\n{{% orbit_review %}}" + Pair + "{{% /orbit_review %}}\n```");
        Assert.Empty(CardExtractor.Extract(analysis));
    }

    [Fact]
    public void Escaped_calls_are_text()
    {
        var (_, analysis) = Analyze("{{</* orbit_review */>}}\nQ?\nA\n{{</* /orbit_review */>}}");
        Assert.Empty(analysis.Document.Blocks);
    }

    [Fact]
    public void Legacy_flashcards_cut_values_at_an_apostrophe()
    {
        var (found, analysis) = Analyze("{{< orbit_review_start color=\"blue\" >}}\n{{< orbit_flashcard question=\"What's this?\" answer=\"A\" >}}\n{{< orbit_review_end >}}");
        Assert.Equal("What", Assert.Single(CardExtractor.Extract(analysis)).Question);
        Assert.Contains("OL042@2", found);
    }

    [Fact]
    public void Raw_html_prompts_wrapped_by_markdown_are_ignored()
    {
        var (found, analysis) = Analyze("<orbit-reviewarea color=\"blue\">\n  <orbit-prompt question=\"Q1\" answer=\"A1\"></orbit-prompt>\n\n  <orbit-prompt question=\"Q2\" answer=\"A2\"></orbit-prompt>\n</orbit-reviewarea>");
        Assert.Equal(["Q1"], CardExtractor.Extract(analysis).Select(c => c.Question));
        Assert.Contains("OL045@4", found);
    }
}
