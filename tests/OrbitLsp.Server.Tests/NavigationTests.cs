using System.Text.Json;
using OrbitLsp.Server.Tests.Infrastructure;
using static OrbitLsp.Server.Tests.Infrastructure.FeatureSteps;

namespace OrbitLsp.Server.Tests;

/// <summary><c>textDocument/documentSymbol</c>, <c>foldingRange</c> and <c>selectionRange</c>.</summary>
public sealed class NavigationTests
{
    private const string Note = "---\ntitle: T\n---\n\n{{< orbit_review color=\"blue\" >}}\nWhat is two?\n2\nWhat is three?\n3\n{{< /orbit_review >}}\n";

    [Fact]
    public async Task The_outline_is_blocks_with_prompts_named_by_their_question()
    {
        await using var server = await WithNoteAsync(Note);
        var symbols = await server.Client.RequestAsync("textDocument/documentSymbol", new { textDocument = Doc() });
        var block = Assert.Single(symbols.EnumerateArray());
        Assert.Equal("orbit_review (blue)", block.GetProperty("name").GetString());
        Assert.Equal(2, block.GetProperty("kind").GetInt32());
        Assert.Equal(["What is two?", "What is three?"], block.GetProperty("children").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        Assert.Equal(5, block.GetProperty("children")[0].GetProperty("selectionRange").GetProperty("start").GetProperty("line").GetInt32());
    }

    [Fact]
    public async Task A_client_without_hierarchical_symbols_gets_a_flat_list_with_containers()
    {
        await using var server = await WithNoteAsync(Note, new { });
        var symbols = await server.Client.RequestAsync("textDocument/documentSymbol", new { textDocument = Doc() });
        Assert.Equal(["orbit_review (blue) in ", "What is two? in orbit_review (blue)", "What is three? in orbit_review (blue)"],
            symbols.EnumerateArray().Select(s => $"{s.GetProperty("name").GetString()} in {(s.TryGetProperty("containerName", out var c) ? c.GetString() : "")}"));
        Assert.Equal(Notes.Uri(), symbols[1].GetProperty("location").GetProperty("uri").GetString());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Front_matter_and_blocks_fold_with_collapsed_text_for_clients_that_show_it(bool collapsedText)
    {
        await using var server = await WithNoteAsync(Note, collapsedText ? Editor : new { });
        var ranges = await server.Client.RequestAsync("textDocument/foldingRange", new { textDocument = Doc() });
        Assert.Equal(["0-2 ", "4-9 region"], ranges.EnumerateArray().Select(r =>
            $"{r.GetProperty("startLine").GetInt32()}-{r.GetProperty("endLine").GetInt32()} {(r.TryGetProperty("kind", out var k) ? k.GetString() : "")}"));
        Assert.Equal(collapsedText, ranges[1].TryGetProperty("collapsedText", out _));
    }

    [Fact]
    public async Task Selection_grows_from_the_word_to_the_prompt_the_block_and_the_note()
    {
        await using var server = await WithNoteAsync(Note);
        var result = await server.Client.RequestAsync("textDocument/selectionRange", new { textDocument = Doc(), positions = new[] { Pos(5, 9) } });
        var chain = new List<string>();
        for (var r = result[0]; r.ValueKind == JsonValueKind.Object; r = r.TryGetProperty("parent", out var p) ? p : default)
        {
            var range = r.GetProperty("range");
            chain.Add($"{range.GetProperty("start").GetProperty("line").GetInt32()}:{range.GetProperty("start").GetProperty("character").GetInt32()}-{range.GetProperty("end").GetProperty("line").GetInt32()}:{range.GetProperty("end").GetProperty("character").GetInt32()}");
        }
        Assert.Equal("5:8-5:11", chain[0]);
        Assert.Equal("0:0-10:0", chain[^1]);
        Assert.Contains("4:0-9:21", chain);
    }
}
