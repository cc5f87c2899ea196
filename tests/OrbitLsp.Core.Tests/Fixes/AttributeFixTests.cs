namespace OrbitLsp.Core.Tests.Fixes;

/// <summary>Fixes of the older forms' attributes: placeholders for a missing question or answer, entities in raw HTML.</summary>
public class AttributeFixTests
{
    private const string Start = "Stars.\n\n{{< orbit_review_start color=\"violet\" >}}\n";
    private const string End = "\n{{< orbit_review_end >}}\n";

    [Fact]
    public void A_flashcard_without_a_question_gets_a_question_placeholder() =>
        FixCheck.Apply(Start + "{{< orbit_flashcard$0 answer=\"Helium.\" >}}" + End,
            "Add a question placeholder",
            Start + "{{< orbit_flashcard question=\"TODO: question\" answer=\"Helium.\" >}}" + End, safe: false);

    [Fact]
    public void An_empty_question_gets_the_placeholder_inside_its_quotes() =>
        FixCheck.Apply(Start + "{{< orbit_flashcard question=\"$0\" answer=\"Helium.\" >}}" + End,
            "Add a question placeholder",
            Start + "{{< orbit_flashcard question=\"TODO: question\" answer=\"Helium.\" >}}" + End, safe: false);

    [Fact]
    public void A_flashcard_without_an_answer_gets_an_answer_placeholder() =>
        FixCheck.Apply(Start + "{{< orbit_flashcard$0 question=\"What do stars fuse?\" >}}" + End,
            "Add an answer placeholder",
            Start + "{{< orbit_flashcard answer=\"TODO: answer\" question=\"What do stars fuse?\" >}}" + End, safe: false);

    [Fact]
    public void A_raw_prompt_without_a_question_gets_a_question_attribute() =>
        FixCheck.Apply("Stars.\n\n<orbit-reviewarea color=\"violet\">\n<orbit-prompt$0 answer=\"Helium.\"></orbit-prompt>\n</orbit-reviewarea>\n",
            "Add a question placeholder",
            "Stars.\n\n<orbit-reviewarea color=\"violet\">\n<orbit-prompt question=\"TODO: question\" answer=\"Helium.\"></orbit-prompt>\n</orbit-reviewarea>\n", safe: false);

    [Fact]
    public void A_raw_prompt_without_an_answer_gets_an_answer_attribute() =>
        FixCheck.Apply("Stars.\n\n<orbit-reviewarea color=\"violet\">\n<orbit-prompt$0 question=\"What do stars fuse?\"></orbit-prompt>\n</orbit-reviewarea>\n",
            "Add an answer placeholder",
            "Stars.\n\n<orbit-reviewarea color=\"violet\">\n<orbit-prompt answer=\"TODO: answer\" question=\"What do stars fuse?\"></orbit-prompt>\n</orbit-reviewarea>\n", safe: false);

    [Fact]
    public void Reserved_characters_of_a_raw_attribute_become_entities_and_references_stay() =>
        FixCheck.Apply("Maths.\n\n<orbit-reviewarea color=\"yellow\">\n<orbit-prompt question=\"Is -3 < -2$0 &amp; 1 & 2 &lt; 3?\" answer=\"Yes.\"></orbit-prompt>\n</orbit-reviewarea>\n",
            "Write '<' as &lt; and '&' as &amp;",
            "Maths.\n\n<orbit-reviewarea color=\"yellow\">\n<orbit-prompt question=\"Is -3 &lt; -2 &amp; 1 &amp; 2 &lt; 3?\" answer=\"Yes.\"></orbit-prompt>\n</orbit-reviewarea>\n", safe: true);
}
