using OrbitLsp.Server.Tests.Infrastructure;
using static OrbitLsp.Server.Tests.Infrastructure.FeatureSteps;

namespace OrbitLsp.Server.Tests;

/// <summary><c>textDocument/formatting</c> and <c>rangeFormatting</c>: layout changes, never the cards.</summary>
public sealed class FormattingTests
{
    private const string Messy = "Note\n\n{{<orbit_review color=\"blue\">}}   \nQ1?  \nA1\nQ2?\nA2\n{{</orbit_review>}}\n\nProse with a break  \n";

    [Fact]
    public async Task Formatting_spells_the_tags_one_way_spaces_the_pairs_and_keeps_the_cards()
    {
        await using var server = await WithNoteAsync(Messy);
        var edits = await server.Client.RequestAsync("textDocument/formatting", new { textDocument = Doc(), options = new { tabSize = 2, insertSpaces = true } });
        string after = Apply(Messy, edits);
        Assert.Equal("Note\n\n{{< orbit_review color=\"blue\" >}}\nQ1?\nA1\n\nQ2?\nA2\n{{< /orbit_review >}}\n\nProse with a break  \n", after);
        Assert.Equal(Cards(Messy), Cards(after));
    }

    [Fact]
    public async Task Formatting_the_example_notes_keeps_their_cards()
    {
        foreach (var name in new[] { "misalignment.md", "what-is-orbit.md" })
        {
            string text = Notes.Example(name);
            await using var server = await WithNoteAsync(text);
            var edits = await server.Client.RequestAsync("textDocument/formatting", new { textDocument = Doc(), options = new { tabSize = 2, insertSpaces = true } });
            Assert.Equal(Cards(text), Cards(Apply(text, edits)));
        }
    }

    [Fact]
    public async Task Range_formatting_changes_only_the_lines_in_the_range()
    {
        await using var server = await WithNoteAsync(Messy);
        var edits = await server.Client.RequestAsync("textDocument/rangeFormatting", new { textDocument = Doc(), range = Range(3, 0, 3, 2), options = new { tabSize = 2, insertSpaces = true } });
        Assert.Equal(Messy.Replace("Q1?  \n", "Q1?\n"), Apply(Messy, edits));
    }

    [Fact]
    public async Task A_whole_note_format_ends_the_file_as_the_editor_settings_ask()
    {
        string text = Messy + "\n\n";
        await using var server = await WithNoteAsync(text);
        var kept = await server.Client.RequestAsync("textDocument/formatting", new { textDocument = Doc(), options = new { tabSize = 2, insertSpaces = true } });
        Assert.EndsWith("break  \n\n\n", Apply(text, kept));
        var trimmed = await server.Client.RequestAsync("textDocument/formatting",
            new { textDocument = Doc(), options = new { tabSize = 4, insertSpaces = false, trimTrailingWhitespace = false, insertFinalNewline = true, trimFinalNewlines = true } });
        string after = Apply(text, trimmed);
        Assert.EndsWith("Prose with a break  \n", after);
        Assert.Equal(Cards(text), Cards(after));
    }
}
