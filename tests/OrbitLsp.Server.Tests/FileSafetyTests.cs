using System.Text.Json;
using OrbitLsp.Server.Tests.Infrastructure;
using static OrbitLsp.Server.Tests.Infrastructure.ClientSteps;
using static OrbitLsp.Server.Tests.Infrastructure.FeatureSteps;

namespace OrbitLsp.Server.Tests;

/// <summary>
/// The server and the notes on disk: it never writes one, and notes that go away, move, or become a
/// folder under it, symbolic link loops and folders it cannot read, bring no error and no hang.
/// </summary>
public sealed class FileSafetyTests
{
    private static readonly object Client = new
    {
        window = new { workDoneProgress = true },
        workspace = new { didChangeWatchedFiles = new { dynamicRegistration = true }, workspaceEdit = new { documentChanges = true } },
        textDocument = new { codeAction = new { codeActionLiteralSupport = new { codeActionKind = new { valueSet = new[] { "quickfix", "source" } } } } },
    };

    private const string Broken = "Intro.\r\n\r\n{{< orbit_review color=\"purpel\" >}}\r\nQ one?  \r\nA one\r\n\r\nQ two?\r\n{{< /orbit_review >}}\r\n";

    private static Task<JsonElement> IndexedAsync(LspTestClient client) =>
        client.WaitForNotificationAsync("$/progress", p => p.GetProperty("value").GetProperty("kind").GetString() == "end");

    private static Dictionary<string, (string Text, DateTime Written)> Snapshot(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .ToDictionary(f => f, f => (File.ReadAllText(f), File.GetLastWriteTimeUtc(f)));

    [Fact]
    public async Task A_session_that_formats_fixes_and_previews_every_note_changes_no_file_in_the_workspace()
    {
        using var folder = new TempWorkspace(("broken.md", Broken), ("misalignment.md", Notes.Example("misalignment.md")),
            ("sub/clean.md", TempWorkspace.Note(("Q?", "A"))), ("sub/.orbitlsp.yaml", "rules:\n  OL090: off\n"));
        var before = Snapshot(folder.Root);
        await using (var server = TestServer.InProcess())
        {
            await folder.InitializeAsync(server.Client, Client);
            await IndexedAsync(server.Client);
            foreach (var path in new[] { "broken.md", "misalignment.md", "sub/clean.md" })
            {
                string uri = folder.Uri(path), text = folder.Text(path);
                await server.Client.OpenAsync(uri, text);
                await server.Client.DiagnosticsAsync(uri, 1);
                var options = new { tabSize = 4, insertSpaces = true, insertFinalNewline = true, trimFinalNewlines = true };
                await server.Client.RequestAsync("textDocument/formatting", new { textDocument = Doc(uri), options });
                var all = FeatureSteps.Range(0, 0, 10_000, 0);
                foreach (var action in (await server.Client.RequestAsync("textDocument/codeAction", new
                         {
                             textDocument = Doc(uri), range = all, context = new { diagnostics = Array.Empty<object>(), only = new[] { "quickfix", "source" } },
                         })).EnumerateArray())
                    if (!action.TryGetProperty("edit", out _)) await server.Client.RequestAsync("codeAction/resolve", action);
                await server.Client.ExecuteAsync("orbit.previewReview", new { uri });
                await server.Client.ExecuteAsync("orbit.previewReviewHtml", new { uri });
                await server.Client.NotifyAsync("textDocument/didSave", new { textDocument = Doc(uri), text });
                await server.Client.NotifyAsync("textDocument/didClose", new { textDocument = Doc(uri) });
            }
            await server.Client.ShutdownAndExitAsync();
        }
        var after = Snapshot(folder.Root);
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        foreach (var (path, was) in before) Assert.Equal(was, after[path]);
    }

    [Theory]
    [InlineData("deleted")]
    [InlineData("renamed")]
    [InlineData("replaced by a folder")]
    public async Task A_note_that_goes_away_while_open_brings_no_error(string how)
    {
        using var folder = new TempWorkspace(("a.md", TempWorkspace.Note(("What is the capital of Peru?", "Lima"))), ("b.md", Broken));
        await using var server = TestServer.InProcess();
        await folder.InitializeAsync(server.Client, Client);
        await IndexedAsync(server.Client);
        string a = folder.Uri("a.md");
        await server.Client.OpenAsync(a, folder.Text("a.md"));
        await server.Client.DiagnosticsAsync(a, 1);

        string full = Path.Combine(folder.Root, "a.md");
        var changes = new List<object> { new { uri = a, type = 3 } };
        switch (how)
        {
            case "deleted":
                File.Delete(full);
                break;
            case "renamed":
                File.Move(full, Path.Combine(folder.Root, "c.md"));
                changes.Add(new { uri = folder.Uri("c.md"), type = 1 });
                break;
            default:
                File.Delete(full);
                Directory.CreateDirectory(full);
                File.WriteAllText(Path.Combine(full, "inner.md"), Broken);
                changes.Add(new { uri = a, type = 1 });
                changes.Add(new { uri = folder.Uri("a.md/inner.md"), type = 1 });
                break;
        }
        await server.Client.NotifyAsync("workspace/didChangeWatchedFiles", new { changes });
        // Still open: the editor's text is the note; it is answered from it.
        await server.Client.ChangeAsync(a, 2, Insert(0, 0, "x"));
        await server.Client.DiagnosticsAsync(a, 2);
        await server.Client.HoverAsync(a, 3, 1);
        await server.Client.ExecuteAsync("orbit.previewReview", new { uri = a });
        await server.Client.RequestAsync("workspace/symbol", new { query = "capital" });
        await server.Client.NotifyAsync("textDocument/didClose", new { textDocument = Doc(a) });
        // Closed: its diagnostics are cleared, or (renamed) read from disk; the server is still up.
        await server.Client.RequestAsync("workspace/symbol", new { query = "" });
        Assert.DoesNotContain(server.Client.NotificationsOf("window/showMessage"), m => m.GetProperty("type").GetInt32() == 1);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task A_workspace_with_folders_and_notes_the_user_may_not_read_is_indexed_without_an_error_dialog()
    {
        // Root reads everything: the server runs as the unprivileged user 'nobody'.
        using var folder = new TempWorkspace(("a.md", TempWorkspace.Note(("What is the capital of Peru?", "Lima"))),
            ("locked/b.md", TempWorkspace.Note(("Which river flows through Manaus?", "The Amazon"))), ("secret.md", Broken));
        var open = (UnixFileMode)0b111_101_101;
        foreach (var dir in new[] { Path.GetDirectoryName(folder.Root)!, folder.Root }) File.SetUnixFileMode(dir, open);
        File.SetUnixFileMode(Path.Combine(folder.Root, "a.md"), (UnixFileMode)0b110_100_100);
        File.SetUnixFileMode(Path.Combine(folder.Root, "secret.md"), UnixFileMode.None);
        File.SetUnixFileMode(Path.Combine(folder.Root, "locked"), UnixFileMode.None);
        // A copy of the build any user can read: the clone may lie where only its owner can.
        string bin = Path.Combine(folder.Root, "..", Path.GetFileName(folder.Root) + "-bin");
        Directory.CreateDirectory(bin);
        File.SetUnixFileMode(bin, open);
        foreach (var file in Directory.EnumerateFiles(AppContext.BaseDirectory))
        {
            string copy = Path.Combine(bin, Path.GetFileName(file));
            File.Copy(file, copy);
            File.SetUnixFileMode(copy, (UnixFileMode)0b110_100_100);
        }
        try
        {
            await using var server = TestServer.ChildProcessVia(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "env", "DOTNET_CLI_HOME=/tmp", "DOTNET_NOLOGO=1"], bin);
            await folder.InitializeAsync(server.Client, Client);
            await IndexedAsync(server.Client);
            var found = await server.Client.RequestAsync("workspace/symbol", new { query = "" });
            Assert.Equal(["What is the capital of Peru?"], found.EnumerateArray().Select(s => s.GetProperty("name").GetString()));
            Assert.DoesNotContain(server.Client.NotificationsOf("window/showMessage"), m => m.GetProperty("type").GetInt32() == 1);
            await server.Client.ShutdownAndExitAsync();
            Assert.Equal(0, await server.Exit.WaitAsync(TimeSpan.FromSeconds(30)));
        }
        finally
        {
            Directory.Delete(bin, recursive: true);
            File.SetUnixFileMode(Path.Combine(folder.Root, "locked"), open);
            File.SetUnixFileMode(Path.Combine(folder.Root, "secret.md"), (UnixFileMode)0b110_100_100);
        }
    }

    [Fact]
    public async Task Symbolic_link_loops_and_dangling_links_are_indexed_without_hanging_or_counting_a_note_twice()
    {
        using var folder = new TempWorkspace(("a.md", TempWorkspace.Note(("What is the capital of Peru?", "Lima"))), ("sub/b.md", Broken));
        File.CreateSymbolicLink(Path.Combine(folder.Root, "sub", "loop"), folder.Root);
        File.CreateSymbolicLink(Path.Combine(folder.Root, "self"), Path.Combine(folder.Root, "self"));
        File.CreateSymbolicLink(Path.Combine(folder.Root, "dangling.md"), Path.Combine(folder.Root, "nowhere.md"));
        await using var server = TestServer.InProcess();
        await folder.InitializeAsync(server.Client, Client);
        var end = await IndexedAsync(server.Client);
        // The dangling link is listed (reading it fails, quietly); the links to folders are not followed.
        Assert.Equal("3 notes indexed", end.GetProperty("value").GetProperty("message").GetString());
        var found = await server.Client.RequestAsync("workspace/symbol", new { query = "capital" });
        Assert.Single(found.EnumerateArray());
        Assert.DoesNotContain(server.Client.NotificationsOf("window/showMessage"), m => m.GetProperty("type").GetInt32() == 1);
    }
}
