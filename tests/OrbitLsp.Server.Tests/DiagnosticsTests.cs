using System.Text.Json;
using System.Text.Json.Nodes;
using OrbitLsp.Core.Config;
using OrbitLsp.Core.Diagnostics;
using OrbitLsp.Server.Tests.Infrastructure;

namespace OrbitLsp.Server.Tests;

/// <summary>Push and pull diagnostics and the settings that shape them.</summary>
public sealed class DiagnosticsTests
{
    [Fact]
    public async Task Opening_misalignment_md_pushes_the_diagnostics_of_a_fresh_analysis_with_its_version()
    {
        await using var server = TestServer.InProcess();
        await server.Client.InitializeAsync();
        string uri = Notes.ExampleUri("misalignment.md");
        string text = Notes.Example("misalignment.md");
        await server.Client.OpenAsync(uri, text, version: 7);
        var published = await server.Client.DiagnosticsAsync(uri, 7);
        Notes.AssertSameDiagnostics(Notes.Expected(uri, text), published);
        Assert.Contains("OL001", Notes.Codes(published));
    }

    [Fact]
    public async Task Each_diagnostic_has_code_rule_page_source_related_places_and_tags()
    {
        await using var server = TestServer.InProcess();
        await server.Client.InitializeAsync();
        string uri = Notes.Uri();
        string text = "Note\n{{< orbit_review >}}\nSame?\nYes\n***\nSame?\nYes\n{{< /orbit_review >}}\n{{< orbit_review_start color=\"blue\" >}}\n{{< orbit_flashcard question=\"Q\" answer=\"A\" >}}\n{{< orbit_review_end >}}\n";
        await server.Client.OpenAsync(uri, text);
        var items = (await server.Client.DiagnosticsAsync(uri, 1)).GetProperty("diagnostics").EnumerateArray().ToList();
        Assert.All(items, d =>
        {
            Assert.Equal("orbitlsp", d.GetProperty("source").GetString());
            string code = d.GetProperty("code").GetString()!;
            Assert.EndsWith($"docs/rules/{code}.md", d.GetProperty("codeDescription").GetProperty("href").GetString());
            string href = d.GetProperty("codeDescription").GetProperty("href").GetString()!;
            Assert.StartsWith("file://", href);
            Assert.True(File.Exists(new System.Uri(href).LocalPath), $"{href} is shipped next to the server");
        });
        var duplicate = items.Single(d => d.GetProperty("code").GetString() == "OL028");
        Assert.Equal(2, duplicate.GetProperty("relatedInformation")[0].GetProperty("location").GetProperty("range").GetProperty("start").GetProperty("line").GetInt32());
        Assert.Equal([1], items.Single(d => d.GetProperty("code").GetString() == "OL027").GetProperty("tags").EnumerateArray().Select(t => t.GetInt32()));
        Assert.Equal([2], items.First(d => d.GetProperty("code").GetString() == "OL048").GetProperty("tags").EnumerateArray().Select(t => t.GetInt32()));
    }

    [Fact]
    public async Task A_client_that_pulls_gets_no_push_a_full_report_then_unchanged()
    {
        await using var server = TestServer.InProcess();
        await server.Client.InitializeAsync(Capabilities.Pull);
        string uri = Notes.ExampleUri("misalignment.md");
        string text = Notes.Example("misalignment.md");
        await server.Client.OpenAsync(uri, text);
        var full = await server.Client.RequestAsync("textDocument/diagnostic", new { textDocument = new { uri } });
        Assert.Equal("full", full.GetProperty("kind").GetString());
        Assert.True(JsonNode.DeepEquals(Notes.Expected(uri, text), JsonNode.Parse(full.GetProperty("items").GetRawText())));
        string resultId = full.GetProperty("resultId").GetString()!;
        var again = await server.Client.RequestAsync("textDocument/diagnostic", new { textDocument = new { uri }, previousResultId = resultId });
        Assert.Equal("unchanged", again.GetProperty("kind").GetString());
        Assert.False(again.TryGetProperty("items", out _));
        await server.Client.ChangeAsync(uri, 2, ClientSteps.Insert(0, 0, "\n"));
        var changed = await server.Client.RequestAsync("textDocument/diagnostic", new { textDocument = new { uri }, previousResultId = resultId });
        Assert.Equal("full", changed.GetProperty("kind").GetString());
        await server.Client.RequestAsync("shutdown", null);
        Assert.Empty(server.Client.NotificationsOf("textDocument/publishDiagnostics"));
    }

    [Fact]
    public async Task A_keystroke_that_moves_no_diagnostic_is_answered_unchanged_and_one_that_moves_any_gets_the_new_list()
    {
        await using var server = TestServer.InProcess();
        await server.Client.InitializeAsync(Capabilities.Pull);
        string uri = Notes.ExampleUri("misalignment.md");
        string text = Notes.Example("misalignment.md");
        await server.Client.OpenAsync(uri, text);
        async Task<JsonElement> PullAsync(string? previous) =>
            await server.Client.RequestAsync("textDocument/diagnostic", new { textDocument = new { uri }, previousResultId = previous });
        var first = await PullAsync(null);
        string firstId = first.GetProperty("resultId").GetString()!;
        Assert.NotEmpty(first.GetProperty("items").EnumerateArray());

        // A word typed in the introduction's prose (line 19): every diagnostic stays where it was.
        text = Notes.Insert(text, 18, 0, "Indeed, ");
        await server.Client.ChangeAsync(uri, 2, ClientSteps.Insert(18, 0, "Indeed, "));
        var prose = await PullAsync(firstId);
        Assert.Equal("unchanged", prose.GetProperty("kind").GetString());
        Assert.Equal(firstId, prose.GetProperty("resultId").GetString());
        Assert.True(JsonNode.DeepEquals(Notes.Expected(uri, text), JsonNode.Parse(first.GetProperty("items").GetRawText())));

        // A line added at the top moves them all.
        text = Notes.Insert(text, 0, 0, "\n");
        await server.Client.ChangeAsync(uri, 3, ClientSteps.Insert(0, 0, "\n"));
        var moved = await PullAsync(firstId);
        Assert.Equal("full", moved.GetProperty("kind").GetString());
        string movedId = moved.GetProperty("resultId").GetString()!;
        Assert.NotEqual(firstId, movedId);
        Assert.True(JsonNode.DeepEquals(Notes.Expected(uri, text), JsonNode.Parse(moved.GetProperty("items").GetRawText())));

        // Taken out again: the first list, under an id of its own; the id just sent never names it.
        text = text[1..];
        await server.Client.ChangeAsync(uri, 4, ClientSteps.Edit(0, 0, 1, 0, ""));
        var back = await PullAsync(movedId);
        Assert.Equal("full", back.GetProperty("kind").GetString());
        Assert.NotEqual(movedId, back.GetProperty("resultId").GetString());
        Assert.True(JsonNode.DeepEquals(Notes.Expected(uri, text), JsonNode.Parse(back.GetProperty("items").GetRawText())));
        Assert.Equal("full", (await PullAsync(firstId)).GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Client_settings_change_severities_without_a_restart()
    {
        await using var server = TestServer.InProcess();
        server.Client.Settings = JsonNode.Parse("""{"rules": {"OL001": "off"}}""");
        await server.Client.InitializeAsync(Capabilities.WithConfiguration);
        string uri = Notes.Uri();
        string text = "Note\n{{< orbit_review >}}\nQ?\n{{< /orbit_review >}}\n";
        await server.Client.OpenAsync(uri, text);
        await server.Client.WaitForNotificationAsync("textDocument/publishDiagnostics", p => !Notes.Codes(p).Contains("OL001"));
        server.Client.Settings = JsonNode.Parse("""{"rules": {"unanswered-prompt": "hint"}, "docsBaseUrl": "https://example.org/rules/"}""");
        await server.Client.NotifyAsync("workspace/didChangeConfiguration", new { settings = new { } });
        var published = await server.Client.WaitForNotificationAsync("textDocument/publishDiagnostics", p => Notes.Codes(p).Contains("OL001"));
        Assert.Single(server.Client.NotificationsOf("textDocument/publishDiagnostics"), p => Notes.Codes(p).Contains("OL001"));
        var d = published.GetProperty("diagnostics").EnumerateArray().Single(x => x.GetProperty("code").GetString() == "OL001");
        Assert.Equal(4, d.GetProperty("severity").GetInt32());
        Assert.Equal("https://example.org/rules/OL001.md", d.GetProperty("codeDescription").GetProperty("href").GetString());
        Assert.Equal(2, server.Client.ConfigurationRequests);
    }

    [Fact]
    public async Task A_client_without_workspace_configuration_is_read_from_didChangeConfiguration()
    {
        await using var server = TestServer.InProcess();
        await server.Client.InitializeAsync();
        string uri = Notes.Uri();
        await server.Client.OpenAsync(uri, "Note\n{{< orbit_review >}}\nQ?\n{{< /orbit_review >}}\n");
        await server.Client.DiagnosticsAsync(uri, 1);
        await server.Client.NotifyAsync("workspace/didChangeConfiguration", new { settings = new { orbitLsp = new { rules = new Dictionary<string, string> { ["OL001"] = "off", ["OL999"] = "error" } } } });
        await server.Client.WaitForNotificationAsync("textDocument/publishDiagnostics", p => !Notes.Codes(p).Contains("OL001"));
        var warning = await server.Client.WaitForNotificationAsync("window/showMessage", _ => true);
        Assert.Contains("OL999", warning.GetProperty("message").GetString());
    }

    [Fact]
    public async Task The_nearest_orbitlsp_yaml_sets_severities_and_client_settings_are_laid_over_it()
    {
        string folder = Directory.CreateTempSubdirectory("orbitlsp-config").FullName;
        File.WriteAllText(Path.Combine(folder, ".orbitlsp.yaml"), "rules:\n  OL001: off\n  OL020: warning\n");
        string note = Path.Combine(folder, "sub", "note.md");
        Directory.CreateDirectory(Path.GetDirectoryName(note)!);
        string uri = new Uri(note).AbsoluteUri;
        string text = "Note\n{{< orbit_review color=\"bleu\" >}}\nQ?\n{{< /orbit_review >}}\n";

        await using var server = TestServer.InProcess();
        server.Client.Settings = JsonNode.Parse("""{"rules": {"OL020": "information"}}""");
        await server.Client.InitializeAsync(Capabilities.WithConfiguration);
        await server.Client.OpenAsync(uri, text);
        var expected = Notes.Expected(uri, text, new RuleSettings(System.Collections.Immutable.ImmutableDictionary<string, Severity?>.Empty
            .Add("OL001", null).Add("OL020", Severity.Information)));
        await server.Client.WaitForNotificationAsync("textDocument/publishDiagnostics",
            p => JsonNode.DeepEquals(expected, JsonNode.Parse(p.GetProperty("diagnostics").GetRawText())));
    }

    [Fact]
    public async Task A_broken_orbitlsp_yaml_is_told_once_and_what_can_be_read_is_used()
    {
        string folder = Directory.CreateTempSubdirectory("orbitlsp-config").FullName;
        File.WriteAllText(Path.Combine(folder, ".orbitlsp.yaml"), "rules:\n  OL001: off\n  OL999: error\n");
        string uri = new Uri(Path.Combine(folder, "note.md")).AbsoluteUri;
        await using var server = TestServer.InProcess();
        await server.Client.InitializeAsync();
        await server.Client.OpenAsync(uri, "Note\n{{< orbit_review >}}\nQ?\n{{< /orbit_review >}}\n");
        Assert.DoesNotContain("OL001", Notes.Codes(await server.Client.DiagnosticsAsync(uri, 1)));
        var message = await server.Client.WaitForNotificationAsync("window/showMessage", _ => true);
        Assert.Contains("line 3", message.GetProperty("message").GetString());
        Assert.Contains("OL999", message.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Settings_changes_ask_a_pulling_client_to_refresh()
    {
        await using var server = TestServer.InProcess();
        await server.Client.InitializeAsync(Capabilities.Pull);
        await server.Client.NotifyAsync("workspace/didChangeConfiguration", new { settings = new { } });
        var deadline = DateTime.UtcNow + LspTestClient.Deadline;
        while (server.Client.RefreshRequests < 2 && DateTime.UtcNow < deadline) await Task.Delay(10);
        Assert.Equal(2, server.Client.RefreshRequests);
    }
}
