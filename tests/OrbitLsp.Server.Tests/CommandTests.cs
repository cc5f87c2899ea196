using System.Text.Json;
using OrbitLsp.Core.Analysis;
using OrbitLsp.Core.Cards;
using OrbitLsp.Server.Tests.Infrastructure;

namespace OrbitLsp.Server.Tests;

/// <summary>orbit.previewReview and orbit.previewReviewHtml.</summary>
public sealed class CommandTests
{
    private static readonly string Text = Notes.Example("misalignment.md");
    private static readonly string Uri = Notes.ExampleUri("misalignment.md");

    [Fact]
    public async Task PreviewReview_of_the_whole_note_returns_every_card_the_page_will_contain()
    {
        await using var server = await OpenAsync();
        var result = await server.Client.ExecuteAsync("orbit.previewReview", new { uri = Uri });
        var expected = CardExtractor.Extract(NoteAnalyzer.Analyze(Text));
        var cards = result.GetProperty("cards").EnumerateArray().ToList();
        Assert.Equal(expected.Length, cards.Count);
        for (int i = 0; i < cards.Count; i++)
        {
            Assert.Equal(expected[i].Question, cards[i].GetProperty("question").GetString());
            Assert.Equal(expected[i].Answer, cards[i].GetProperty("answer").GetString());
            Assert.Equal(expected[i].Color, cards[i].GetProperty("color").GetString());
            Assert.Equal(expected[i].Block, cards[i].GetProperty("block").GetInt32());
            Assert.Equal(expected[i].Prompt, cards[i].GetProperty("prompt").GetInt32());
            Assert.Equal(expected[i].Hidden, cards[i].GetProperty("hidden").GetBoolean());
            Assert.Equal(expected[i].Problems, cards[i].GetProperty("problems").EnumerateArray().Select(p => p.GetString()!));
            int line = Text[..expected[i].QuestionSpan.Start].Count(c => c == '\n');
            Assert.Equal(line, cards[i].GetProperty("range").GetProperty("start").GetProperty("line").GetInt32());
        }
        Assert.Contains(cards, c => c.GetProperty("problems").EnumerateArray().Any(p => p.GetString() == "OL001"));
        Assert.Equal("Outer and Inner Misalignment", result.GetProperty("title").GetString());
    }

    [Fact]
    public async Task PreviewReview_at_a_position_returns_the_cards_of_that_block_only()
    {
        await using var server = await OpenAsync();
        int line = Text.Split('\n').ToList().FindIndex(l => l.StartsWith("Which individual/team explored outer", StringComparison.Ordinal));
        var result = await server.Client.ExecuteAsync("orbit.previewReview", new { uri = Uri, position = new { line, character = 0 } });
        var cards = result.GetProperty("cards").EnumerateArray().ToList();
        Assert.Equal(4, cards.Count);
        Assert.All(cards, c => Assert.Equal(0, c.GetProperty("block").GetInt32()));
        Assert.EndsWith("block 1", result.GetProperty("title").GetString());
    }

    [Fact]
    public async Task PreviewReview_reads_a_note_that_is_not_open_from_disk()
    {
        await using var server = TestServer.InProcess();
        await server.Client.InitializeAsync();
        var result = await server.Client.ExecuteAsync("orbit.previewReview", new { uri = Notes.ExampleUri("what-is-orbit.md") });
        Assert.Equal(CardExtractor.Extract(NoteAnalyzer.Analyze(Notes.Example("what-is-orbit.md"))).Length, result.GetProperty("cards").GetArrayLength());
    }

    [Fact]
    public async Task PreviewReviewHtml_returns_one_self_contained_page_with_every_prompt_escaped()
    {
        await using var server = TestServer.InProcess();
        await server.Client.InitializeAsync();
        string uri = Notes.Uri();
        await server.Client.OpenAsync(uri, "Note\n{{< orbit_review >}}\nIs <script>alert(1)</script> run?\nNo & never \"quoted\"\n{{< /orbit_review >}}\n");
        var result = await server.Client.ExecuteAsync("orbit.previewReviewHtml", new { uri });
        string html = result.GetProperty("html").GetString()!;
        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.DoesNotContain("<script>alert", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        foreach (var part in new[] { "Show Answer", "Space", "Forgotten", "Remembered", "Skip", " remembered" }) Assert.Contains(part, html);
        Assert.DoesNotContain("src=", html);
        Assert.DoesNotContain("<link", html);
        Assert.DoesNotContain("http://", html);
        Assert.DoesNotContain("https://", html);
    }

    [Theory]
    [InlineData("""{"command": "orbit.previewReview"}""", "takes one argument")]
    [InlineData("""{"command": "orbit.previewReview", "arguments": ["file:///x.md"]}""", "takes one argument")]
    [InlineData("""{"command": "orbit.previewReview", "arguments": [{"uri": 5}]}""", "\"uri\" must be a string")]
    [InlineData("""{"command": "orbit.previewReviewHtml", "arguments": [{"uri": "URI", "position": {"line": -1, "character": 0}}]}""", "\"position\" must be")]
    [InlineData("""{"command": "orbit.previewReview", "arguments": [{"uri": "URI", "scope": "page"}]}""", "\"scope\" must be \"block\" or \"document\"")]
    [InlineData("""{"command": "orbit.previewReview", "arguments": [{"uri": "URI", "scope": "block"}]}""", "needs a \"position\"")]
    [InlineData("""{"command": "orbit.previewReview", "arguments": [{"uri": "URI", "position": {"line": 0, "character": 0}}]}""", "no published review block at line 1")]
    [InlineData("""{"command": "orbit.previewReview", "arguments": [{"uri": "untitled:Untitled-1"}]}""", "neither open nor a file")]
    [InlineData("""{"command": "orbit.deleteEverything", "arguments": []}""", "Unknown command")]
    public async Task Bad_arguments_get_InvalidParams_saying_what_is_wrong(string parameters, string message)
    {
        await using var server = await OpenAsync();
        var answer = await server.Client.RequestRawAsync("workspace/executeCommand", parameters.Replace("URI", Uri));
        var error = answer.GetProperty("error");
        Assert.Equal(-32602, error.GetProperty("code").GetInt32());
        Assert.Contains(message, error.GetProperty("message").GetString());
    }

    private static async Task<TestServer> OpenAsync()
    {
        var server = TestServer.InProcess();
        await server.Client.InitializeAsync();
        await server.Client.OpenAsync(Uri, Text);
        return server;
    }
}
