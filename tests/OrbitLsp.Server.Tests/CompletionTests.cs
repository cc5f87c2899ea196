using System.Text.Json;
using OrbitLsp.Server.Tests.Infrastructure;
using static OrbitLsp.Server.Tests.Infrastructure.FeatureSteps;

namespace OrbitLsp.Server.Tests;

/// <summary><c>textDocument/completion</c> in notes and in <c>.orbitlsp.yaml</c>.</summary>
public sealed class CompletionTests
{
    [Theory]
    [InlineData(true, 2, " orbit_review color=\"${1|purple,")]
    [InlineData(false, 1, " orbit_review color=\"purple\" >}}\n\n{{< /orbit_review >}}")]
    public async Task After_an_opening_brace_a_block_comes_as_a_snippet_or_as_plain_text(bool snippets, int format, string start)
    {
        var (text, line, character) = Notes.Cursor("Note\n\n{{<$0\n");
        var capabilities = new { textDocument = new { completion = new { completionItem = new { snippetSupport = snippets } } } };
        await using var server = await WithNoteAsync(text, capabilities);
        var list = await CompleteAsync(server, line, character, "<");
        var item = list.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("label").GetString() == "orbit_review");
        Assert.Equal(format, item.GetProperty("insertTextFormat").GetInt32());
        Assert.StartsWith(start, item.GetProperty("textEdit").GetProperty("newText").GetString());
    }

    [Theory]
    [InlineData("{{< orbit_review color=\"$0\" >}}\nQ\nA\n{{< /orbit_review >}}\n", "\"", "red")]
    [InlineData("{{< orbit_review >}}\nQ\nA\n{{</$0\n", "/", "/orbit_review")]
    public async Task In_a_tag_colours_and_the_matching_close_are_offered(string fixture, string trigger, string label)
    {
        var (text, line, character) = Notes.Cursor("Note\n\n" + fixture);
        await using var server = await WithNoteAsync(text);
        var list = await CompleteAsync(server, line, character, trigger);
        Assert.Contains(list.GetProperty("items").EnumerateArray(), i => i.GetProperty("label").GetString() == label);
    }

    [Fact]
    public async Task In_orbitlsp_yaml_rule_codes_are_offered_and_no_note_diagnostics_are_published()
    {
        string uri = "file:///notes/.orbitlsp.yaml";
        await using var server = await WithNoteAsync("rules:\n  \n  OL001: loud\n", uri: uri, languageId: "yaml");
        var published = await server.Client.DiagnosticsAsync(uri, 1);
        var problem = Assert.Single(published.GetProperty("diagnostics").EnumerateArray());
        Assert.False(problem.TryGetProperty("code", out _));
        Assert.Equal(2, problem.GetProperty("range").GetProperty("start").GetProperty("line").GetInt32());
        var list = await server.Client.RequestAsync("textDocument/completion", new { textDocument = Doc(uri), position = Pos(1, 2) });
        var labels = list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("label").GetString()).ToList();
        Assert.Contains("OL002", labels);
        Assert.DoesNotContain("OL001", labels);
    }

    [Fact]
    public async Task The_trigger_characters_are_the_cores()
    {
        await using var server = TestServer.InProcess();
        var init = await server.Client.InitializeAsync(Editor);
        Assert.Equal(OrbitLsp.Core.Ide.Completion.TriggerCharacters,
            init.GetProperty("capabilities").GetProperty("completionProvider").GetProperty("triggerCharacters").EnumerateArray().Select(c => c.GetString()!));
    }

    private static Task<JsonElement> CompleteAsync(TestServer server, int line, int character, string trigger) =>
        server.Client.RequestAsync("textDocument/completion", new { textDocument = Doc(), position = Pos(line, character), context = new { triggerKind = 2, triggerCharacter = trigger } });
}
