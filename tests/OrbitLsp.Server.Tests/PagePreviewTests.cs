using System.Text.Json;
using OrbitLsp.Core.Analysis;
using OrbitLsp.Core.Cards;
using OrbitLsp.Server.Tests.Infrastructure;

namespace OrbitLsp.Server.Tests;

/// <summary>orbit.pagePreview: what the page makes of a note's shortcodes, for a Markdown preview.</summary>
public sealed class PagePreviewTests
{
    private static readonly string Example = Notes.Example("misalignment.md");
    private static readonly string ExampleUri = Notes.ExampleUri("misalignment.md");

    [Fact]
    public async Task Every_area_of_the_example_carries_the_cards_the_page_gets_with_their_places_and_problems()
    {
        await using var server = await OpenAsync(ExampleUri, Example);
        var result = await server.Client.ExecuteAsync("orbit.pagePreview", new { uri = ExampleUri });
        Assert.Equal(1, result.GetProperty("version").GetInt32());
        var expected = CardExtractor.Extract(NoteAnalyzer.Analyze(Example));
        var areas = result.GetProperty("areas").EnumerateArray().ToList();
        var cards = areas.SelectMany(a => a.GetProperty("cards").EnumerateArray().Select(c => (Area: a, Card: c))).ToList();
        Assert.Equal(expected.Length, cards.Count);
        string[] lines = Example.Split('\n');
        for (int i = 0; i < cards.Count; i++)
        {
            var (area, card) = cards[i];
            Assert.Equal(expected[i].Block, area.GetProperty("index").GetInt32());
            Assert.Equal(expected[i].Prompt, card.GetProperty("prompt").GetInt32());
            Assert.Equal(expected[i].Question, card.GetProperty("question").GetString());
            Assert.Equal(expected[i].Answer, card.GetProperty("answer").GetString());
            Assert.Equal(expected[i].Problems, Strings(card.GetProperty("problems")));
            int line = card.GetProperty("line").GetInt32();
            Assert.Equal(expected[i].Question, lines[line].Trim(' ', '*'));
            Assert.Equal(line, card.GetProperty("range").GetProperty("start").GetProperty("line").GetInt32());
        }

        // Each area's range runs from its opening tag's first character to its closing tag's last.
        foreach (var area in areas)
        {
            var range = area.GetProperty("range");
            Assert.StartsWith("{{<orbit_review", lines[Line(range.GetProperty("start"))][Character(range.GetProperty("start"))..]);
            Assert.EndsWith("{{</orbit_review>}}", lines[Line(range.GetProperty("end"))][..Character(range.GetProperty("end"))]);
            Assert.Equal("purple", area.GetProperty("color").GetString());
            Assert.Equal("body", area.GetProperty("placement").GetString());
        }
        Assert.Equal([4, 5, 11, 3], areas.Select(a => a.GetProperty("cards").GetArrayLength()));

        // The third block: the stray <orbit-reviewarea> line 154 shifts every pair after it; line 171 has no answer.
        var third = areas[2].GetProperty("cards").EnumerateArray().ToList();
        Assert.All(third, c =>
        {
            if (c.GetProperty("line").GetInt32() < 153) Assert.True(Absent(c, "shiftedBy"));
            else Assert.Equal(153, c.GetProperty("shiftedBy").GetInt32());
        });
        Assert.Equal(4, third.Count(c => Absent(c, "shiftedBy")));
        var last = third[^1];
        Assert.Equal(170, last.GetProperty("line").GetInt32());
        Assert.False(last.GetProperty("hasAnswer").GetBoolean());
        Assert.Contains("OL001", Strings(last.GetProperty("problems")));
        Assert.Equal("unanswered-prompt", result.GetProperty("rules").GetProperty("OL001").GetProperty("name").GetString());
        Assert.Equal("A prompt has no answer", result.GetProperty("rules").GetProperty("OL001").GetProperty("title").GetString());
        Assert.True(Absent(result, "buildFailure"));
    }

    [Fact]
    public async Task The_version_is_the_editors_after_a_change_and_null_for_a_note_read_from_disk()
    {
        string uri = Notes.Uri();
        await using var server = await OpenAsync(uri, "{{< orbit_review >}}\nq\na\n{{< /orbit_review >}}\n");
        await server.Client.ChangeAsync(uri, 7, new { text = "intro\n\n{{< orbit_review color=\"blue\" >}}\nq1\na1\nq2\n{{< /orbit_review >}}\n" });
        var result = await server.Client.ExecuteAsync("orbit.pagePreview", new { uri });
        Assert.Equal(7, result.GetProperty("version").GetInt32());
        var area = Assert.Single(result.GetProperty("areas").EnumerateArray());
        Assert.Equal("blue", area.GetProperty("color").GetString());
        Assert.Equal(2, area.GetProperty("range").GetProperty("start").GetProperty("line").GetInt32());
        Assert.Equal(2, area.GetProperty("cards").GetArrayLength());

        var fromDisk = await server.Client.ExecuteAsync("orbit.pagePreview", new { uri = Notes.ExampleUri("what-is-orbit.md") });
        Assert.True(Absent(fromDisk, "version"));
        Assert.NotEqual(0, fromDisk.GetProperty("areas").GetArrayLength());
    }

    [Fact]
    public async Task A_block_in_a_comment_is_hidden_one_in_a_code_fence_is_shown_there_unless_written_with_percent()
    {
        var comment = await PreviewOfAsync("<!-- {{<orbit_review color=\"blue\">}}\nq\na\n{{</orbit_review>}}\n-->\n");
        var hidden = Assert.Single(comment.GetProperty("areas").EnumerateArray());
        Assert.True(hidden.GetProperty("hidden").GetBoolean());
        Assert.Equal("htmlComment", hidden.GetProperty("placement").GetString());
        Assert.Contains("OL031", Strings(hidden.GetProperty("problems")));

        var angle = await PreviewOfAsync("```\n{{<orbit_review>}}\nq\na\n{{</orbit_review>}}\n```\n");
        var fenced = Assert.Single(angle.GetProperty("areas").EnumerateArray());
        Assert.Equal("codeFence", fenced.GetProperty("placement").GetString());
        Assert.False(fenced.GetProperty("hidden").GetBoolean());

        // Hugo shows a {{% %}} block's output as code text there: no review area.
        var percent = await PreviewOfAsync("```\n{{% orbit_review %}}\nq\na\n{{% /orbit_review %}}\n```\n");
        Assert.Equal(0, percent.GetProperty("areas").GetArrayLength());
    }

    [Fact]
    public async Task The_older_forms_and_raw_html_are_areas_too_a_cloze_prompt_comes_cut_into_its_deletions()
    {
        var result = await PreviewOfAsync("""
            Older forms:

            {{< orbit_review_start color="green" >}}
            {{< orbit_flashcard question="Q1" answer="A1" >}}
            {{< orbit_review_end >}}

            <orbit-reviewarea color="red">
            <orbit-prompt cloze="The capital of {Peru} is {Lima}."></orbit-prompt>
            <orbit-prompt question="Q2" answer="A2" question-attachments="https://example.com/a.png"></orbit-prompt>
            </orbit-reviewarea>
            """);
        var areas = result.GetProperty("areas").EnumerateArray().ToList();
        Assert.Equal(["legacy", "html"], areas.Select(a => a.GetProperty("form").GetString()));
        Assert.Equal(["green", "red"], areas.Select(a => a.GetProperty("color").GetString()));
        Assert.Equal("Q1", areas[0].GetProperty("cards")[0].GetProperty("question").GetString());
        var cloze = areas[1].GetProperty("cards")[0].GetProperty("cloze").EnumerateArray()
            .Select(p => (p.GetProperty("text").GetString(), p.GetProperty("deleted").GetBoolean())).ToList();
        Assert.Equal([("The capital of ", false), ("Peru", true), (" is ", false), ("Lima", true), (".", false)], cloze);
        var withImage = areas[1].GetProperty("cards")[1];
        Assert.Equal(["https://example.com/a.png"], Strings(withImage.GetProperty("questionAttachments")));
        Assert.True(Absent(withImage, "cloze"));
    }

    [Fact]
    public async Task Other_shortcodes_are_listed_escaped_ones_with_the_text_hugo_prints_and_none_inside_an_area()
    {
        var result = await PreviewOfAsync("""
            See {{< figure src="x.png" >}} and {{% notice warning %}}careful{{% /notice %}}.

            {{</* orbit_review color="blue" */>}}

            {{< orbit_review >}}
            q {{< ref "other" >}}
            a
            {{< /orbit_review >}}
            """);
        var calls = result.GetProperty("shortcodes").EnumerateArray().ToList();
        Assert.Equal(["figure", "notice", "notice", "orbit_review"], calls.Select(c => c.GetProperty("name").GetString()));
        Assert.Equal([false, false, true, false], calls.Select(c => c.GetProperty("closing").GetBoolean()));
        Assert.Equal("{{< orbit_review color=\"blue\" >}}", calls[3].GetProperty("text").GetString());
        Assert.True(Absent(calls[0], "text"));
        var figure = calls[0].GetProperty("range");
        Assert.Equal((0, 4, 0, 30), (Line(figure.GetProperty("start")), Character(figure.GetProperty("start")), Line(figure.GetProperty("end")), Character(figure.GetProperty("end"))));
        Assert.Single(result.GetProperty("areas").EnumerateArray());
    }

    [Fact]
    public async Task A_block_never_closed_is_no_area_its_opening_tag_is_a_call_with_the_problem_that_stops_the_build()
    {
        var result = await PreviewOfAsync("Intro\n\n{{< orbit_review >}}\nq\na\n\nMore text {{< figure >}}\n");
        Assert.Equal(0, result.GetProperty("areas").GetArrayLength());
        var calls = result.GetProperty("shortcodes").EnumerateArray().ToList();
        Assert.Equal(["orbit_review", "figure"], calls.Select(c => c.GetProperty("name").GetString()));
        Assert.Contains("OL010", Strings(calls[0].GetProperty("problems")));
        var failure = result.GetProperty("buildFailure");
        Assert.Equal("OL010", failure.GetProperty("code").GetString());
        Assert.Equal(2, failure.GetProperty("range").GetProperty("start").GetProperty("line").GetInt32());
        Assert.Contains("OL010", result.GetProperty("rules").EnumerateObject().Select(p => p.Name));
    }

    private static async Task<JsonElement> PreviewOfAsync(string text)
    {
        string uri = Notes.Uri();
        await using var server = await OpenAsync(uri, text);
        return await server.Client.ExecuteAsync("orbit.pagePreview", new { uri });
    }

    private static async Task<TestServer> OpenAsync(string uri, string text)
    {
        var server = TestServer.InProcess();
        await server.Client.InitializeAsync();
        await server.Client.OpenAsync(uri, text);
        return server;
    }

    private static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];

    /// <summary>Null values are left out of the answer.</summary>
    private static bool Absent(JsonElement obj, string name) => !obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null;

    private static int Line(JsonElement position) => position.GetProperty("line").GetInt32();

    private static int Character(JsonElement position) => position.GetProperty("character").GetInt32();
}
