using System.Text.Json;
using OrbitLsp.Server.Tests.Infrastructure;

namespace OrbitLsp.Server.Tests;

/// <summary>Hover as data: a fixture with a <c>$0</c> cursor, and what the hover must say.</summary>
public sealed class HoverTests
{
    private const string Block = """
        Note

        {{< orbit_review color="blue" >}}
        What is $E = mc^2$?
        Energy equals mass times $c^2$
        Second question?
        {{< /orbit_review >}}
        """;

    [Theory]
    [InlineData("{{< orbit_review color=\"blue\" >}}\nWhat is $E = mc^2$?\nEnergy $0equals mass times $c^2$\nSecond question?\n{{< /orbit_review >}}\n",
        "**Prompt 1 of 2** · blue block, line 3", "**Question:** What is $E = mc^2$?", "**Answer:** Energy equals mass times $c^2$")]
    [InlineData("{{< orbit_review color=\"blue\" >}}\nWhat is $E = mc^2$?\nEnergy equals mass times $c^2$\nSecond $0question?\n{{< /orbit_review >}}\n",
        "**Prompt 2 of 2**", "**Question:** Second question?", "This prompt has no answer")]
    [InlineData("{{< orbit_$0review color=\"blue\" >}}\nQ?\nA\nQ2?\n{{< /orbit_review >}}\n",
        "**Review block 1 of 1** · blue, 2 prompts", "1 without an answer", "`OL001` unanswered-prompt ×1")]
    [InlineData("{{< orbit_review color=\"bl$0eu\" >}}\nQ?\nA\n{{< /orbit_review >}}\n",
        "'bleu' is not an Orbit colour", "red, orange, brown, yellow, lime, green, turquoise, cyan, blue, violet, purple, pink", "Did you mean `blue`?")]
    public async Task Hover_shows_the_card_block_or_colours_under_the_cursor(string fixture, params string[] expected)
    {
        // NOTE: a note must not start with '{' (Hugo reads that as JSON front matter).
        var (text, line, character) = Notes.Cursor("Note\n\n" + fixture);
        var hover = await HoverAsync(text, line, character);
        Assert.Equal("markdown", hover.GetProperty("contents").GetProperty("kind").GetString());
        string value = hover.GetProperty("contents").GetProperty("value").GetString()!;
        foreach (var part in expected) Assert.Contains(part, value);
    }

    [Fact]
    public async Task Hover_on_a_shifted_prompt_in_misalignment_md_names_the_line_that_shifted_it()
    {
        string text = Notes.Example("misalignment.md");
        var lines = text.Split('\n');
        int tag = Array.FindIndex(lines, l => l.Trim() == "<orbit-reviewarea>");
        var hover = await HoverAsync(text, tag + 1, 1);
        string value = hover.GetProperty("contents").GetProperty("value").GetString()!;
        Assert.Contains($"Shifted by line {tag + 1}", value);
    }

    [Fact]
    public async Task Hover_outside_any_block_is_null()
    {
        var hover = await HoverAsync("Just prose.\n\n" + Block, 0, 3);
        Assert.Equal(JsonValueKind.Null, hover.ValueKind);
    }

    [Fact]
    public async Task A_client_that_takes_only_plain_text_gets_plain_text()
    {
        await using var server = TestServer.InProcess();
        await server.Client.InitializeAsync(Capabilities.PlainTextHover);
        string uri = Notes.Uri();
        await server.Client.OpenAsync(uri, Block);
        var hover = await server.Client.HoverAsync(uri, 4, 3);
        Assert.Equal("plaintext", hover.GetProperty("contents").GetProperty("kind").GetString());
        Assert.StartsWith("Prompt 1 of 2 · blue block", hover.GetProperty("contents").GetProperty("value").GetString());
        Assert.Equal(4, hover.GetProperty("range").GetProperty("start").GetProperty("line").GetInt32());
    }

    private static async Task<JsonElement> HoverAsync(string text, int line, int character)
    {
        await using var server = TestServer.InProcess();
        await server.Client.InitializeAsync();
        string uri = Notes.Uri();
        await server.Client.OpenAsync(uri, text);
        return await server.Client.HoverAsync(uri, line, character);
    }
}
