using System.Text.Json;
using OrbitLsp.Server.Tests.Infrastructure;
using static OrbitLsp.Server.Tests.Infrastructure.ClientSteps;

namespace OrbitLsp.Server.Tests;

/// <summary>Document sync over the protocol: exact UTF-16 changes, batches, and every way a change can be impossible.</summary>
public sealed class SyncTests
{
    // NOTE: a note must not start with '{' (Hugo reads that as JSON front matter), hence the first line.
    private const string Block = "Note\n{{< orbit_review color=\"blue\" >}}\nQ one?\nA one\nQ two?\n{{< /orbit_review >}}\n";

    [Fact]
    public async Task Changes_apply_exactly_in_utf16_across_crlf_and_surrogate_pairs()
    {
        await using var server = TestServer.InProcess();
        await server.Client.InitializeAsync();
        string uri = Notes.Uri();
        string text = "Emoji 😀 here\r\n" + Block.Replace("\n", "\r\n");
        await server.Client.OpenAsync(uri, text);
        // After the emoji (two UTF-16 units): character 8 is the space after it.
        await server.Client.ChangeAsync(uri, 2, Insert(0, 8, "!"), Edit(5, 0, 5, 6, "A two"));
        string expected = "Emoji 😀! here\r\nNote\r\n{{< orbit_review color=\"blue\" >}}\r\nQ one?\r\nA one\r\nA two\r\n{{< /orbit_review >}}\r\n";
        Notes.AssertSameDiagnostics(Notes.Expected(uri, expected), await server.Client.DiagnosticsAsync(uri, 2));
    }

    [Fact]
    public async Task A_batch_of_changes_applies_each_to_the_result_of_the_one_before()
    {
        await using var server = TestServer.InProcess();
        await server.Client.InitializeAsync();
        string uri = Notes.Uri();
        await server.Client.OpenAsync(uri, Block);
        await server.Client.ChangeAsync(uri, 2, Insert(4, 6, "\nA two"), Insert(5, 5, " and more"), Edit(2, 0, 2, 1, "q"));
        string expected = Block.Replace("Q one?", "q one?").Replace("Q two?\n", "Q two?\nA two and more\n");
        Notes.AssertSameDiagnostics(Notes.Expected(uri, expected), await server.Client.DiagnosticsAsync(uri, 2));
    }

    [Fact]
    public async Task A_character_past_the_line_end_means_the_line_end_as_the_specification_says()
    {
        await using var server = TestServer.InProcess();
        await server.Client.InitializeAsync();
        string uri = Notes.Uri();
        await server.Client.OpenAsync(uri, Block);
        await server.Client.ChangeAsync(uri, 2, Insert(4, 99, "\nA two"));
        Notes.AssertSameDiagnostics(Notes.Expected(uri, Block.Replace("Q two?\n", "Q two?\nA two\n")), await server.Client.DiagnosticsAsync(uri, 2));
    }

    [Theory]
    [InlineData("out of range", 2, 40, 0)]
    [InlineData("version going backwards", 1, 0, 0)]
    [InlineData("start after end", 2, -1, 0)]
    public async Task An_impossible_change_marks_the_note_diverged_clears_its_diagnostics_and_tells_the_user(string why, int version, int line, int _)
    {
        await using var server = TestServer.InProcess();
        await server.Client.InitializeAsync();
        string uri = Notes.Uri();
        await server.Client.OpenAsync(uri, Block);
        Assert.NotEmpty(Notes.Codes(await server.Client.DiagnosticsAsync(uri, 1)));
        object change = line >= 0 ? Insert(line, 0, "x") : Edit(4, 4, 2, 0, "x");
        await server.Client.ChangeAsync(uri, version, change);
        var message = await server.Client.WaitForNotificationAsync("window/showMessage", _ => true);
        Assert.Equal(1, message.GetProperty("type").GetInt32());
        Assert.Contains("lost track", message.GetProperty("message").GetString());
        var cleared = await server.Client.WaitForNotificationAsync("textDocument/publishDiagnostics", p => p.GetProperty("diagnostics").GetArrayLength() == 0);
        Assert.Equal(uri, cleared.GetProperty("uri").GetString());
        Assert.Null(await HoverOrNull(server, uri));
        Assert.True(why.Length > 0);
    }

    /// <summary>
    /// A change that leaves the note's snapshot as it was (here: changes ignored while it is
    /// diverged) asks for its diagnostics again; they were sent, so nothing is. (A change scheduled
    /// while the publisher was starting did the same to a note in sync: the newest version went out
    /// twice, which `Diagnostics_are_never_published_for_a_version_older_than_the_newest` caught
    /// once when messages came faster; see docs/latency-history.md, 8 December.)
    /// </summary>
    [Fact]
    public async Task A_snapshot_whose_diagnostics_were_sent_is_not_sent_again()
    {
        await using var server = TestServer.InProcess();
        await server.Client.InitializeAsync();
        string uri = Notes.Uri();
        await server.Client.OpenAsync(uri, Block);
        await server.Client.DiagnosticsAsync(uri, 1);
        await server.Client.ChangeAsync(uri, 2, Insert(90, 0, "x"));
        await server.Client.WaitForNotificationAsync("textDocument/publishDiagnostics", p => p.GetProperty("diagnostics").GetArrayLength() == 0);
        for (int version = 3; version <= 6; version++)
        {
            // Each after the last one's diagnostics would have gone out.
            await Task.Delay(100);
            await server.Client.ChangeAsync(uri, version, Insert(0, 0, "ignored while diverged"));
        }
        await Task.Delay(300);
        Assert.Single(server.Client.NotificationsOf("textDocument/publishDiagnostics"), p => p.GetProperty("diagnostics").GetArrayLength() == 0);
    }

    [Fact]
    public async Task A_full_text_change_brings_a_diverged_note_back_in_sync()
    {
        await using var server = TestServer.InProcess();
        await server.Client.InitializeAsync();
        string uri = Notes.Uri();
        await server.Client.OpenAsync(uri, Block);
        await server.Client.ChangeAsync(uri, 2, Insert(90, 0, "x"));
        await server.Client.WaitForNotificationAsync("window/showMessage", _ => true);
        await server.Client.ChangeAsync(uri, 3, Insert(0, 0, "ignored while diverged"));
        await server.Client.ChangeAsync(uri, 4, new { text = Block + "\n" });
        Notes.AssertSameDiagnostics(Notes.Expected(uri, Block + "\n"), await server.Client.DiagnosticsAsync(uri, 4));
        Assert.Single(server.Client.NotificationsOf("window/showMessage"));
    }

    [Fact]
    public async Task Diagnostics_are_never_published_for_a_version_older_than_the_newest()
    {
        await using var server = TestServer.InProcess();
        await server.Client.InitializeAsync();
        string uri = Notes.Uri();
        string text = GeneratedNotes.Large(300_000);
        await server.Client.OpenAsync(uri, text);
        for (int v = 2; v <= 60; v++) await server.Client.ChangeAsync(uri, v, Insert(10, 0, "x"));
        await server.Client.DiagnosticsAsync(uri, 60);
        var versions = server.Client.NotificationsOf("textDocument/publishDiagnostics").Select(p => p.GetProperty("version").GetInt32()).ToList();
        Assert.Equal(versions.OrderBy(v => v), versions);
        Assert.Equal(versions.Distinct().Count(), versions.Count);
        Assert.Equal(60, versions[^1]);
    }

    [Fact]
    public async Task Closing_a_note_clears_its_diagnostics_and_changes_to_unopened_notes_are_ignored()
    {
        await using var server = TestServer.InProcess();
        await server.Client.InitializeAsync();
        string uri = Notes.Uri();
        await server.Client.OpenAsync(uri, Block);
        await server.Client.DiagnosticsAsync(uri, 1);
        await server.Client.NotifyAsync("textDocument/didClose", new { textDocument = new { uri } });
        var cleared = await server.Client.WaitForNotificationAsync("textDocument/publishDiagnostics", p => !p.TryGetProperty("version", out _));
        Assert.Equal(0, cleared.GetProperty("diagnostics").GetArrayLength());
        await server.Client.ChangeAsync(uri, 2, Insert(0, 0, "x"));
        await server.Client.NotifyAsync("textDocument/didSave", new { textDocument = new { uri } });
        var error = await Assert.ThrowsAsync<LspErrorException>(() => server.Client.HoverAsync(uri, 2, 0));
        Assert.Equal(-32602, error.Code);
    }

    private static async Task<JsonElement?> HoverOrNull(TestServer server, string uri)
    {
        var hover = await server.Client.HoverAsync(uri, 2, 0);
        return hover.ValueKind == JsonValueKind.Null ? null : hover;
    }
}
