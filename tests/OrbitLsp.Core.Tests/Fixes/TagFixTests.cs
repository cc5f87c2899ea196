namespace OrbitLsp.Core.Tests.Fixes;

public class TagFixTests
{
    [Fact]
    public void An_unclosed_block_is_closed_before_the_next_heading() =>
        FixCheck.Apply("Notes.\n\n{{<orbit_review color=\"blue\">}}$0\nQ1?\nA1.\n\n## Next\n\nProse.\n",
            "Close the block after line 5",
            "Notes.\n\n{{<orbit_review color=\"blue\">}}\nQ1?\nA1.\n{{</orbit_review>}}\n\n## Next\n\nProse.\n", safe: true);

    [Fact]
    public void Closing_before_a_paragraph_is_a_guess_that_fix_all_leaves_alone() =>
        FixCheck.Apply("Notes.\n\n{{< orbit_review >}}$0\nQ1?\nA1.\n\nMore text.\n",
            "Close the block after line 5",
            "Notes.\n\n{{< orbit_review >}}\nQ1?\nA1.\n{{< /orbit_review >}}\n\nMore text.\n", safe: false);

    // Not safe while the block's '\r' lines shift it: fix-all converts the line endings first.
    [Fact]
    public void A_closing_tag_in_a_crlf_note_ends_in_crlf() =>
        FixCheck.Apply("Notes.\r\n\r\n{{<orbit_review>}}$0\r\nQ1?\r\nA1.",
            "Close the block after line 5",
            "Notes.\r\n\r\n{{<orbit_review>}}\r\nQ1?\r\nA1.\r\n{{</orbit_review>}}", safe: false);

    [Fact]
    public void A_block_closed_twice_loses_its_second_closing_tag() =>
        FixCheck.Apply("Notes.\n\n{{<orbit_review>}}\nQ1?\nA1.\n{{</orbit_review>}}\n{{</orbit_review>}}$0\n",
            "Delete the closing tag that closes nothing",
            "Notes.\n\n{{<orbit_review>}}\nQ1?\nA1.\n{{</orbit_review>}}\n", safe: true);

    [Fact]
    public void A_single_quoted_colour_gets_double_quotes() =>
        FixCheck.Apply("Notes.\n\n{{< orbit_review color='green'$0 >}}\nQ1?\nA1.\n{{</orbit_review>}}\n",
            "Use double quotes: color=\"green\"",
            "Notes.\n\n{{< orbit_review color=\"green\" >}}\nQ1?\nA1.\n{{</orbit_review>}}\n", safe: true);

    [Fact]
    public void A_single_quoted_colour_touching_the_delimiter_gets_double_quotes() =>
        FixCheck.Apply("Notes.\n\n{{<orbit_review color='green'$0>}}\nQ1?\nA1.\n{{</orbit_review>}}\n",
            "Use double quotes: color=\"green\"",
            "Notes.\n\n{{<orbit_review color=\"green\">}}\nQ1?\nA1.\n{{</orbit_review>}}\n", safe: true);

    [Fact]
    public void An_unquoted_colour_touching_the_delimiter_gets_quoted() =>
        FixCheck.Apply("Notes.\n\n{{<orbit_review color=red$0>}}\nQ1?\nA1.\n{{</orbit_review>}}\n",
            "Quote the value: color=\"red\"",
            "Notes.\n\n{{<orbit_review color=\"red\">}}\nQ1?\nA1.\n{{</orbit_review>}}\n", safe: true);

    [Fact]
    public void A_colour_in_capitals_is_written_in_lower_case() =>
        FixCheck.Apply("Notes.\n\n{{<orbit_review color=\"Blue\"$0>}}\nQ1?\nA1.\n{{</orbit_review>}}\n",
            "Change the colour to 'blue'",
            "Notes.\n\n{{<orbit_review color=\"blue\">}}\nQ1?\nA1.\n{{</orbit_review>}}\n", safe: true);

    [Fact]
    public void A_misspelt_colour_gets_the_nearest_one_but_only_on_request() =>
        FixCheck.Apply("Notes.\n\n<orbit-reviewarea color=\"gren\"$0>\n<orbit-prompt question=\"Q1?\" answer=\"A1.\"></orbit-prompt>\n</orbit-reviewarea>\n",
            "Change the colour to 'green'",
            "Notes.\n\n<orbit-reviewarea color=\"green\">\n<orbit-prompt question=\"Q1?\" answer=\"A1.\"></orbit-prompt>\n</orbit-reviewarea>\n", safe: false);

    [Fact]
    public void A_colour_with_no_near_name_gets_no_fix() =>
        FixCheck.NotOffered("Notes.\n\n{{<orbit_review color=\"chartreuse\"$0>}}\nQ1?\nA1.\n{{</orbit_review>}}\n", "Change the colour");

    [Fact]
    public void An_empty_colour_is_written_as_the_purple_the_block_gets() =>
        FixCheck.Apply("Notes.\n\n{{<orbit_review color=\"\"$0>}}\nQ1?\nA1.\n{{</orbit_review>}}\n",
            "Write color=\"purple\", the colour the block gets now",
            "Notes.\n\n{{<orbit_review color=\"purple\">}}\nQ1?\nA1.\n{{</orbit_review>}}\n", safe: true);

    [Fact]
    public void A_positional_colour_becomes_the_named_parameter() =>
        FixCheck.Apply("Notes.\n\n{{< orbit_review \"green\"$0 >}}\nQ1?\nA1.\n{{</orbit_review>}}\n",
            "Write color=\"green\"",
            "Notes.\n\n{{< orbit_review color=\"green\" >}}\nQ1?\nA1.\n{{</orbit_review>}}\n", safe: true);

    [Fact]
    public void A_positional_word_that_is_no_colour_is_removed() =>
        FixCheck.Apply("Notes.\n\n{{< orbit_review big$0 >}}\nQ1?\nA1.\n{{</orbit_review>}}\n",
            "Remove the ignored parameter 'big'",
            "Notes.\n\n{{< orbit_review >}}\nQ1?\nA1.\n{{</orbit_review>}}\n", safe: true);

    [Fact]
    public void An_unknown_parameter_is_removed() =>
        FixCheck.Apply("Notes.\n\n{{< orbit_review color=\"green\" title=\"Proteins\"$0 >}}\nQ1?\nA1.\n{{</orbit_review>}}\n",
            "Remove the ignored parameter 'title'",
            "Notes.\n\n{{< orbit_review color=\"green\" >}}\nQ1?\nA1.\n{{</orbit_review>}}\n", safe: true);

    [Fact]
    public void A_parameter_spelt_colour_is_renamed_on_request_only() =>
        FixCheck.Apply("Notes.\n\n{{< orbit_review colour=\"green\"$0 >}}\nQ1?\nA1.\n{{</orbit_review>}}\n",
            "Rename 'colour' to color",
            "Notes.\n\n{{< orbit_review color=\"green\" >}}\nQ1?\nA1.\n{{</orbit_review>}}\n", safe: false);

    [Fact]
    public void A_block_in_a_code_fence_is_escaped() =>
        FixCheck.Apply("Notes.\n\n```markdown\n{{<orbit_review color=\"blue\">}}$0\nQ1?\nA1.\n{{</orbit_review>}}\n```\n",
            "Escape the block so the code shows it as text",
            "Notes.\n\n```markdown\n{{</* orbit_review color=\"blue\" */>}}\nQ1?\nA1.\n{{</* /orbit_review */>}}\n```\n", safe: true);

    [Fact]
    public void A_percent_block_in_a_code_fence_is_escaped_in_its_own_notation() =>
        FixCheck.Apply("Notes.\n\n```\n{{% orbit_review %}}$0\nQ1?\nA1.\n{{% /orbit_review %}}\n```\n",
            "Escape the block so the code shows it as text",
            "Notes.\n\n```\n{{%/* orbit_review */%}}\nQ1?\nA1.\n{{%/* /orbit_review */%}}\n```\n", safe: true);

    [Fact]
    public void A_block_in_an_html_comment_is_escaped_on_request_only() =>
        FixCheck.Apply("Notes.\n\n<!--\n{{<orbit_review>}}$0\nQ1?\nA1.\n{{</orbit_review>}}\n-->\n",
            "Escape the block: keep it as a note that publishes no cards",
            "Notes.\n\n<!--\n{{</* orbit_review */>}}\nQ1?\nA1.\n{{</* /orbit_review */>}}\n-->\n", safe: false);

    [Fact]
    public void An_apostrophe_in_a_flashcard_is_written_as_a_character_reference() =>
        FixCheck.Apply("Notes.\n\n{{< orbit_review_start color=\"blue\" >}}\n{{< orbit_flashcard question=\"What's$0 up?\" answer=\"Sky.\" >}}\n{{< orbit_review_end >}}\n",
            "Write each apostrophe as &#39; so the card shows the whole text",
            "Notes.\n\n{{< orbit_review_start color=\"blue\" >}}\n{{< orbit_flashcard question=\"What&#39;s up?\" answer=\"Sky.\" >}}\n{{< orbit_review_end >}}\n", safe: false);
}
