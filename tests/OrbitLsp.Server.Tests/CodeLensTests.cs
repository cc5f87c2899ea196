using System.Text.Json;
using OrbitLsp.Server.Tests.Infrastructure;
using static OrbitLsp.Server.Tests.Infrastructure.FeatureSteps;

namespace OrbitLsp.Server.Tests;

/// <summary><c>textDocument/codeLens</c> and the commands its lenses run.</summary>
public sealed class CodeLensTests
{
    private const string TwoBlocks = "Note\n\n{{< orbit_review >}}\nQ1?\nA1\nQ2?\n{{< /orbit_review >}}\n\n{{< orbit_review color=\"blue\" >}}\nQ?\nA\n{{< /orbit_review >}}\n";

    [Fact]
    public async Task Each_block_has_a_review_lens_and_a_block_with_problems_a_problems_lens()
    {
        await using var server = await WithNoteAsync(TwoBlocks);
        var lenses = await server.Client.RequestAsync("textDocument/codeLens", new { textDocument = Doc() });
        var summary = lenses.EnumerateArray().Select(l =>
            $"{l.GetProperty("range").GetProperty("start").GetProperty("line").GetInt32()}: {l.GetProperty("command").GetProperty("title").GetString()} ({l.GetProperty("command").GetProperty("command").GetString()})");
        // No card was ever graded: all are new, and new cards are due.
        Assert.Equal(["2: Review 2 prompts · 2 due (orbit.previewReview)", "2: 1 problem (orbit.showProblems)", "8: Review 1 prompt · 1 due (orbit.previewReview)"], summary);
        // Each lens's argument names its own block's opening tag (the places of all blocks are made together).
        foreach (var lens in lenses.EnumerateArray())
        {
            var argument = lens.GetProperty("command").GetProperty("arguments")[0];
            Assert.Equal(Notes.Uri(), argument.GetProperty("uri").GetString());
            Assert.Equal(lens.GetProperty("range").GetProperty("start").ToString(), argument.GetProperty("position").ToString());
        }
        Assert.Equal(8, lenses[2].GetProperty("command").GetProperty("arguments")[0].GetProperty("position").GetProperty("line").GetInt32());
    }

    [Fact]
    public async Task New_settings_make_a_client_that_can_refresh_ask_for_the_lenses_again()
    {
        await using var server = await WithNoteAsync(TwoBlocks, new { workspace = new { configuration = true, codeLens = new { refreshSupport = true } } });
        await server.Client.NotifyAsync("workspace/didChangeConfiguration", new { settings = new { } });
        var deadline = DateTime.UtcNow + LspTestClient.Deadline;
        while (server.Client.ServerRequests.Count(m => m == "workspace/codeLens/refresh") < 2 && DateTime.UtcNow < deadline) await Task.Delay(10);
        Assert.Equal(2, server.Client.ServerRequests.Count(m => m == "workspace/codeLens/refresh"));
    }

    [Fact]
    public async Task The_review_lens_command_run_by_the_server_gives_the_cards_of_its_block()
    {
        await using var server = await WithNoteAsync(TwoBlocks);
        var lenses = await server.Client.RequestAsync("textDocument/codeLens", new { textDocument = Doc() });
        var command = lenses[2].GetProperty("command");
        var result = await server.Client.RequestAsync("workspace/executeCommand", new { command = command.GetProperty("command").GetString(), arguments = command.GetProperty("arguments") });
        var card = Assert.Single(result.GetProperty("cards").EnumerateArray());
        Assert.Equal("blue", card.GetProperty("color").GetString());
    }

    [Fact]
    public async Task The_problems_lens_command_answers_the_problems_of_its_block_and_shows_the_first()
    {
        await using var server = await WithNoteAsync(TwoBlocks);
        var lenses = await server.Client.RequestAsync("textDocument/codeLens", new { textDocument = Doc() });
        var command = lenses[1].GetProperty("command");
        var result = await server.Client.RequestAsync("workspace/executeCommand", new { command = command.GetProperty("command").GetString(), arguments = command.GetProperty("arguments") });
        Assert.Equal(["OL001"], Notes.Codes(result.GetProperty("problems")));
        var deadline = DateTime.UtcNow + LspTestClient.Deadline;
        while (!server.Client.ServerRequests.Contains("window/showDocument") && DateTime.UtcNow < deadline) await Task.Delay(10);
        Assert.Contains("window/showDocument", server.Client.ServerRequests);
    }
}
