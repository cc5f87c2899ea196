using OrbitLsp.Core.Ide.Fixes;

namespace OrbitLsp.Core.Tests.Fixes;

public class RewriteAndSuppressionTests
{
    [Fact]
    public void Legacy_shortcodes_are_rewritten_as_one_orbit_review_block()
    {
        var fix = FixCheck.Apply(
            "Notes.\n\n{{< orbit_review_start$0 color=\"brown\" >}}\n{{< orbit_flashcard question=\"Which metal conducts best?\" answer=\"Silver &amp; copper.\" >}}\n{{< orbit_flashcard question=\"Q2?\" answer=\"A2.\" >}}\n{{< orbit_review_end >}}\nAfter.\n",
            "Rewrite as one orbit_review block",
            "Notes.\n\n{{< orbit_review color=\"brown\" >}}\nWhich metal conducts best?\nSilver & copper.\n\nQ2?\nA2.\n{{< /orbit_review >}}\nAfter.\n", safe: false);
        Assert.Equal(CodeFix.RefactorRewrite, fix.Kind);
        Assert.Equal("OL048", fix.DiagnosticCode);
    }

    [Fact]
    public void Raw_html_is_rewritten_as_one_orbit_review_block_with_the_decoded_text() =>
        FixCheck.Apply(
            "Notes.\n\n  <orbit-reviewarea color=\"blue\">$0\n  <orbit-prompt question=\"Is 1 &lt; 2?\" answer=\"Yes.\"></orbit-prompt>\n  </orbit-reviewarea>\n",
            "Rewrite as one orbit_review block",
            "Notes.\n\n  {{< orbit_review color=\"blue\" >}}\n  Is 1 < 2?\n  Yes.\n  {{< /orbit_review >}}\n", safe: false);

    [Fact]
    public void Raw_html_without_a_colour_says_the_block_becomes_purple() =>
        FixCheck.Apply(
            "Notes.\n\n<orbit-reviewarea>$0\n<orbit-prompt question=\"Q1?\" answer=\"A1.\"></orbit-prompt>\n</orbit-reviewarea>\n",
            "Rewrite as one orbit_review block (purple: the old form left the colour to the host name)",
            "Notes.\n\n{{< orbit_review >}}\nQ1?\nA1.\n{{< /orbit_review >}}\n", safe: false);

    [Fact]
    public void No_rewrite_when_an_apostrophe_cuts_a_flashcard_value() =>
        FixCheck.NotOffered("Notes.\n\n{{< orbit_review_start$0 >}}\n{{< orbit_flashcard question=\"What's up?\" answer=\"Sky.\" >}}\n{{< orbit_review_end >}}\n", "Rewrite");

    [Fact]
    public void No_rewrite_when_a_value_spans_lines() =>
        FixCheck.NotOffered("Notes.\n\n{{< orbit_review_start$0 >}}\n{{< orbit_flashcard question=`Two\nlines?` answer=\"Yes.\" >}}\n{{< orbit_review_end >}}\n", "Rewrite");

    [Fact]
    public void No_rewrite_of_a_cloze_prompt_or_of_an_area_holding_other_html() =>
        Assert.All(new[]
        {
            "Notes.\n\n<orbit-reviewarea>$0\n<orbit-prompt cloze=\"The capital of France is {Paris}.\"></orbit-prompt>\n</orbit-reviewarea>\n",
            "Notes.\n\n<orbit-reviewarea>$0\n<p>Intro</p>\n<orbit-prompt question=\"Q1?\" answer=\"A1.\"></orbit-prompt>\n</orbit-reviewarea>\n",
            "Notes.\n\n<orbit-reviewarea>$0\n<orbit-prompt question=\"**Bold?**\" answer=\"A1.\"></orbit-prompt>\n</orbit-reviewarea>\n",
        }, note => FixCheck.NotOffered(note, "Rewrite"));

    [Fact]
    public void A_diagnostic_outside_blocks_is_disabled_for_the_next_line() =>
        FixCheck.Apply("Notes.\n\n  {{< orbit_review \"green\"$0 >}}\n  Q1?\n  A1.\n  {{</orbit_review>}}\n",
            "Disable OL022 for this line",
            "Notes.\n\n  <!-- orbitlsp-disable-next-line OL022 -->\n  {{< orbit_review \"green\" >}}\n  Q1?\n  A1.\n  {{</orbit_review>}}\n", safe: false);

    [Fact]
    public void A_diagnostic_inside_a_block_is_disabled_around_the_block_not_inside_it() =>
        FixCheck.Apply("Notes.\r\n\r\n{{<orbit_review>}}\r\n\r\n".Replace("\r\n", "\n") + "Q1?\n<div>$0\nA1.\n{{</orbit_review>}}\nAfter.\n",
            "Disable OL003 for this block",
            "Notes.\n\n<!-- orbitlsp-disable OL003 -->\n{{<orbit_review>}}\n\nQ1?\n<div>\nA1.\n{{</orbit_review>}}\n<!-- orbitlsp-enable OL003 -->\nAfter.\n", safe: false);

    [Fact]
    public void A_diagnostic_in_yaml_front_matter_is_disabled_with_a_yaml_comment() =>
        FixCheck.Apply("---\ntitle: \"T\"\ndate: 2024-13-45$0\n---\n\nNotes.\n",
            "Disable OL071 for this line",
            "---\ntitle: \"T\"\n# <!-- orbitlsp-disable-next-line OL071 -->\ndate: 2024-13-45\n---\n\nNotes.\n", safe: false);

    [Fact]
    public void The_preferred_fix_comes_first_and_the_disable_comment_last()
    {
        var fixes = FixCheck.At("Notes.\n\n{{<orbit_review>}}\nQ1?\n<div>$0\nA1.\n{{</orbit_review>}}\n");
        Assert.True(fixes[0].IsPreferred);
        Assert.StartsWith("Disable", fixes[^1].Title);
        Assert.All(fixes, f => Assert.Equal(CodeFix.QuickFix, f.Kind));
    }

    [Fact]
    public void A_line_diff_turns_one_text_into_the_other()
    {
        string before = "a\nb\r\nc\nd\ne\n", after = "a\nB\r\nc\ne\nf";
        var edits = TextEdits.Diff(before, after);
        Assert.Equal(after, TextEdits.Apply(before, edits));
        Assert.Equal(3, edits.Count);
    }
}
