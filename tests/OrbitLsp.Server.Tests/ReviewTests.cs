using System.Text.Json;
using OrbitLsp.Core.Review;
using OrbitLsp.Server.Tests.Infrastructure;

namespace OrbitLsp.Server.Tests;

/// <summary>orbit.reviewDue and orbit.recordReview, and the due counts in hovers and lenses, against a workspace on disk.</summary>
public sealed class ReviewTests
{
    private static readonly object Capabilities = new
    {
        window = new { workDoneProgress = true },
        textDocument = new { hover = new { contentFormat = new[] { "markdown" } } },
    };

    private static readonly (string, string) Capital = ("What is the capital of Peru?", "Lima");
    private static readonly (string, string) River = ("Which river flows through Manaus?", "The Amazon");
    private static readonly (string, string) Desert = ("Which is the driest desert?", "The Atacama");

    private static string Id((string Question, string Answer) card) => CardKey.Of(card.Question, card.Answer).ToString();

    private static async Task<TestServer> StartAsync(TempWorkspace folder)
    {
        var server = TestServer.InProcess();
        await folder.InitializeAsync(server.Client, Capabilities);
        await server.Client.WaitForNotificationAsync("$/progress", p => p.GetProperty("value").GetProperty("kind").GetString() == "end");
        return server;
    }

    private static Task<JsonElement> DueAsync(TestServer server, object argument) => server.Client.ExecuteAsync("orbit.reviewDue", argument);

    private static Task<JsonElement> RecordAsync(TestServer server, (string, string) card, string grade, string reviewedAt) =>
        server.Client.ExecuteAsync("orbit.recordReview", new { id = Id(card), grade, reviewedAt });

    private static string[] Questions(JsonElement due) => [.. due.GetProperty("cards").EnumerateArray().Select(c => c.GetProperty("question").GetString()!)];

    [Fact]
    public async Task New_cards_are_due_a_graded_card_is_not_until_its_day_and_then_comes_first()
    {
        using var folder = new TempWorkspace(("a.md", TempWorkspace.Note(Capital, River)), ("sub/b.md", TempWorkspace.Note(Desert)));
        await using var server = await StartAsync(folder);

        var before = await DueAsync(server, new { scope = "workspace", today = "2026-12-01" });
        Assert.Equal((0, 3, 3), (before.GetProperty("due").GetInt32(), before.GetProperty("new").GetInt32(), before.GetProperty("total").GetInt32()));
        var first = before.GetProperty("cards")[0];
        Assert.Equal("new", first.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("due").ValueKind);
        Assert.Equal(JsonValueKind.Null, first.GetProperty("stability").ValueKind);
        Assert.Equal(JsonValueKind.Null, first.GetProperty("lastReviewed").ValueKind);
        Assert.Equal(Id(Capital), first.GetProperty("id").GetString());
        Assert.Equal(folder.Uri("a.md"), first.GetProperty("uri").GetString());
        Assert.Equal(3, first.GetProperty("range").GetProperty("start").GetProperty("line").GetInt32());

        var recorded = await RecordAsync(server, Capital, "remembered", "2026-12-01T07:30:00Z");
        Assert.Equal("2026-12-04", recorded.GetProperty("due").GetString());
        Assert.Equal(3, recorded.GetProperty("interval").GetInt32());
        await RecordAsync(server, River, "forgotten", "2026-12-01T07:31:00Z");

        var sameDay = await DueAsync(server, new { scope = "workspace", today = "2026-12-01" });
        Assert.Equal([Desert.Item1], Questions(sameDay));
        var later = await DueAsync(server, new { scope = "workspace", today = "2026-12-05" });
        Assert.Equal([River.Item1, Capital.Item1, Desert.Item1], Questions(later)); // the most overdue first, new last
        var river = later.GetProperty("cards")[0];
        Assert.Equal(("due", "2026-12-02"), (river.GetProperty("state").GetString(), river.GetProperty("due").GetString()));
        Assert.True(river.GetProperty("stability").GetDouble() > 0);
        Assert.Equal("2026-12-01T07:31:00.000Z", river.GetProperty("lastReviewed").GetString());
        var limited = await DueAsync(server, new { scope = "workspace", today = "2026-12-05", limit = 1 });
        Assert.Equal((1, 3), (limited.GetProperty("cards").GetArrayLength(), limited.GetProperty("total").GetInt32()));

        var note = await DueAsync(server, new { scope = "note", uri = folder.Uri("a.md"), today = "2026-12-01" });
        Assert.Equal(0, note.GetProperty("total").GetInt32());
        Assert.Equal("2026-12-02", note.GetProperty("nextDue").GetString());

        // The notes are untouched; the grades are in the store at the workspace root.
        Assert.Equal(TempWorkspace.Note(Capital, River), folder.Text("a.md"));
        Assert.Equal(3, File.ReadAllLines(Path.Combine(folder.Root, ".orbitlsp", "reviews.jsonl")).Length);
    }

    [Fact]
    public async Task Without_a_workspace_folder_the_store_is_found_above_the_note_and_a_nearer_root_made_later_counts_soon()
    {
        using var folder = new TempWorkspace(("sub/a.md", TempWorkspace.Note(Capital, River)));
        Directory.CreateDirectory(Path.Combine(folder.Root, ".git"));
        await using var server = TestServer.InProcess();
        await server.Client.InitializeAsync(Capabilities);
        await server.Client.OpenAsync(folder.Uri("sub/a.md"), TempWorkspace.Note(Capital, River));

        string note = folder.Uri("sub/a.md");
        await server.Client.ExecuteAsync("orbit.recordReview", new { id = Id(Capital), grade = "remembered", reviewedAt = "2026-12-01T07:30:00Z", uri = note });
        string outer = Path.Combine(folder.Root, ".orbitlsp", "reviews.jsonl");
        Assert.Equal(2, File.ReadAllLines(outer).Length);

        // A root nearer the note, made now: its store is used once the path found is no longer kept.
        Directory.CreateDirectory(Path.Combine(folder.Root, "sub", ".orbitlsp"));
        await Task.Delay(OrbitLsp.LanguageServer.Features.Review.ReviewService.RootLookupKept + TimeSpan.FromMilliseconds(200));
        await server.Client.ExecuteAsync("orbit.recordReview", new { id = Id(River), grade = "remembered", reviewedAt = "2026-12-01T07:31:00Z", uri = note });
        string inner = Path.Combine(folder.Root, "sub", ".orbitlsp", "reviews.jsonl");
        Assert.Equal(2, File.ReadAllLines(inner).Length);
        Assert.Equal(2, File.ReadAllLines(outer).Length);
    }

    [Fact]
    public async Task The_store_is_loaded_in_the_background_after_initialized_before_any_request_needs_it()
    {
        using var folder = new TempWorkspace(("a.md", TempWorkspace.Note(Capital, River)));
        folder.Write(".orbitlsp/reviews.jsonl", "{\"orbitlsp\":\"reviews\",\"version\":1,\"id\":\"t\"}\n"
            + $"{{\"card\":\"{Id(Capital)}\",\"grade\":3,\"day\":\"2026-12-01\",\"at\":\"2026-12-01T07:30:00.000Z\"}}\n"
            + "not a grade\n");
        await using var server = TestServer.InProcess();
        await folder.InitializeAsync(server.Client, Capabilities);

        // Loading reports the unreadable line: no request has asked for the store.
        var shown = await server.Client.WaitForNotificationAsync("window/showMessage", p => p.GetProperty("message").GetString()!.Contains("line 3"));
        Assert.Contains("reviews.jsonl", shown.GetProperty("message").GetString());
        var due = await DueAsync(server, new { scope = "note", uri = folder.Uri("a.md"), today = "2026-12-01" });
        Assert.Equal([River.Item1], Questions(due));
        Assert.Single(server.Client.Notifications, n => n.Method == "window/showMessage" && n.Params.GetProperty("message").GetString()!.Contains("line 3"));
    }

    [Fact]
    public async Task A_card_moved_to_another_note_or_respaced_keeps_its_state()
    {
        using var folder = new TempWorkspace(("a.md", TempWorkspace.Note(Capital, River)), ("b.md", TempWorkspace.Note(Desert)));
        await using var server = await StartAsync(folder);
        await RecordAsync(server, Capital, "remembered", "2026-12-01T07:30:00Z");

        folder.Write("a.md", TempWorkspace.Note(River));
        folder.Write("b.md", TempWorkspace.Note(Desert, ("What  is the capital of Peru? *", "Lima")));
        await server.Client.NotifyAsync("workspace/didChangeWatchedFiles", new { changes = new[] { new { uri = folder.Uri("a.md"), type = 2 }, new { uri = folder.Uri("b.md"), type = 2 } } });
        JsonElement due = default;
        for (var deadline = DateTime.UtcNow.AddSeconds(20); DateTime.UtcNow < deadline;)
        {
            due = await DueAsync(server, new { scope = "note", uri = folder.Uri("b.md"), today = "2026-12-01" });
            if (due.GetProperty("total").GetInt32() == 1) break;
            await Task.Delay(20);
        }
        Assert.Equal([Desert.Item1], Questions(due));
        var workspace = await DueAsync(server, new { scope = "workspace", today = "2026-12-01" });
        Assert.Equal(new[] { River.Item1, Desert.Item1 }.Order(), Questions(workspace).Order());
    }

    [Fact]
    public async Task An_unknown_card_a_bad_grade_or_a_bad_scope_is_InvalidParams()
    {
        using var folder = new TempWorkspace(("a.md", TempWorkspace.Note(Capital)));
        await using var server = await StartAsync(folder);
        var unknown = await Assert.ThrowsAsync<LspErrorException>(() => server.Client.ExecuteAsync("orbit.recordReview", new { id = new string('a', 32), grade = "remembered" }));
        Assert.Equal(-32602, unknown.Code);
        Assert.Contains("no card with id aaaa", unknown.Message);
        var notId = await Assert.ThrowsAsync<LspErrorException>(() => server.Client.ExecuteAsync("orbit.recordReview", new { id = "x", grade = "remembered" }));
        Assert.Equal(-32602, notId.Code);
        var grade = await Assert.ThrowsAsync<LspErrorException>(() => server.Client.ExecuteAsync("orbit.recordReview", new { id = Id(Capital), grade = "perfect" }));
        Assert.Equal(-32602, grade.Code);
        var scope = await Assert.ThrowsAsync<LspErrorException>(() => DueAsync(server, new { scope = "galaxy" }));
        Assert.Equal(-32602, scope.Code);
        Assert.False(File.Exists(Path.Combine(folder.Root, ".orbitlsp", "reviews.jsonl")));
    }

    [Fact]
    public async Task A_store_of_a_newer_version_is_refused_with_a_clear_message_and_left_as_it_is()
    {
        using var folder = new TempWorkspace(("a.md", TempWorkspace.Note(Capital)));
        string future = "{\"orbitlsp\":\"reviews\",\"version\":9,\"id\":\"x\"}\n";
        folder.Write(".orbitlsp/reviews.jsonl", future);
        await using var server = await StartAsync(folder);
        var e = await Assert.ThrowsAsync<LspErrorException>(() => RecordAsync(server, Capital, "remembered", "2026-12-01T07:30:00Z"));
        Assert.Contains("newer OrbitLsp (review store version 9", e.Message);
        Assert.Equal(future, folder.Text(".orbitlsp/reviews.jsonl"));
    }

    [Fact]
    public async Task Hover_says_when_the_card_is_due_and_the_lens_counts_the_due_cards()
    {
        using var folder = new TempWorkspace(("a.md", TempWorkspace.Note(Capital, River)));
        await using var server = await StartAsync(folder);
        var now = DateTimeOffset.Now;
        await RecordAsync(server, Capital, "remembered", now.ToString("o"));
        string uri = folder.Uri("a.md");
        await server.Client.OpenAsync(uri, folder.Text("a.md"));

        var hover = await server.Client.HoverAsync(uri, 3, 2);
        Assert.Contains("**Review:** due in 3 days", hover.GetProperty("contents").GetProperty("value").GetString());
        var fresh = await server.Client.HoverAsync(uri, 6, 2);
        Assert.Contains("**Review:** new, never reviewed", fresh.GetProperty("contents").GetProperty("value").GetString());
        var lenses = await server.Client.RequestAsync("textDocument/codeLens", new { textDocument = new { uri } });
        Assert.Contains(lenses.EnumerateArray(), l => l.GetProperty("command").GetProperty("title").GetString() == "Review 2 prompts · 1 due");
    }

    [Fact]
    public async Task A_card_whose_answer_was_edited_keeps_its_history_in_the_hover_unless_the_old_card_is_still_in_the_note()
    {
        using var folder = new TempWorkspace(("a.md", TempWorkspace.Note(Capital, River)));
        await using var server = await StartAsync(folder);
        await RecordAsync(server, Capital, "remembered", DateTimeOffset.Now.ToString("o"));
        (string, string) edited = (Capital.Item1, "Lima, on the coast");
        folder.Write("a.md", TempWorkspace.Note(edited, River));
        await server.Client.NotifyAsync("workspace/didChangeWatchedFiles", new { changes = new[] { new { uri = folder.Uri("a.md"), type = 2 } } });
        string uri = folder.Uri("a.md");
        await server.Client.OpenAsync(uri, folder.Text("a.md"));
        // Carried over once the index no longer holds the old card.
        string? text = null;
        for (var deadline = DateTime.UtcNow.AddSeconds(20); DateTime.UtcNow < deadline && text?.Contains("due in 3 days", StringComparison.Ordinal) != true;)
        {
            text = (await server.Client.HoverAsync(uri, 3, 2)).GetProperty("contents").GetProperty("value").GetString();
            await Task.Delay(20);
        }
        Assert.Contains("**Review:** due in 3 days", text);

        // The old card in the same note (not saved): the history is its own, not the edited card's.
        string both = folder.Uri("c.md");
        await server.Client.OpenAsync(both, TempWorkspace.Note(edited, River, Capital));
        var fresh = await server.Client.HoverAsync(both, 3, 2);
        Assert.Contains("**Review:** new, never reviewed", fresh.GetProperty("contents").GetProperty("value").GetString());
        var old = await server.Client.HoverAsync(both, 9, 2);
        Assert.Contains("**Review:** due in 3 days", old.GetProperty("contents").GetProperty("value").GetString());
    }

    [Fact]
    public async Task A_note_open_before_the_first_pass_is_counted_from_the_editor_as_soon_as_the_index_is_ready()
    {
        // As a reloaded window does: the note is opened (with a card not saved yet) before the
        // first pass, and the client keeps asking, which postpones the typing pause after which an
        // open note is indexed. The workspace's due cards, asked at once, must include its cards.
        using var folder = new TempWorkspace(("a.md", TempWorkspace.Note(Capital)), ("b.md", TempWorkspace.Note(River)));
        // Indexed in this process, as a small workspace is (a worker takes longer to start than the pause).
        await using var server = TestServer.InProcess(indexInWorker: false);
        await server.Client.RequestAsync("initialize", new
        {
            processId = (int?)null,
            rootUri = folder.RootUri,
            workspaceFolders = new[] { new { uri = folder.RootUri, name = "notes" } },
            capabilities = Capabilities,
        });
        string uri = folder.Uri("a.md");
        await server.Client.OpenAsync(uri, TempWorkspace.Note(Capital, Desert));
        await server.Client.NotifyAsync("initialized", new { });
        using var asking = new CancellationTokenSource();
        var hovers = Task.Run(async () =>
        {
            while (!asking.IsCancellationRequested)
            {
                await server.Client.HoverAsync(uri, 3, 2);
                await Task.Delay(30);
            }
        });
        try
        {
            var due = await DueAsync(server, new { scope = "workspace", today = "2026-12-01" });
            Assert.Equal(new[] { Capital.Item1, Desert.Item1, River.Item1 }.Order(), Questions(due).Order());
        }
        finally
        {
            await asking.CancelAsync();
            await hovers;
        }
    }

    [Fact]
    public async Task A_grade_asks_a_client_that_can_refresh_lenses_to_ask_for_them_again()
    {
        using var folder = new TempWorkspace(("a.md", TempWorkspace.Note(Capital, River)));
        await using var server = TestServer.InProcess();
        await folder.InitializeAsync(server.Client, new { window = new { workDoneProgress = true }, workspace = new { codeLens = new { refreshSupport = true } } });
        await server.Client.WaitForNotificationAsync("$/progress", p => p.GetProperty("value").GetProperty("kind").GetString() == "end");
        int Refreshes() => server.Client.ServerRequests.Count(m => m == "workspace/codeLens/refresh");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        // The settings, once read, refresh the lenses (their problem counts) once.
        while (Refreshes() == 0 && DateTime.UtcNow < deadline) await Task.Delay(5);
        Assert.Equal(1, Refreshes());
        await RecordAsync(server, Capital, "remembered", DateTimeOffset.Now.ToString("o"));
        while (Refreshes() == 1 && DateTime.UtcNow < deadline) await Task.Delay(5);
        Assert.Equal(2, Refreshes());
    }

    [Fact]
    public async Task PreviewReview_gives_each_reviewable_card_its_id()
    {
        using var folder = new TempWorkspace(("a.md", TempWorkspace.Note(Capital)));
        await using var server = await StartAsync(folder);
        var preview = await server.Client.ExecuteAsync("orbit.previewReview", new { uri = folder.Uri("a.md") });
        Assert.Equal(Id(Capital), preview.GetProperty("cards")[0].GetProperty("id").GetString());
    }
}
