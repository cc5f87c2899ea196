namespace OrbitLsp.Core.Tests.Fixes;

public class PairingFixTests
{
    [Fact]
    public void An_unanswered_last_prompt_gets_a_placeholder_answer_that_fix_all_leaves_alone() =>
        FixCheck.Apply("Notes.\n\n{{<orbit_review>}}\nQ1?\nA1.\nQ2?$0\n{{</orbit_review>}}\n",
            "Add an answer placeholder line",
            "Notes.\n\n{{<orbit_review>}}\nQ1?\nA1.\nQ2?\nTODO: answer\n{{</orbit_review>}}\n", safe: false);

    [Fact]
    public void A_placeholder_before_a_closing_tag_on_the_same_line_goes_between_them() =>
        FixCheck.Apply("Notes.\n\n{{<orbit_review>}}\nQ1?$0{{</orbit_review>}}\n",
            "Add an answer placeholder line",
            "Notes.\n\n{{<orbit_review>}}\nQ1?\nTODO: answer\n{{</orbit_review>}}\n", safe: false);

    [Fact]
    public void A_prompt_left_over_by_a_stray_line_is_fixed_by_deleting_that_line() =>
        FixCheck.Apply("Notes.\n\n{{<orbit_review>}}\nQ1?\nA1.\n<div>\nQ2?\nA2.$0\n{{</orbit_review>}}\n",
            "Delete the stray line '<div>' that shifts the pairs",
            "Notes.\n\n{{<orbit_review>}}\nQ1?\nA1.\nQ2?\nA2.\n{{</orbit_review>}}\n", safe: true);

    [Fact]
    public void A_prompt_left_over_by_a_wrapped_question_gets_no_fix_it_cannot_be_sure_of() =>
        FixCheck.NotOffered("Notes.\n\n{{<orbit_review>}}\nQ1?\nA1.\n\nQ2 starts\nand goes on?\nA2.\n\nQ3?\nA3.$0\n{{</orbit_review>}}\n", "Add an answer");

    [Fact]
    public void A_tab_only_line_is_deleted_with_its_line_break() =>
        FixCheck.Apply("Notes.\n\n{{<orbit_review>}}\nQ1?\n\t$0\nA1.\n{{</orbit_review>}}\n",
            "Delete the invisible line 5 that shifts the pairs",
            "Notes.\n\n{{<orbit_review>}}\nQ1?\nA1.\n{{</orbit_review>}}\n", safe: true);

    [Fact]
    public void A_stray_tag_after_the_opening_tag_is_deleted_without_the_tag() =>
        FixCheck.Apply("Notes.\n\n{{<orbit_review>}}<!-- capitals -->$0\nQ1?\nA1.\n{{</orbit_review>}}\n",
            "Delete the stray line '<!-- capitals -->' that shifts the pairs",
            "Notes.\n\n{{<orbit_review>}}\nQ1?\nA1.\n{{</orbit_review>}}\n", safe: true);

    [Fact]
    public void A_lone_image_in_a_block_of_whole_pairs_may_be_an_answer_so_deleting_it_is_not_safe() =>
        FixCheck.Apply("Notes.\n\n{{<orbit_review>}}\nWhat does a heron look like?\n<img src=\"https://x.org/heron.png\">$0\n{{</orbit_review>}}\n",
            "Delete the stray line '<img src=\"https://x.org/heron.png\">' that shifts the pairs",
            "Notes.\n\n{{<orbit_review>}}\nWhat does a heron look like?\n{{</orbit_review>}}\n", safe: false);

    [Fact]
    public void A_line_of_asterisks_is_deleted() =>
        FixCheck.Apply("Notes.\n\n{{<orbit_review>}}\nQ1?\nA1.\n***$0\nQ2?\nA2.\n{{</orbit_review>}}\n",
            "Delete the line of '*' the shortcode drops",
            "Notes.\n\n{{<orbit_review>}}\nQ1?\nA1.\nQ2?\nA2.\n{{</orbit_review>}}\n", safe: true);

    [Fact]
    public void A_crlf_block_gets_lf_inside_and_the_rest_of_the_note_keeps_crlf() =>
        FixCheck.Apply("Notes.\r\n\r\n{{<orbit_review>}}$0\r\nQ1?\r\n\r\nA1.\r\n{{</orbit_review>}}\r\nAfter.\r\n",
            "Convert this block's line endings to LF",
            "Notes.\r\n\r\n{{<orbit_review>}}\nQ1?\n\nA1.\n{{</orbit_review>}}\r\nAfter.\r\n", safe: true);

    [Fact]
    public void The_later_copy_of_a_prompt_is_deleted_with_one_of_the_blank_lines_around_it() =>
        FixCheck.Apply("Notes.\n\n{{<orbit_review>}}\nQ1?\nA1.\n\nQ1?$0\nA1.\n\nQ2?\nA2.\n{{</orbit_review>}}\n",
            "Delete this duplicate prompt (the same is on line 4)",
            "Notes.\n\n{{<orbit_review>}}\nQ1?\nA1.\n\nQ2?\nA2.\n{{</orbit_review>}}\n", safe: true);

    [Fact]
    public void Emphasis_around_a_whole_line_can_be_kept_in_underscores() =>
        FixCheck.Apply("Notes.\n\n{{<orbit_review>}}\n**Q1?**$0\nA1.\n{{</orbit_review>}}\n",
            "Keep the emphasis: write __…__ instead of '*'",
            "Notes.\n\n{{<orbit_review>}}\n__Q1?__\nA1.\n{{</orbit_review>}}\n", safe: false);

    [Fact]
    public void A_bullet_can_be_written_as_the_card_shows_it() =>
        FixCheck.Apply("Notes.\n\n{{<orbit_review>}}\nQ1?\n* A1.$0\n{{</orbit_review>}}\n",
            "Write the line as the card shows it: 'A1.'",
            "Notes.\n\n{{<orbit_review>}}\nQ1?\nA1.\n{{</orbit_review>}}\n", safe: false);
}
