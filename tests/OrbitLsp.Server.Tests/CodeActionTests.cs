using System.Text.Json;
using OrbitLsp.Server.Tests.Infrastructure;
using static OrbitLsp.Server.Tests.Infrastructure.FeatureSteps;

namespace OrbitLsp.Server.Tests;

/// <summary><c>textDocument/codeAction</c> and <c>codeAction/resolve</c>: quick fixes, rewrites and fix-all as versioned edits.</summary>
public sealed class CodeActionTests
{
    private const string Unanswered = "Note\n\n{{< orbit_review >}}\nQ1?\nA1\nQ2?\n{{< /orbit_review >}}\n";
    private const string Legacy = "Notes.\n\n{{< orbit_review_start color=\"brown\" >}}\n{{< orbit_flashcard question=\"Which metal conducts best?\" answer=\"Silver.\" >}}\n{{< orbit_review_end >}}\nAfter.\n";

    [Fact]
    public async Task Fix_all_turns_misalignment_md_into_a_note_whose_cards_are_the_intended_ones()
    {
        string text = Notes.Example("misalignment.md");
        Assert.Contains("OL003", Codes(text));
        await using var server = await WithNoteAsync(text);
        var actions = await CodeActionsAsync(server, Range(0, 0, 0, 0), only: ["source.fixAll.orbitlsp"]);
        var fixAll = Assert.Single(actions.EnumerateArray());
        Assert.Equal("source.fixAll.orbitlsp", fixAll.GetProperty("kind").GetString());
        var change = Assert.Single(fixAll.GetProperty("edit").GetProperty("documentChanges").EnumerateArray());
        Assert.Equal(1, change.GetProperty("textDocument").GetProperty("version").GetInt32());

        string fixedText = Apply(text, change.GetProperty("edits"));
        var codes = Codes(fixedText);
        Assert.DoesNotContain("OL001", codes);
        Assert.DoesNotContain("OL003", codes);
        Assert.DoesNotContain("OL028", codes);
        var cards = Cards(fixedText);
        // Four, five, six and three cards: the stray tag and the copied block are gone, the pairs are as written.
        Assert.Equal(18, cards.Length);
        Assert.Equal("Roughly speaking, a ___ is an optimizer that optimizes optimizers → Meta-optimizer.", cards[9]);
        Assert.Equal("A gradient descent algorithm is used to optimize a neural network. The final chosen neural network is itself an optimizer. Is the resulting neural network a meta-optimizer or a mesa-optimizer (or neither)? → A mesa-optimizer.", cards[14]);
        Assert.Equal(cards.Length, cards.Distinct().Count());
    }

    [Fact]
    public async Task A_quick_fix_is_preferred_and_linked_to_the_diagnostic_the_client_sent()
    {
        await using var server = await WithNoteAsync(Unanswered);
        var published = await server.Client.DiagnosticsAsync(Notes.Uri(), 1);
        var diagnostic = published.GetProperty("diagnostics").EnumerateArray().Single(d => d.GetProperty("code").GetString() == "OL001");
        var foreign = JsonDocument.Parse("""{"range":{"start":{"line":5,"character":0},"end":{"line":5,"character":1}},"message":"x","code":42,"source":"other"}""").RootElement;
        var actions = await CodeActionsAsync(server, Range(5, 0, 5, 0), diagnostics: [diagnostic, foreign]);
        var fix = actions.EnumerateArray().First();
        Assert.Equal("quickfix", fix.GetProperty("kind").GetString());
        Assert.True(fix.GetProperty("isPreferred").GetBoolean());
        Assert.Equal(diagnostic.GetRawText(), Assert.Single(fix.GetProperty("diagnostics").EnumerateArray()).GetRawText());
        string after = Apply(Unanswered, fix.GetProperty("edit").GetProperty("documentChanges")[0].GetProperty("edits"));
        Assert.DoesNotContain("OL001", Codes(after));
        Assert.Contains(actions.EnumerateArray(), a => a.GetProperty("title").GetString()!.StartsWith("Disable OL001 for this"));
    }

    [Fact]
    public async Task A_legacy_block_offers_its_rewrite_as_refactor_rewrite()
    {
        await using var server = await WithNoteAsync(Legacy);
        var actions = await CodeActionsAsync(server, Range(2, 5, 2, 5), only: ["refactor"]);
        var rewrite = Assert.Single(actions.EnumerateArray());
        Assert.Equal("refactor.rewrite", rewrite.GetProperty("kind").GetString());
        string after = Apply(Legacy, rewrite.GetProperty("edit").GetProperty("documentChanges")[0].GetProperty("edits"));
        Assert.Contains("{{< orbit_review color=\"brown\" >}}", after);
        Assert.Equal(Cards(Legacy), Cards(after));
    }

    [Fact]
    public async Task A_client_without_documentChanges_gets_changes_by_uri()
    {
        var capabilities = new { textDocument = new { codeAction = new { codeActionLiteralSupport = new { codeActionKind = new { valueSet = new[] { "quickfix" } } } } } };
        await using var server = await WithNoteAsync(Unanswered, capabilities);
        var actions = await CodeActionsAsync(server, Range(5, 0, 5, 0));
        var edit = actions[0].GetProperty("edit");
        Assert.False(edit.TryGetProperty("documentChanges", out _));
        Assert.True(edit.GetProperty("changes").TryGetProperty(Notes.Uri(), out _));
    }

    [Fact]
    public async Task A_client_that_resolves_edits_gets_the_fix_all_edit_from_codeAction_resolve()
    {
        var capabilities = new
        {
            textDocument = new { codeAction = new { codeActionLiteralSupport = new { codeActionKind = new { valueSet = new[] { "source" } } }, dataSupport = true, resolveSupport = new { properties = new[] { "edit" } } } },
            workspace = new { workspaceEdit = new { documentChanges = true } },
        };
        await using var server = await WithNoteAsync(Unanswered.Replace("Q2?\n", "Q2?\n\n"), capabilities);
        var init = server.Client;
        var fixAll = Assert.Single((await CodeActionsAsync(server, Range(0, 0, 0, 0), only: ["source.fixAll"])).EnumerateArray());
        Assert.False(fixAll.TryGetProperty("edit", out _));
        var resolved = await init.RequestAsync("codeAction/resolve", fixAll);
        Assert.Equal(1, resolved.GetProperty("edit").GetProperty("documentChanges")[0].GetProperty("textDocument").GetProperty("version").GetInt32());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_client_that_cannot_resolve_is_offered_fix_all_at_a_problem_and_not_on_a_clean_line(bool offered)
    {
        string text = Notes.Example("misalignment.md");
        int line = offered ? Array.FindIndex(text.Split('\n'), l => l.Trim() == "<orbit-reviewarea>") : 0;
        await using var server = await WithNoteAsync(text);
        var actions = await CodeActionsAsync(server, Range(line, 0, line, 0));
        Assert.Equal(offered, actions.EnumerateArray().Any(a => a.GetProperty("kind").GetString() == "source.fixAll.orbitlsp"));
    }

    [Theory]
    [InlineData(true, "quickfix,refactor.rewrite,source.fixAll.orbitlsp")]
    [InlineData(false, null)]
    public async Task Code_actions_are_advertised_only_to_clients_that_take_code_action_literals(bool literals, string? kinds)
    {
        await using var server = TestServer.InProcess();
        var result = await server.Client.InitializeAsync(literals ? Editor : new { });
        var capabilities = result.GetProperty("capabilities");
        if (kinds is null) Assert.False(capabilities.TryGetProperty("codeActionProvider", out _));
        else Assert.Equal(kinds, string.Join(",", capabilities.GetProperty("codeActionProvider").GetProperty("codeActionKinds").EnumerateArray().Select(k => k.GetString())));
    }

    private static Task<JsonElement> CodeActionsAsync(TestServer server, object range, string[]? only = null, JsonElement[]? diagnostics = null) =>
        server.Client.RequestAsync("textDocument/codeAction", new { textDocument = Doc(), range, context = new { diagnostics = diagnostics ?? [], only } });
}
