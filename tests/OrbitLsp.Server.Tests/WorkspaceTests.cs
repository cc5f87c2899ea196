using System.Text.Json;
using OrbitLsp.LanguageServer.Documents;
using OrbitLsp.Server.Tests.Infrastructure;

namespace OrbitLsp.Server.Tests;

/// <summary>The workspace index: progress, cross-note duplicates, watched files, workspace diagnostics and symbols.</summary>
public sealed class WorkspaceTests
{
    private static readonly object Push = new
    {
        window = new { workDoneProgress = true },
        workspace = new { didChangeWatchedFiles = new { dynamicRegistration = true } },
    };

    private static readonly object Pull = new
    {
        textDocument = new { diagnostic = new { dynamicRegistration = false } },
        workspace = new { configuration = true, diagnostics = new { refreshSupport = true }, didChangeWatchedFiles = new { dynamicRegistration = true } },
    };

    private static readonly (string, string) Capital = ("What is the capital of Peru?", "Lima");
    private static readonly (string, string) River = ("Which river flows through Manaus?", "The Amazon");
    private static readonly (string, string) Desert = ("Which is the driest desert?", "The Atacama");

    private static Task<JsonElement> IndexedAsync(LspTestClient client) =>
        client.WaitForNotificationAsync("$/progress", p => p.GetProperty("value").GetProperty("kind").GetString() == "end");

    private static IEnumerable<JsonElement> Ol090(JsonElement published) =>
        published.GetProperty("diagnostics").EnumerateArray().Where(d => d.GetProperty("code").GetString() == "OL090");

    private static Task<JsonElement> PublishedAsync(LspTestClient client, string uri, Func<JsonElement, bool> match) =>
        client.WaitForNotificationAsync("textDocument/publishDiagnostics", p => p.GetProperty("uri").GetString() == uri && match(p));

    private static Task NotifyWatchedAsync(LspTestClient client, string uri, int type) =>
        client.NotifyAsync("workspace/didChangeWatchedFiles", new { changes = new[] { new { uri, type } } });

    [Fact]
    public async Task Indexing_reports_work_done_progress_from_begin_to_end_with_the_count_of_notes()
    {
        using var folder = new TempWorkspace(("a.md", TempWorkspace.Note(Capital)), ("b.md", TempWorkspace.Note(River)), ("sub/c.md", TempWorkspace.Note(Desert)));
        await using var server = TestServer.InProcess();
        await folder.InitializeAsync(server.Client, Push);
        var end = await IndexedAsync(server.Client);

        var create = server.Client.RequestsFromServer.Single(r => r.Method == "window/workDoneProgress/create");
        string token = create.Params.GetProperty("token").GetString()!;
        var values = server.Client.NotificationsOf("$/progress").Where(p => p.GetProperty("token").GetString() == token).Select(p => p.GetProperty("value")).ToList();
        Assert.Equal("begin", values[0].GetProperty("kind").GetString());
        Assert.Equal("0 of 3 notes", values[0].GetProperty("message").GetString());
        Assert.Equal(0, values[0].GetProperty("percentage").GetInt32());
        // One report at least (more when the notes take longer than a report's interval), the last one for all three.
        var reports = values.Where(v => v.GetProperty("kind").GetString() == "report").ToList();
        var percentages = reports.Select(r => r.GetProperty("percentage").GetInt32()).ToList();
        Assert.Equal(percentages.Order(), percentages);
        Assert.Equal(("3 of 3 notes", 100), (reports[^1].GetProperty("message").GetString(), reports[^1].GetProperty("percentage").GetInt32()));
        Assert.Equal("3 notes indexed", end.GetProperty("value").GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_client_that_refuses_the_progress_token_hears_no_progress_and_the_index_still_works()
    {
        using var folder = new TempWorkspace(("a.md", TempWorkspace.Note(Capital)));
        await using var server = TestServer.InProcess();
        server.Client.Refused.Add("window/workDoneProgress/create");
        await folder.InitializeAsync(server.Client, Push);
        var symbols = await WaitForSymbolsAsync(server.Client, "capital", 1);
        Assert.Equal(folder.Uri("a.md"), symbols[0].GetProperty("location").GetProperty("uri").GetString());
        Assert.Contains(server.Client.RequestsFromServer, r => r.Method == "window/workDoneProgress/create");
        Assert.Empty(server.Client.NotificationsOf("$/progress"));
    }

    [Fact]
    public async Task A_client_without_work_done_progress_gets_no_progress_and_the_index_still_works()
    {
        using var folder = new TempWorkspace(("a.md", TempWorkspace.Note(Capital)));
        await using var server = TestServer.InProcess();
        await folder.InitializeAsync(server.Client, new { });
        var symbols = await WaitForSymbolsAsync(server.Client, "capital", 1);
        Assert.Equal(folder.Uri("a.md"), symbols[0].GetProperty("location").GetProperty("uri").GetString());
        Assert.DoesNotContain(server.Client.RequestsFromServer, r => r.Method is "window/workDoneProgress/create" or "client/registerCapability");
        Assert.Empty(server.Client.NotificationsOf("$/progress"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_prompt_another_note_publishes_is_a_warning_with_the_other_note_as_related_information(bool inWorker)
    {
        using var folder = new TempWorkspace(("a.md", TempWorkspace.Note(River, Capital)), ("b.md", TempWorkspace.Note(Desert, Capital)));
        await using var server = TestServer.InProcess(indexInWorker: inWorker);
        await folder.InitializeAsync(server.Client, Push);
        await IndexedAsync(server.Client);
        await server.Client.OpenAsync(folder.Uri("a.md"), folder.Text("a.md"));

        var published = await PublishedAsync(server.Client, folder.Uri("a.md"), p => Ol090(p).Any());
        var duplicate = Ol090(published).Single();
        Assert.Equal(2, duplicate.GetProperty("severity").GetInt32());
        Assert.Equal(6, duplicate.GetProperty("range").GetProperty("start").GetProperty("line").GetInt32());
        Assert.Contains("b.md", duplicate.GetProperty("message").GetString());
        var related = duplicate.GetProperty("relatedInformation")[0].GetProperty("location");
        Assert.Equal(folder.Uri("b.md"), related.GetProperty("uri").GetString());
        Assert.Equal(6, related.GetProperty("range").GetProperty("start").GetProperty("line").GetInt32());
    }

    /// <summary>
    /// Opens a.md, whose prompt on line 6 b.md has too, and types a character at the end of that
    /// question (version 2): a prompt b.md does not have, so its duplicate is no longer published.
    /// </summary>
    private static async Task<string> TypeInDuplicatedPromptAsync(TempWorkspace folder, TestServer server)
    {
        await folder.InitializeAsync(server.Client, Push);
        await IndexedAsync(server.Client);
        string a = folder.Uri("a.md");
        await server.Client.OpenAsync(a, folder.Text("a.md"));
        await PublishedAsync(server.Client, a, p => Ol090(p).Any());
        await server.Client.ChangeAsync(a, 2, ClientSteps.Insert(6, 28, "x"));
        await PublishedAsync(server.Client, a, p => p.GetProperty("version").GetInt32() == 2 && !Ol090(p).Any());
        return a;
    }

    [Fact]
    public async Task Typing_in_a_duplicated_prompt_hides_its_duplicate_and_shows_it_again_once_typing_pauses_on_the_same_text()
    {
        using var folder = new TempWorkspace(("a.md", TempWorkspace.Note(River, Capital)), ("b.md", TempWorkspace.Note(Desert, Capital)));
        await using var server = TestServer.InProcess();
        string a = await TypeInDuplicatedPromptAsync(folder, server);
        // Deleted again: while typing the block's duplicates are left out, and once the note is
        // analysed after the pause the duplicate is published again for this version.
        await server.Client.ChangeAsync(a, 3, ClientSteps.Edit(6, 28, 6, 29, ""));
        var again = await PublishedAsync(server.Client, a, p => p.GetProperty("version").GetInt32() == 3 && Ol090(p).Any());
        Assert.Equal(6, Ol090(again).Single().GetProperty("range").GetProperty("start").GetProperty("line").GetInt32());
    }

    [Fact]
    public async Task A_client_that_keeps_asking_holds_the_analysis_after_typing_back_only_for_a_while()
    {
        using var folder = new TempWorkspace(("a.md", TempWorkspace.Note(River, Capital)), ("b.md", TempWorkspace.Note(Desert, Capital)));
        await using var server = TestServer.InProcess();
        string a = await TypeInDuplicatedPromptAsync(folder, server);
        string b = folder.Uri("b.md");
        // Every message of the client, from the change on, with when it was sent.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var sent = new List<TimeSpan> { clock.Elapsed };
        await server.Client.ChangeAsync(a, 3, ClientSteps.Edit(6, 28, 6, 29, ""));
        var hidden = PublishedAsync(server.Client, a, p => p.GetProperty("version").GetInt32() == 3 && !Ol090(p).Any());
        var again = PublishedAsync(server.Client, a, p => p.GetProperty("version").GetInt32() == 3 && Ol090(p).Any());
        var republished = again.ContinueWith(_ => clock.Elapsed, TaskContinuationOptions.ExecuteSynchronously);
        // Then hover after hover (in another note: a hover here would analyse this version itself),
        // never 150 ms apart: the analysis that republishes the duplicate waits, but not for ever
        // (TypingPause.PostponedAtMost).
        sent.Add(clock.Elapsed);
        await server.Client.OpenAsync(b, folder.Text("b.md"));
        while (!again.IsCompleted)
        {
            sent.Add(clock.Elapsed);
            await server.Client.HoverAsync(b, 6, 3);
            await Task.Delay(20);
        }
        var at = await republished;
        // Hidden while typing, published again after the wait.
        var versions3 = server.Client.NotificationsOf("textDocument/publishDiagnostics")
            .Where(p => p.GetProperty("uri").GetString() == a && p.GetProperty("version").GetInt32() == 3).Select(p => Ol090(p).Any()).ToList();
        await hidden;
        Assert.False(versions3[0], "version 3's first diagnostics leave the duplicate out");
        // Not before the note had stayed unchanged for a while, as long as the client kept asking.
        // (The slack is the server's: it stamps a message when it reads it. When this process or the
        // machine stalled so long that the client did pause between two messages, the server may
        // go on from that pause, which is then a real one: a loaded machine makes such gaps.)
        var earliest = TypingPause.PostponedAtMost - TypingPause.Length;
        var gap = sent.Zip([.. sent.Skip(1), at]).FirstOrDefault(pair => pair.Second - pair.First >= TypingPause.Length);
        if (gap != default && gap.First < earliest) earliest = gap.First;
        Assert.True(at >= earliest, $"republished {at.TotalMilliseconds:F0} ms after the change; the client's messages at most "
            + $"{sent.Zip(sent.Skip(1)).Select(p => (p.Second - p.First).TotalMilliseconds).DefaultIfEmpty().Max():F0} ms apart");
        Assert.Single(Ol090(await again));
    }

    [Theory]
    [InlineData(false, 150, 150, true)]
    [InlineData(false, 149, 999, false)] // the client asked something 149 ms ago
    [InlineData(false, 0, 1000, true)] // however busy the client, not held back longer
    [InlineData(true, 5000, 5000, false)] // the note changed: the pause starts again
    public void The_analysis_after_typing_waits_for_the_note_and_the_client_to_pause(bool noteChanged, int clientSilentMs, int noteUnchangedMs, bool over) =>
        Assert.Equal(over, TypingPause.IsOver(
            noteChanged, TimeSpan.FromMilliseconds(clientSilentMs), TimeSpan.FromMilliseconds(noteUnchangedMs)));

    [Fact]
    public async Task Watched_file_changes_create_change_and_delete_keep_the_duplicates_of_an_open_note_current()
    {
        using var folder = new TempWorkspace(("a.md", TempWorkspace.Note(Capital)));
        await using var server = TestServer.InProcess();
        await folder.InitializeAsync(server.Client, Push);
        await IndexedAsync(server.Client);
        var registration = server.Client.RequestsFromServer.Single(r => r.Method == "client/registerCapability").Params.GetProperty("registrations")[0];
        Assert.Equal("workspace/didChangeWatchedFiles", registration.GetProperty("method").GetString());
        Assert.Equal(["**/*.md", "**/.orbitlsp.yaml", "**/.gitignore"], registration.GetProperty("registerOptions").GetProperty("watchers").EnumerateArray().Select(w => w.GetProperty("globPattern").GetString()));

        string a = folder.Uri("a.md");
        await server.Client.OpenAsync(a, folder.Text("a.md"));
        await PublishedAsync(server.Client, a, p => !Ol090(p).Any());
        int Count() => server.Client.NotificationsOf("textDocument/publishDiagnostics").Count(p => p.GetProperty("uri").GetString() == a);

        folder.Write("b.md", TempWorkspace.Note(Capital));
        int before = Count();
        await NotifyWatchedAsync(server.Client, folder.Uri("b.md"), 1);
        await PublishedAsync(server.Client, a, p => Ol090(p).Any());

        folder.Write("b.md", TempWorkspace.Note(River));
        await NotifyWatchedAsync(server.Client, folder.Uri("b.md"), 2);
        await server.Client.WaitForNotificationAsync("textDocument/publishDiagnostics", _ => Count() > before + 1);
        await PublishedAsync(server.Client, a, p => !Ol090(p).Any() && Count() > before + 1);

        folder.Write("b.md", TempWorkspace.Note(Capital));
        await NotifyWatchedAsync(server.Client, folder.Uri("b.md"), 2);
        await server.Client.WaitForNotificationAsync("textDocument/publishDiagnostics", _ => Count() > before + 2);
        folder.Delete("b.md");
        await NotifyWatchedAsync(server.Client, folder.Uri("b.md"), 3);
        await server.Client.WaitForNotificationAsync("textDocument/publishDiagnostics", _ => Count() > before + 3);
        var last = server.Client.NotificationsOf("textDocument/publishDiagnostics").Last(p => p.GetProperty("uri").GetString() == a);
        Assert.Empty(Ol090(last));
        Assert.Empty(await SymbolsAsync(server.Client, "manaus"));
    }

    [Fact]
    public async Task Workspace_diagnostics_report_closed_notes_with_version_null_unchanged_for_known_result_ids_and_wait_for_a_change()
    {
        using var folder = new TempWorkspace(("a.md", TempWorkspace.Note(Capital)), ("b.md", TempWorkspace.Note(Capital)), ("c.md", "# C\n\n{{< orbit_review >}}\nA question without an answer?\n{{< /orbit_review >}}\n"));
        await using var server = TestServer.InProcess();
        var init = await folder.InitializeAsync(server.Client, Pull);
        var provider = init.GetProperty("capabilities").GetProperty("diagnosticProvider");
        Assert.True(provider.GetProperty("workspaceDiagnostics").GetBoolean());
        Assert.True(provider.GetProperty("interFileDependencies").GetBoolean());

        var first = (await server.Client.RequestAsync("workspace/diagnostic", new { previousResultIds = Array.Empty<object>() })).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([folder.Uri("a.md"), folder.Uri("b.md"), folder.Uri("c.md")], first.Select(i => i.GetProperty("uri").GetString()).Order());
        Assert.All(first, i =>
        {
            Assert.Equal("full", i.GetProperty("kind").GetString());
            Assert.Equal(JsonValueKind.Null, i.GetProperty("version").ValueKind);
        });
        JsonElement Of(List<JsonElement> items, string name) => items.Single(i => i.GetProperty("uri").GetString() == folder.Uri(name));
        Assert.Equal(["OL090"], Notes.Codes(Of(first, "a.md")));
        Assert.Equal(folder.Uri("a.md"), Of(first, "b.md").GetProperty("items")[0].GetProperty("relatedInformation")[0].GetProperty("location").GetProperty("uri").GetString());
        Assert.Contains("OL001", Notes.Codes(Of(first, "c.md")));

        object Previous(List<JsonElement> items) => new { previousResultIds = items.Select(i => new { uri = i.GetProperty("uri").GetString(), value = i.GetProperty("resultId").GetString() }).ToArray() };
        // With every report known, the answer waits for a change.
        var (_, pending) = await server.Client.StartRequestAsync("workspace/diagnostic", Previous(first));
        await Task.Delay(100);
        Assert.False(pending.IsCompleted);

        folder.Write("b.md", TempWorkspace.Note(River));
        int refreshes = server.Client.RefreshRequests;
        await NotifyWatchedAsync(server.Client, folder.Uri("b.md"), 2);
        var third = (await pending.WaitAsync(LspTestClient.Deadline)).GetProperty("result").GetProperty("items").EnumerateArray().ToList();
        var deadline = DateTime.UtcNow + LspTestClient.Deadline;
        while (server.Client.RefreshRequests == refreshes && DateTime.UtcNow < deadline) await Task.Delay(10);
        Assert.True(server.Client.RefreshRequests > refreshes, "the client is asked to pull again");
        Assert.Equal("full", Of(third, "a.md").GetProperty("kind").GetString());
        Assert.Empty(Notes.Codes(Of(third, "a.md")));
        Assert.Equal("full", Of(third, "b.md").GetProperty("kind").GetString());
        Assert.Equal("unchanged", Of(third, "c.md").GetProperty("kind").GetString());
    }

    [Fact]
    public async Task An_open_note_is_reported_by_workspace_diagnostics_with_its_version()
    {
        using var folder = new TempWorkspace(("a.md", TempWorkspace.Note(Capital)), ("b.md", TempWorkspace.Note(Capital)));
        await using var server = TestServer.InProcess();
        await folder.InitializeAsync(server.Client, Pull);
        await server.Client.OpenAsync(folder.Uri("a.md"), folder.Text("a.md"), version: 4);
        var items = (await server.Client.RequestAsync("workspace/diagnostic", new { previousResultIds = Array.Empty<object>() })).GetProperty("items").EnumerateArray().ToList();
        var a = items.Single(i => i.GetProperty("uri").GetString() == folder.Uri("a.md"));
        Assert.Equal(4, a.GetProperty("version").GetInt32());
        Assert.Equal(["OL090"], Notes.Codes(a));
        var pulled = await server.Client.RequestAsync("textDocument/diagnostic", new { textDocument = new { uri = folder.Uri("a.md") } });
        Assert.Equal(["OL090"], Notes.Codes(pulled));
        Assert.Equal(folder.Uri("b.md"), pulled.GetProperty("items")[0].GetProperty("relatedInformation")[0].GetProperty("location").GetProperty("uri").GetString());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Workspace_symbols_find_questions_in_every_indexed_note(bool inWorker)
    {
        using var folder = new TempWorkspace(("a.md", TempWorkspace.Note(Capital, River)), ("deep/er/b.md", TempWorkspace.Note(Desert)));
        await using var server = TestServer.InProcess(indexInWorker: inWorker);
        var init = await folder.InitializeAsync(server.Client, Push);
        Assert.True(init.GetProperty("capabilities").GetProperty("workspaceSymbolProvider").GetBoolean());
        await IndexedAsync(server.Client);

        var found = await SymbolsAsync(server.Client, "driest");
        var symbol = Assert.Single(found);
        Assert.Equal("Which is the driest desert?", symbol.GetProperty("name").GetString());
        Assert.Equal(15, symbol.GetProperty("kind").GetInt32());
        Assert.Equal("orbit_review 1", symbol.GetProperty("containerName").GetString());
        Assert.Equal(folder.Uri("deep/er/b.md"), symbol.GetProperty("location").GetProperty("uri").GetString());
        Assert.Equal(3, symbol.GetProperty("location").GetProperty("range").GetProperty("start").GetProperty("line").GetInt32());
        Assert.Equal(3, (await SymbolsAsync(server.Client, "")).Length);
        Assert.Equal("Which river flows through Manaus?", (await SymbolsAsync(server.Client, "RVR mns"))[0].GetProperty("name").GetString());
    }

    /// <summary>A worker that cannot do its job (gone at once, or answering garbage): the server indexes every note itself.</summary>
    [Theory]
    [Trait(TestServer.Trait, TestServer.HereOnly)] // a worker of its own: always in this process
    [InlineData("exit 3")]
    [InlineData("printf 'garbage'")]
    [InlineData("printf '\\001\\001x\\377\\377\\377\\177'")] // an entry claiming two billion diagnostics
    [InlineData("printf '\\001\\002\\377\\376'")] // a key that is not UTF-8
    public async Task When_the_index_worker_fails_the_server_indexes_the_notes_itself(string worker)
    {
        using var folder = new TempWorkspace(("a.md", TempWorkspace.Note(Capital, River)), ("deep/er/b.md", TempWorkspace.Note(Desert)));
        var start = new System.Diagnostics.ProcessStartInfo("sh", ["-c", worker])
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        await using var server = TestServer.InProcess(worker: start);
        await folder.InitializeAsync(server.Client, Push);
        await IndexedAsync(server.Client);

        Assert.Equal(3, (await SymbolsAsync(server.Client, "")).Length);
        Assert.Equal("Which is the driest desert?", Assert.Single(await SymbolsAsync(server.Client, "driest")).GetProperty("name").GetString());
        await using var log = new FileStream(Directory.GetFiles(Path.GetDirectoryName(server.LogFile)!, Path.GetFileNameWithoutExtension(server.LogFile) + "*").Single(),
            FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        string text = await new StreamReader(log).ReadToEndAsync();
        // Gone before the server wrote to it, or after: either way the server says so and indexes both notes.
        Assert.True(text.Contains("The index worker stopped after 0 of 2 notes") || text.Contains("the worker did not start"), text);
        Assert.Contains("Indexed 2 notes", text);
    }

    [Fact]
    public async Task Notes_that_gitignore_ignores_are_not_indexed()
    {
        using var folder = new TempWorkspace(
            (".gitignore", "drafts/\n*.tmp.md\n!keep.tmp.md\n"),
            ("a.md", TempWorkspace.Note(Capital)),
            ("drafts/b.md", TempWorkspace.Note(Capital, River)),
            ("c.tmp.md", TempWorkspace.Note(Capital, Desert)),
            ("keep.tmp.md", TempWorkspace.Note(("Which ocean is the largest?", "The Pacific"))));
        await using var server = TestServer.InProcess();
        await folder.InitializeAsync(server.Client, Push);
        var end = await IndexedAsync(server.Client);
        Assert.Equal("2 notes indexed", end.GetProperty("value").GetProperty("message").GetString());
        Assert.Empty(await SymbolsAsync(server.Client, "manaus"));
        Assert.Single(await SymbolsAsync(server.Client, "ocean"));

        // An ignored note that changes on disk stays out of the index.
        await NotifyWatchedAsync(server.Client, folder.Uri("drafts/b.md"), 2);
        folder.Write("d.md", TempWorkspace.Note(("Which mountain is the highest?", "Everest")));
        await NotifyWatchedAsync(server.Client, folder.Uri("d.md"), 1);
        await WaitForSymbolsAsync(server.Client, "everest mountain", 0);
        await WaitForSymbolsAsync(server.Client, "highest", 1);
        Assert.Empty(await SymbolsAsync(server.Client, "manaus"));
    }

    [Fact]
    public async Task An_open_note_is_indexed_from_the_editor_text_and_from_disk_again_once_closed()
    {
        using var folder = new TempWorkspace(("a.md", TempWorkspace.Note(Capital)), ("b.md", TempWorkspace.Note(Capital)));
        await using var server = TestServer.InProcess();
        await folder.InitializeAsync(server.Client, Push);
        await IndexedAsync(server.Client);
        string a = folder.Uri("a.md"), b = folder.Uri("b.md");

        // b.md in the editor no longer has the capital; its disk copy still does.
        await server.Client.OpenAsync(b, TempWorkspace.Note(River));
        await WaitForSymbolsAsync(server.Client, "manaus", 1);
        await server.Client.OpenAsync(a, folder.Text("a.md"));
        await PublishedAsync(server.Client, a, p => !Ol090(p).Any());

        await server.Client.NotifyAsync("textDocument/didClose", new { textDocument = new { uri = b } });
        await PublishedAsync(server.Client, a, p => Ol090(p).Any());
        Assert.Empty(await SymbolsAsync(server.Client, "manaus"));
    }

    [Fact]
    public async Task A_changed_orbitlsp_yaml_on_disk_changes_the_severity_of_cross_note_duplicates()
    {
        using var folder = new TempWorkspace(("a.md", TempWorkspace.Note(Capital)), ("b.md", TempWorkspace.Note(Capital)));
        await using var server = TestServer.InProcess();
        await folder.InitializeAsync(server.Client, Push);
        await IndexedAsync(server.Client);
        string a = folder.Uri("a.md");
        await server.Client.OpenAsync(a, folder.Text("a.md"));
        await PublishedAsync(server.Client, a, p => Ol090(p).Any(d => d.GetProperty("severity").GetInt32() == 2));

        folder.Write(".orbitlsp.yaml", "rules:\n  OL090: error\n");
        await NotifyWatchedAsync(server.Client, folder.Uri(".orbitlsp.yaml"), 1);
        await PublishedAsync(server.Client, a, p => Ol090(p).Any(d => d.GetProperty("severity").GetInt32() == 1));

        folder.Write(".orbitlsp.yaml", "rules:\n  OL090: off\n");
        await NotifyWatchedAsync(server.Client, folder.Uri(".orbitlsp.yaml"), 2);
        // Two changes of the file may reach the index thread as one pass when it is busy: at least one more pass ends.
        await PublishedAsync(server.Client, a, p => !Ol090(p).Any() && server.Client.NotificationsOf("$/progress").Count(e => e.GetProperty("value").GetProperty("kind").GetString() == "end") >= 2);
    }

    private static async Task<JsonElement[]> SymbolsAsync(LspTestClient client, string query) =>
        [.. (await client.RequestAsync("workspace/symbol", new { query })).EnumerateArray()];

    [Fact]
    public async Task Workspace_folders_added_later_are_indexed_and_removed_ones_dropped()
    {
        using var first = new TempWorkspace(("a.md", TempWorkspace.Note(Capital)));
        using var second = new TempWorkspace(("b.md", TempWorkspace.Note(River)));
        await using var server = TestServer.InProcess();
        var result = await first.InitializeAsync(server.Client, Push);
        var folders = result.GetProperty("capabilities").GetProperty("workspace").GetProperty("workspaceFolders");
        Assert.True(folders.GetProperty("supported").GetBoolean() && folders.GetProperty("changeNotifications").GetBoolean());
        await WaitForSymbolsAsync(server.Client, "capital", 1);

        await server.Client.NotifyAsync("workspace/didChangeWorkspaceFolders", new
        {
            @event = new { added = new[] { new { uri = second.RootUri, name = "second" } }, removed = new[] { new { uri = first.RootUri, name = "notes" } } },
        });
        var river = await WaitForSymbolsAsync(server.Client, "manaus", 1);
        Assert.Equal(second.Uri("b.md"), river[0].GetProperty("location").GetProperty("uri").GetString());
        await WaitForSymbolsAsync(server.Client, "capital", 0);
    }

    [Fact]
    public async Task A_changed_gitignore_takes_its_notes_out_of_the_index_and_back()
    {
        using var folder = new TempWorkspace(("a.md", TempWorkspace.Note(Capital)), ("drafts/b.md", TempWorkspace.Note(River)));
        await using var server = TestServer.InProcess();
        await folder.InitializeAsync(server.Client, Push);
        await WaitForSymbolsAsync(server.Client, "manaus", 1);
        var registration = server.Client.RequestsFromServer.Single(r => r.Method == "client/registerCapability");
        Assert.Contains("**/.gitignore", registration.Params.GetRawText());

        folder.Write(".gitignore", "drafts/\n");
        await NotifyWatchedAsync(server.Client, folder.Uri(".gitignore"), 1);
        await WaitForSymbolsAsync(server.Client, "manaus", 0);

        folder.Delete(".gitignore");
        await NotifyWatchedAsync(server.Client, folder.Uri(".gitignore"), 3);
        await WaitForSymbolsAsync(server.Client, "manaus", 1);
        await WaitForSymbolsAsync(server.Client, "capital", 1);
    }

    private static async Task<JsonElement[]> WaitForSymbolsAsync(LspTestClient client, string query, int count)
    {
        var deadline = DateTime.UtcNow + LspTestClient.Deadline;
        while (true)
        {
            var found = await SymbolsAsync(client, query);
            if (found.Length == count) return found;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"workspace/symbol '{query}' found {found.Length}, not {count}");
            await Task.Delay(10);
        }
    }
}
