using System.Text.Json;
using OrbitLsp.Server.Tests.Infrastructure;

namespace OrbitLsp.Server.Tests;

/// <summary>initialize, shutdown, exit, the errors the specification asks for, cancellation and tracing, in-process.</summary>
public sealed class LifecycleTests
{
    [Fact]
    public async Task Initialize_advertises_exactly_what_is_implemented()
    {
        await using var server = TestServer.InProcess();
        var result = await server.Client.InitializeAsync();
        var caps = result.GetProperty("capabilities");
        Assert.Equal(["positionEncoding", "textDocumentSync", "hoverProvider", "executeCommandProvider", "codeLensProvider", "inlayHintProvider",
            "semanticTokensProvider", "documentSymbolProvider", "foldingRangeProvider", "selectionRangeProvider", "completionProvider",
            "documentFormattingProvider", "documentRangeFormattingProvider", "workspaceSymbolProvider", "workspace"], caps.EnumerateObject().Select(p => p.Name));
        Assert.Equal("utf-16", caps.GetProperty("positionEncoding").GetString());
        Assert.Equal(2, caps.GetProperty("textDocumentSync").GetProperty("change").GetInt32());
        Assert.Equal(["orbit.previewReview", "orbit.previewReviewHtml", "orbit.pagePreview", "orbit.showProblems", "orbit.reviewDue", "orbit.recordReview"],
            caps.GetProperty("executeCommandProvider").GetProperty("commands").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("orbitlsp", result.GetProperty("serverInfo").GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_client_that_pulls_diagnostics_is_offered_the_diagnostic_provider_with_workspace_diagnostics()
    {
        await using var server = TestServer.InProcess();
        var caps = (await server.Client.InitializeAsync(Capabilities.Pull)).GetProperty("capabilities");
        // OL090 depends on other notes.
        Assert.True(caps.GetProperty("diagnosticProvider").GetProperty("interFileDependencies").GetBoolean());
        Assert.True(caps.GetProperty("diagnosticProvider").GetProperty("workspaceDiagnostics").GetBoolean());
    }

    [Fact]
    public async Task A_client_that_prefers_utf8_gets_positions_in_utf8_bytes()
    {
        await using var server = TestServer.InProcess();
        var caps = (await server.Client.InitializeAsync(Capabilities.Utf8)).GetProperty("capabilities");
        Assert.Equal("utf-8", caps.GetProperty("positionEncoding").GetString());
        string text = "{{< orbit_review color=\"bleu\" >}}\nQ?\nA\n{{< /orbit_review >}}\n";
        string uri = Notes.Uri();
        // é is two bytes in UTF-8: every later character on the line moves one byte further.
        await server.Client.OpenAsync(uri, "é " + text);
        var published = await server.Client.DiagnosticsAsync(uri, 1);
        Notes.AssertSameDiagnostics(Notes.Expected(uri, "é " + text, encoder: OrbitLsp.LanguageServer.Documents.PositionEncoder.Utf8), published);
        var color = published.GetProperty("diagnostics").EnumerateArray().First(d => d.GetProperty("code").GetString() == "OL020");
        Assert.Equal(3 + text.IndexOf("bleu", StringComparison.Ordinal) - 1, color.GetProperty("range").GetProperty("start").GetProperty("character").GetInt32());
    }

    [Fact]
    public async Task A_request_before_initialize_gets_ServerNotInitialized()
    {
        await using var server = TestServer.InProcess();
        var error = await Assert.ThrowsAsync<LspErrorException>(() => server.Client.HoverAsync(Notes.Uri(), 0, 0));
        Assert.Equal(-32002, error.Code);
        await server.Client.InitializeAsync();
    }

    [Fact]
    public async Task A_second_initialize_is_an_error()
    {
        await using var server = TestServer.InProcess();
        await server.Client.InitializeAsync();
        var error = await Assert.ThrowsAsync<LspErrorException>(() => server.Client.InitializeAsync());
        Assert.Equal(-32600, error.Code);
    }

    [Fact]
    public async Task An_unknown_method_gets_MethodNotFound_and_the_server_stays_up()
    {
        await using var server = TestServer.InProcess();
        await server.Client.InitializeAsync();
        var error = await Assert.ThrowsAsync<LspErrorException>(() => server.Client.RequestAsync("textDocument/rename", new { }));
        Assert.Equal(-32601, error.Code);
        await server.Client.NotifyAsync("$/unknownNotification", new { });
        await server.Client.RequestAsync("shutdown", null);
    }

    [Theory]
    [InlineData("""{"textDocument": 7, "position": {"line": 0, "character": 0}}""")]
    [InlineData("""{"textDocument": {"uri": "file:///x.md"}}""")]
    [InlineData("""{"textDocument": {"uri": "file:///x.md"}, "position": {"line": "one", "character": 0}}""")]
    [InlineData("""[1, 2]""")]
    [InlineData("""null""")]
    public async Task Malformed_params_get_InvalidParams_and_the_server_stays_up(string parameters)
    {
        await using var server = TestServer.InProcess();
        await server.Client.InitializeAsync();
        var answer = await server.Client.RequestRawAsync("textDocument/hover", parameters);
        Assert.Equal(-32602, answer.GetProperty("error").GetProperty("code").GetInt32());
        await server.Client.NotifyAsync("textDocument/didOpen", new { textDocument = 5 });
        await server.Client.RequestAsync("shutdown", null);
    }

    [Fact]
    public async Task A_message_that_is_not_JSON_gets_ParseError_and_the_server_reads_on()
    {
        await using var server = TestServer.InProcess();
        await server.Client.InitializeAsync();
        await server.Client.SendRawAsync("""{"jsonrpc":"2.0","id":99,"method":"textDocument/hover","params":{oops""");
        var error = await server.Client.WaitForNotificationAsync(LspTestClient.ResponseWithoutId, _ => true);
        Assert.Equal(-32700, error.GetProperty("error").GetProperty("code").GetInt32());
        await server.Client.RequestAsync("shutdown", null);
    }

    [Fact]
    public async Task Requests_after_shutdown_are_refused()
    {
        await using var server = TestServer.InProcess();
        await server.Client.InitializeAsync();
        await server.Client.RequestAsync("shutdown", null);
        var error = await Assert.ThrowsAsync<LspErrorException>(() => server.Client.HoverAsync(Notes.Uri(), 0, 0));
        Assert.Equal(-32600, error.Code);
    }

    [Fact]
    public async Task Exit_after_shutdown_ends_with_code_0_and_without_it_with_code_1()
    {
        await using (var server = TestServer.InProcess())
        {
            await server.Client.InitializeAsync();
            await server.Client.ShutdownAndExitAsync();
            Assert.Equal(0, await server.Exit.WaitAsync(TimeSpan.FromSeconds(10)));
        }
        await using (var server = TestServer.InProcess())
        {
            await server.Client.InitializeAsync();
            await server.Client.NotifyAsync("exit", null);
            Assert.Equal(1, await server.Exit.WaitAsync(TimeSpan.FromSeconds(10)));
        }
    }

    [Fact]
    public async Task A_cancelled_request_is_answered_with_RequestCancelled()
    {
        await using var server = TestServer.InProcess();
        // The client holds back its settings, so the pull waits for them until it is cancelled.
        server.Client.HoldConfiguration = new TaskCompletionSource();
        await server.Client.InitializeAsync(Capabilities.Pull);
        string uri = Notes.Uri();
        await server.Client.OpenAsync(uri, "Note\n");
        var (id, response) = await server.Client.StartRequestAsync("textDocument/diagnostic", new { textDocument = new { uri } });
        await Task.Delay(100);
        Assert.False(response.IsCompleted);
        await server.Client.NotifyAsync("$/cancelRequest", new { id });
        var answer = await response.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(-32800, answer.GetProperty("error").GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task SetTrace_verbose_sends_logTrace_with_the_params_and_off_stops_it()
    {
        await using var server = TestServer.InProcess();
        await server.Client.InitializeAsync();
        await server.Client.NotifyAsync("$/setTrace", new { value = "verbose" });
        await server.Client.OpenAsync(Notes.Uri(), "hello");
        var trace = await server.Client.WaitForNotificationAsync("$/logTrace", p => p.GetProperty("message").GetString()!.Contains("textDocument/didOpen"));
        Assert.Contains("hello", trace.GetProperty("verbose").GetString());
        await server.Client.NotifyAsync("$/setTrace", new { value = "off" });
        await server.Client.RequestAsync("shutdown", null);
        Assert.DoesNotContain(server.Client.NotificationsOf("$/logTrace"), p => p.GetProperty("message").GetString()!.Contains("shutdown"));
    }

    [Fact]
    public async Task The_log_file_is_named_in_logMessage_at_start_and_messages_follow_the_trace_level()
    {
        await using var server = TestServer.InProcess();
        await server.Client.InitializeAsync();
        var start = await server.Client.WaitForNotificationAsync("window/logMessage", p => p.GetProperty("message").GetString()!.Contains("log file"));
        Assert.Contains(server.LogFile, start.GetProperty("message").GetString());
        await server.Client.RequestAsync("shutdown", null);
        Assert.DoesNotContain(server.Client.NotificationsOf("window/logMessage"), p => p.GetProperty("message").GetString()!.Contains("Shutdown requested"));

        await using var verbose = TestServer.InProcess();
        await verbose.Client.InitializeAsync(trace: "messages");
        await verbose.Client.RequestAsync("shutdown", null);
        await verbose.Client.WaitForNotificationAsync("window/logMessage", p => p.GetProperty("message").GetString()!.Contains("Shutdown requested"));
    }

    [Fact]
    [Trait(TestServer.Trait, TestServer.HereOnly)] // its own poll interval: always in this process; ProcessTests has the published one's
    public async Task The_server_exits_when_the_client_process_dies()
    {
        using var parent = System.Diagnostics.Process.Start("sleep", "60");
        await using var server = TestServer.InProcess(TimeSpan.FromMilliseconds(100));
        await server.Client.InitializeAsync(processId: parent.Id);
        parent.Kill();
        Assert.Equal(1, await server.Exit.WaitAsync(TimeSpan.FromSeconds(10)));
    }
}
