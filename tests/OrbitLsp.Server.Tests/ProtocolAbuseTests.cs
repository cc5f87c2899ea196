using System.Text;
using System.Text.Json;
using OrbitLsp.Server.Tests.Infrastructure;

namespace OrbitLsp.Server.Tests;

/// <summary>
/// What no client should send, sent as raw bytes: broken framing, bodies that are no message,
/// params of the wrong shape, requests at the wrong time, duplicate ids, floods of requests and
/// cancellations. Each answer is the one the specification asks for, and after each the server
/// still answers a hover correctly.
/// </summary>
public sealed class ProtocolAbuseTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const string Text = "Note\n\n{{< orbit_review color=\"blue\" >}}\nWhat is two?\nTwo\n{{< /orbit_review >}}\n";
    private static readonly string Uri = Notes.Uri("abuse.md");

    private static string HoverJson(string id) =>
        $$$$"""{"jsonrpc":"2.0","id":"{{{{id}}}}","method":"textDocument/hover","params":{"textDocument":{"uri":"{{{{Uri}}}}"},"position":{"line":3,"character":2}}}""";

    private static byte[] Frame(string header, string body) => [.. Encoding.ASCII.GetBytes(header), .. Encoding.UTF8.GetBytes(body)];

    private static byte[] Framed(string body) => Frame($"Content-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n", body);

    private static async Task<TestServer> StartAsync(bool childProcess = false, object? capabilities = null)
    {
        var server = childProcess ? TestServer.ChildProcess() : TestServer.InProcess();
        await server.Client.InitializeAsync(capabilities);
        await server.Client.OpenAsync(Uri, Text);
        return server;
    }

    /// <summary>The server answers a hover on the note as it should.</summary>
    private static async Task AssertHealthyAsync(TestServer server)
    {
        var hover = await server.Client.HoverAsync(Uri, 3, 2);
        string value = hover.GetProperty("contents").GetProperty("value").GetString()!;
        Assert.Contains("**Prompt 1 of 1**", value);
        Assert.Contains("What is two?", value);
        Assert.False(server.Exit.IsCompleted, "the server ended");
    }

    private static async Task<JsonElement> ResponseAsync(LspTestClient client, Func<JsonElement, bool> match)
    {
        var deadline = DateTime.UtcNow + LspTestClient.Deadline;
        while (true)
        {
            foreach (var r in client.Responses)
                if (match(r)) return r;
            if (DateTime.UtcNow > deadline) throw new TimeoutException("No matching response. All: " + string.Join(", ", client.Responses));
            if (client.Completion.IsCompleted) throw new InvalidOperationException("The connection closed. Responses: " + string.Join(", ", client.Responses));
            await Task.Delay(5);
        }
    }

    private static Task<JsonElement> ResponseAsync(LspTestClient client, string id) =>
        ResponseAsync(client, r => r.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.String && i.GetString() == id);

    private static int ErrorCode(JsonElement response) => response.GetProperty("error").GetProperty("code").GetInt32();

    /// <summary>The error answers with a null id (to a message the server could not read as a request), in order.</summary>
    private static IEnumerable<JsonElement> Unaddressed(LspTestClient client) =>
        client.Responses.Where(r => r.GetProperty("id").ValueKind == JsonValueKind.Null);

    private static async Task<JsonElement> UnaddressedAsync(LspTestClient client, int count)
    {
        await ResponseAsync(client, _ => Unaddressed(client).Count() >= count);
        return Unaddressed(client).ElementAt(count - 1);
    }

    [Theory]
    [InlineData("""{"jsonrpc":"2.0","id":"x","method":"textDocument/hover","params":{oops""")]
    [InlineData("""{"jsonrpc":"2.0","id":"x",""")]
    [InlineData("not json at all")]
    [InlineData("{\"jsonrpc\":\"2.0\",\u0001}")]
    public async Task A_body_that_is_not_JSON_gets_ParseError_with_a_null_id(string body)
    {
        await using var server = await StartAsync();
        await server.Client.SendBytesAsync(Framed(body));
        Assert.Equal(-32700, ErrorCode(await UnaddressedAsync(server.Client, 1)));
        await AssertHealthyAsync(server);
    }

    [Theory]
    [InlineData("[1, 2]")]
    [InlineData("[]")]
    [InlineData("42")]
    [InlineData("\"textDocument/hover\"")]
    [InlineData("null")]
    public async Task JSON_that_is_not_an_object_gets_InvalidRequest_with_a_null_id(string body)
    {
        await using var server = await StartAsync();
        await server.Client.SendBytesAsync(Framed(body));
        Assert.Equal(-32600, ErrorCode(await UnaddressedAsync(server.Client, 1)));
        await AssertHealthyAsync(server);
    }

    [Theory]
    [InlineData("""{"jsonrpc":"2.0","id":"bad","method":42}""")]
    [InlineData("""{"jsonrpc":"2.0","id":"bad","method":{"a":1},"params":{}}""")]
    public async Task An_object_that_is_no_message_gets_InvalidRequest_with_its_id(string body)
    {
        await using var server = await StartAsync();
        await server.Client.SendBytesAsync(Framed(body));
        Assert.Equal(-32600, ErrorCode(await ResponseAsync(server.Client, "bad")));
        await AssertHealthyAsync(server);
    }

    [Fact]
    public async Task A_Content_Length_too_short_gets_ParseError_and_the_next_message_is_answered()
    {
        await using var server = await StartAsync();
        string body = HoverJson("short");
        await server.Client.SendBytesAsync([.. Frame($"Content-Length: {body.Length - 10}\r\n\r\n", body), .. Framed(HoverJson("after"))]);
        Assert.Equal(-32700, ErrorCode(await UnaddressedAsync(server.Client, 1)));
        Assert.True((await ResponseAsync(server.Client, "after")).TryGetProperty("result", out _));
        Assert.DoesNotContain(server.Client.Responses, r => r.GetProperty("id").ValueKind == JsonValueKind.String && r.GetProperty("id").GetString() == "short");
        await AssertHealthyAsync(server);
    }

    [Fact]
    public async Task A_Content_Length_too_long_gets_ParseError_and_the_message_it_swallowed_is_read_again()
    {
        await using var server = await StartAsync();
        string body = HoverJson("long");
        // The length runs 30 bytes into the next message's header.
        await server.Client.SendBytesAsync([.. Frame($"Content-Length: {body.Length + 30}\r\n\r\n", body), .. Framed(HoverJson("swallowed"))]);
        Assert.Equal(-32700, ErrorCode(await UnaddressedAsync(server.Client, 1)));
        var swallowed = await ResponseAsync(server.Client, "swallowed");
        Assert.Contains("What is two?", swallowed.GetProperty("result").GetProperty("contents").GetProperty("value").GetString());
        await AssertHealthyAsync(server);
    }

    [Theory]
    [InlineData("Content-Length: -5\r\n\r\n", "not a number")]
    [InlineData("Content-Length: -2147483648\r\n\r\n", "not a number")]
    [InlineData("Content-Length: abc\r\n\r\n", "not a number")]
    [InlineData("Content-Length: 12.5\r\n\r\n", "not a number")]
    [InlineData("Content-Length: \r\n\r\n", "not a number")]
    [InlineData("Content-Length: 10000000000\r\n\r\n", "above the server's limit")]
    [InlineData("Content-Length: 99999999999999999999999\r\n\r\n", "not a number")]
    [InlineData("Content-Length: 536870913\r\n\r\n", "above the server's limit")]
    [InlineData("Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n", "without Content-Length")]
    [InlineData("X-Nonsense: 1\r\n\r\n", "without Content-Length")]
    [InlineData("Content-Length 40\r\n\r\n", "Not an LSP message header")]
    [InlineData("{\"jsonrpc\":\"2.0\"}\r\n\r\n", "Not an LSP message header")]
    public async Task A_header_that_cannot_be_framed_gets_ParseError_and_reading_goes_on_at_the_next_header(string header, string why)
    {
        await using var server = await StartAsync();
        await server.Client.SendBytesAsync([.. Frame(header, HoverJson("lost")), .. Framed(HoverJson("next"))]);
        var error = await UnaddressedAsync(server.Client, 1);
        Assert.Equal(-32700, ErrorCode(error));
        Assert.Contains(why, error.GetProperty("error").GetProperty("message").GetString());
        Assert.True((await ResponseAsync(server.Client, "next")).TryGetProperty("result", out _));
        await AssertHealthyAsync(server);
    }

    [Fact]
    public async Task A_zero_Content_Length_gets_ParseError()
    {
        await using var server = await StartAsync();
        await server.Client.SendBytesAsync([.. Frame("Content-Length: 0\r\n\r\n", ""), .. Framed(HoverJson("next"))]);
        Assert.Equal(-32700, ErrorCode(await UnaddressedAsync(server.Client, 1)));
        Assert.True((await ResponseAsync(server.Client, "next")).TryGetProperty("result", out _));
    }

    [Fact]
    public async Task Headers_ending_in_LF_alone_are_read_and_stray_blank_lines_between_messages_skipped()
    {
        await using var server = await StartAsync();
        string body = HoverJson("lf");
        await server.Client.SendBytesAsync([.. Frame($"content-length: {body.Length}\n\n", body), .. "\r\n\r\n"u8, .. Framed(HoverJson("crlf"))]);
        Assert.True((await ResponseAsync(server.Client, "lf")).TryGetProperty("result", out _));
        Assert.True((await ResponseAsync(server.Client, "crlf")).TryGetProperty("result", out _));
        Assert.Empty(Unaddressed(server.Client));
        await AssertHealthyAsync(server);
    }

    [Fact]
    public async Task A_header_without_its_blank_line_gets_ParseError_and_the_next_message_is_answered()
    {
        await using var server = await StartAsync();
        string body = HoverJson("glued");
        await server.Client.SendBytesAsync([.. Frame($"Content-Length: {body.Length}\r\n", body), .. Framed(HoverJson("next"))]);
        Assert.Equal(-32700, ErrorCode(await UnaddressedAsync(server.Client, 1)));
        Assert.True((await ResponseAsync(server.Client, "next")).TryGetProperty("result", out _));
        await AssertHealthyAsync(server);
    }

    [Fact]
    public async Task A_line_that_never_ends_gets_ParseError_once_it_passes_the_header_limit()
    {
        await using var server = await StartAsync();
        await server.Client.SendBytesAsync(Encoding.ASCII.GetBytes(new string('x', 20_000)));
        Assert.Contains("No header block ends", (await UnaddressedAsync(server.Client, 1)).GetProperty("error").GetProperty("message").GetString());
        await server.Client.SendBytesAsync(Framed(HoverJson("next")));
        Assert.True((await ResponseAsync(server.Client, "next")).TryGetProperty("result", out _));
        Assert.Single(Unaddressed(server.Client));
        await AssertHealthyAsync(server);
    }

    [Fact]
    public async Task Invalid_UTF8_in_a_note_is_kept_in_a_method_name_or_uri_is_an_error_and_between_tokens_is_ParseError()
    {
        await using var server = await StartAsync();
        byte[] Raw(string before, byte[] bad, string after)
        {
            byte[] body = [.. Encoding.UTF8.GetBytes(before), .. bad, .. Encoding.UTF8.GetBytes(after)];
            return [.. Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n"), .. body];
        }
        byte[] invalid = [0xFF, 0xC3, 0x28, 0xED, 0xA0, 0x80];
        string other = Notes.Uri("invalid-utf8.md");
        string hoverParams = "\",\"params\":{\"textDocument\":{\"uri\":\"" + Uri + "\"},\"position\":{\"line\":3,\"character\":2}}}";
        await server.Client.SendBytesAsync(Raw("{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":{\"uri\":\"" + other
            + "\",\"languageId\":\"markdown\",\"version\":1,\"text\":\"Note ", invalid, "\\n\"}}}"));
        await server.Client.DiagnosticsAsync(other, 1);
        await server.Client.SendBytesAsync(Raw("{\"jsonrpc\":\"2.0\",\"id\":\"method\",\"method\":\"textDocument/hover", invalid, hoverParams));
        Assert.True((await ResponseAsync(server.Client, "method")).TryGetProperty("error", out _));
        await server.Client.SendBytesAsync(Raw("{\"jsonrpc\":\"2.0\",\"id\":\"uri\",\"method\":\"textDocument/hover\",\"params\":{\"textDocument\":{\"uri\":\"file:///notes/", invalid,
            ".md\"},\"position\":{\"line\":0,\"character\":0}}}"));
        Assert.Equal(-32602, ErrorCode(await ResponseAsync(server.Client, "uri")));
        await server.Client.SendBytesAsync(Raw("{\"jsonrpc\":\"2.0\",\"id\":\"between\",", invalid, "\"method\":\"shutdown\"}"));
        Assert.Equal(-32700, ErrorCode(await UnaddressedAsync(server.Client, 1)));
        await AssertHealthyAsync(server);
    }

    [Theory]
    [InlineData("textDocument/hover", """{"textDocument":{"uri":"URI"},"position":"3:2"}""")]
    [InlineData("textDocument/hover", """{"textDocument":"URI","position":{"line":3,"character":2}}""")]
    [InlineData("textDocument/completion", """{"textDocument":{"uri":"URI"},"position":{"line":"three","character":2}}""")]
    [InlineData("textDocument/codeAction", """{"textDocument":{"uri":"URI"},"range":5,"context":{"diagnostics":[]}}""")]
    [InlineData("textDocument/codeAction", """{"textDocument":{"uri":"URI"},"range":{"start":{"line":0,"character":0},"end":{"line":1,"character":0}},"context":{"diagnostics":"all"}}""")]
    [InlineData("textDocument/semanticTokens/full", """{"textDocument":[]}""")]
    [InlineData("textDocument/documentSymbol", """{"textDocument":{"uri":12}}""")]
    [InlineData("textDocument/foldingRange", """{"textDocument":{"uri":true}}""")]
    [InlineData("textDocument/formatting", """{"textDocument":{"uri":"URI"},"options":"tabs"}""")]
    [InlineData("textDocument/inlayHint", """{"textDocument":{"uri":"URI"},"range":{"start":{"line":0},"end":null}}""")]
    [InlineData("workspace/executeCommand", """{"command":7,"arguments":[]}""")]
    [InlineData("workspace/executeCommand", """{"command":"orbit.previewReview","arguments":[42]}""")]
    [InlineData("workspace/executeCommand", """{"command":"orbit.pagePreview","arguments":"URI"}""")]
    [InlineData("workspace/symbol", """{"query":{"text":"two"}}""")]
    [InlineData("textDocument/codeLens", "[\"URI\"]")]
    [InlineData("textDocument/selectionRange", """{"textDocument":{"uri":"URI"},"positions":{"line":0,"character":0}}""")]
    public async Task Params_of_the_wrong_types_get_InvalidParams_without_a_stack_trace(string method, string parameters)
    {
        await using var server = await StartAsync();
        var answer = await server.Client.RequestRawAsync(method, parameters.Replace("URI", Uri, StringComparison.Ordinal));
        var error = answer.GetProperty("error");
        Assert.Equal(-32602, error.GetProperty("code").GetInt32());
        string message = error.GetProperty("message").GetString()!;
        Assert.DoesNotContain("   at ", message);
        Assert.DoesNotContain("Exception", message);
        Assert.False(error.TryGetProperty("data", out var data) && data.ValueKind != JsonValueKind.Null && data.GetRawText().Contains("   at "), "a stack trace in the error's data");
        await AssertHealthyAsync(server);
    }

    [Theory]
    [InlineData("\"URI\"")]
    [InlineData("42")]
    public async Task Params_that_are_neither_object_nor_array_get_InvalidRequest_as_JSON_RPC_says(string parameters)
    {
        await using var server = await StartAsync();
        var answer = await server.Client.RequestRawAsync("textDocument/codeLens", parameters.Replace("URI", Uri, StringComparison.Ordinal));
        Assert.Equal(-32600, answer.GetProperty("error").GetProperty("code").GetInt32());
        await AssertHealthyAsync(server);
    }

    [Fact]
    public async Task Notifications_with_params_of_the_wrong_types_are_ignored()
    {
        await using var server = await StartAsync();
        await server.Client.SendRawAsync($$$"""{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"{{{Uri}}}","version":2},"contentChanges":"all of it"}}""");
        await server.Client.SendRawAsync("""{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":5,"text":null}}}""");
        await server.Client.SendRawAsync("""{"jsonrpc":"2.0","method":"textDocument/didClose","params":[1,2,3]}""");
        await server.Client.SendRawAsync("""{"jsonrpc":"2.0","method":"workspace/didChangeConfiguration","params":"none"}""");
        await AssertHealthyAsync(server);
    }

    [Fact]
    public async Task An_unknown_request_gets_MethodNotFound_and_unknown_and_dollar_notifications_are_ignored()
    {
        await using var server = await StartAsync();
        Assert.Equal(-32601, (await Assert.ThrowsAsync<LspErrorException>(() => server.Client.RequestAsync("textDocument/rename", new { }))).Code);
        Assert.Equal(-32601, (await Assert.ThrowsAsync<LspErrorException>(() => server.Client.RequestAsync("$/unknownRequest", new { }))).Code);
        await server.Client.NotifyAsync("orbit/unknownNotification", new { x = 1 });
        await server.Client.NotifyAsync("$/unknownNotification", new { });
        await server.Client.NotifyAsync("$/cancelRequest", new { id = "never-sent" });
        await server.Client.NotifyAsync("$/setTrace", new { value = "nonsense" });
        await server.Client.NotifyAsync("$/progress", new { token = "x", value = new { kind = "report" } });
        await AssertHealthyAsync(server);
        Assert.Empty(Unaddressed(server.Client));
    }

    [Fact]
    public async Task Requests_before_initialize_get_ServerNotInitialized_and_notifications_are_dropped()
    {
        await using var server = TestServer.InProcess();
        Assert.Equal(-32002, (await Assert.ThrowsAsync<LspErrorException>(() => server.Client.HoverAsync(Uri, 3, 2))).Code);
        Assert.Equal(-32002, (await Assert.ThrowsAsync<LspErrorException>(() => server.Client.RequestAsync("shutdown", null))).Code);
        await server.Client.OpenAsync(Uri, Text);
        await server.Client.InitializeAsync();
        // The didOpen before initialize was dropped: the note is not open.
        Assert.Contains("is not open", (await Assert.ThrowsAsync<LspErrorException>(() => server.Client.HoverAsync(Uri, 3, 2))).Message);
        await server.Client.OpenAsync(Uri, Text);
        await AssertHealthyAsync(server);
    }

    [Fact]
    public async Task After_shutdown_requests_get_InvalidRequest_and_exit_ends_with_code_0()
    {
        await using var server = await StartAsync();
        await AssertHealthyAsync(server);
        await server.Client.RequestAsync("shutdown", null);
        Assert.Equal(-32600, (await Assert.ThrowsAsync<LspErrorException>(() => server.Client.HoverAsync(Uri, 3, 2))).Code);
        Assert.Equal(-32600, (await Assert.ThrowsAsync<LspErrorException>(() => server.Client.InitializeAsync())).Code);
        await server.Client.NotifyAsync("exit", null);
        Assert.Equal(0, await server.Exit.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task Exit_without_shutdown_ends_with_code_1()
    {
        await using var server = await StartAsync();
        await AssertHealthyAsync(server);
        await server.Client.NotifyAsync("exit", null);
        Assert.Equal(1, await server.Exit.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task A_duplicate_id_of_a_request_not_yet_answered_gets_InvalidRequest_and_the_first_is_answered()
    {
        await using var server = TestServer.InProcess();
        // The client holds back its settings, so the pull waits for them.
        server.Client.HoldConfiguration = new TaskCompletionSource();
        await server.Client.InitializeAsync(Capabilities.Pull);
        await server.Client.OpenAsync(Uri, Text);
        string pull = $$$$"""{"jsonrpc":"2.0","id":"dup","method":"textDocument/diagnostic","params":{"textDocument":{"uri":"{{{{Uri}}}}"}}}""";
        await server.Client.SendRawAsync(pull);
        await server.Client.SendRawAsync(pull);
        var refused = await ResponseAsync(server.Client, "dup");
        Assert.Equal(-32600, ErrorCode(refused));
        Assert.Contains("not yet answered", refused.GetProperty("error").GetProperty("message").GetString());
        server.Client.HoldConfiguration.SetResult();
        var answered = await ResponseAsync(server.Client, r => r.GetProperty("id").ValueKind == JsonValueKind.String && r.TryGetProperty("result", out _));
        Assert.Equal("full", answered.GetProperty("result").GetProperty("kind").GetString());
        // Once answered, the id may be used again.
        await server.Client.SendRawAsync(HoverJson("dup"));
        await ResponseAsync(server.Client, _ => server.Client.Responses.Count(r => r.GetProperty("id").ValueKind == JsonValueKind.String && r.GetProperty("id").GetString() == "dup") == 3);
        Assert.Contains("What is two?", server.Client.Responses.Last(r => r.GetProperty("id").ValueKind == JsonValueKind.String).GetProperty("result").GetProperty("contents").GetProperty("value").GetString());
        await AssertHealthyAsync(server);
    }

    [Fact]
    public async Task Ten_thousand_requests_in_flight_are_all_answered()
    {
        await using var server = await StartAsync();
        var requests = new List<(int Id, Task<JsonElement> Response)>();
        for (int i = 0; i < 10_000; i++)
            requests.Add(await server.Client.StartRequestAsync("textDocument/hover", new { textDocument = new { uri = Uri }, position = new { line = 3 + i % 2, character = 1 } }));
        foreach (var (_, response) in requests)
        {
            var answer = await response.WaitAsync(LspTestClient.Deadline);
            Assert.Contains("What is two?", answer.GetProperty("result").GetProperty("contents").GetProperty("value").GetString());
        }
        await AssertHealthyAsync(server);
    }

    [Fact]
    public async Task A_cancellation_storm_gets_results_or_RequestCancelled_for_each_request_and_nothing_for_ids_never_sent()
    {
        await using var server = await StartAsync();
        var requests = new List<(int Id, Task<JsonElement> Response)>();
        string[] methods = ["textDocument/hover", "textDocument/codeLens", "textDocument/semanticTokens/full", "textDocument/documentSymbol"];
        for (int i = 0; i < 10_000; i++)
        {
            string method = methods[i % methods.Length];
            object p = method == "textDocument/hover" ? new { textDocument = new { uri = Uri }, position = new { line = 3, character = 2 } } : new { textDocument = new { uri = Uri } };
            requests.Add(await server.Client.StartRequestAsync(method, p));
        }
        foreach (var (id, _) in requests) await server.Client.NotifyAsync("$/cancelRequest", new { id });
        for (int i = 0; i < 10_000; i++) await server.Client.NotifyAsync("$/cancelRequest", new { id = 50_000_000 + i });
        for (int i = 0; i < 1_000; i++) await server.Client.NotifyAsync("$/cancelRequest", new { id = "never-" + i });
        int cancelled = 0;
        foreach (var (_, response) in requests)
        {
            var answer = await response.WaitAsync(LspTestClient.Deadline);
            if (answer.TryGetProperty("error", out var error))
            {
                Assert.Equal(-32800, error.GetProperty("code").GetInt32());
                cancelled++;
            }
            else Assert.True(answer.TryGetProperty("result", out _));
        }
        await AssertHealthyAsync(server);
        Assert.DoesNotContain(server.Client.Responses, r => r.GetProperty("id") is { ValueKind: JsonValueKind.Number } id && id.GetInt64() >= 50_000_000);
        Assert.Empty(Unaddressed(server.Client));
    }

    [Fact]
    public async Task While_the_client_reads_nothing_queued_diagnostics_are_replaced_by_newer_ones_and_log_messages_beyond_the_limit_dropped()
    {
        // The server's side of a connection whose client stopped reading: its output backs up after 4 KB.
        var output = new System.IO.Pipelines.Pipe(new System.IO.Pipelines.PipeOptions(pauseWriterThreshold: 4096, resumeWriterThreshold: 2048));
        var input = new System.IO.Pipelines.Pipe();
        using var rpc = OrbitLsp.LanguageServer.Transport.LspConnection.Create(input.Reader.AsStream(), output.Writer.AsStream(), _ => { });
        rpc.StartListening();
        var channel = new OrbitLsp.LanguageServer.Transport.ClientChannel(rpc);
        var diagnostics = Enumerable.Range(0, 50).Select(i => new OrbitLsp.LanguageServer.Protocol.Diagnostic
        {
            Range = new(new(i, 0), new(i, 5)), Severity = 1, Code = "OL020", Message = "'bleu' is not an Orbit colour " + i,
        }).ToArray();
        string[] uris = [Notes.Uri("a.md"), Notes.Uri("b.md"), Notes.Uri("c.md")];
        var progress = OrbitLsp.LanguageServer.Protocol.WorkDoneProgress.Begin("Indexing notes", "0 of 2000 notes");
        channel.Notify("$/progress", new OrbitLsp.LanguageServer.Protocol.ProgressParams("index", progress));
        for (int version = 1; version <= 2000; version++)
        {
            foreach (string uri in uris)
                channel.Notify("textDocument/publishDiagnostics", new OrbitLsp.LanguageServer.Protocol.PublishDiagnosticsParams(uri, version, diagnostics));
            channel.Notify("$/progress", new OrbitLsp.LanguageServer.Protocol.ProgressParams("index",
                OrbitLsp.LanguageServer.Protocol.WorkDoneProgress.Report($"{version} of 2000 notes", version * 100 / 2000)));
        }
        channel.Notify("$/progress", new OrbitLsp.LanguageServer.Protocol.ProgressParams("index", OrbitLsp.LanguageServer.Protocol.WorkDoneProgress.End("2000 notes indexed")));
        for (int i = 0; i < 20_000; i++)
            channel.Notify("window/logMessage", new OrbitLsp.LanguageServer.Protocol.MessageParams(OrbitLsp.LanguageServer.Protocol.MessageType.Info, "log " + i));
        Assert.InRange(channel.Queued, 0, uris.Length + 3 + OrbitLsp.LanguageServer.Transport.ClientChannel.MaxQueuedLogMessages);

        // The client reads again: each note's newest diagnostics, then the log messages kept and how many were dropped.
        await using var client = new LspTestClient(output.Reader.AsStream(), Stream.Null);
        foreach (string uri in uris) await client.DiagnosticsAsync(uri, 2000);
        await client.WaitForNotificationAsync("$/progress", p => p.GetProperty("value").GetProperty("kind").GetString() == "end");
        var dropped = await client.WaitForNotificationAsync("window/logMessage", p => p.GetProperty("message").GetString()!.Contains("dropped"));
        int published = client.NotificationsOf("textDocument/publishDiagnostics").Count();
        int logs = client.NotificationsOf("window/logMessage").Count();
        output.Reader.Complete();
        input.Writer.Complete();
        Assert.InRange(published, uris.Length, 100);
        Assert.InRange(logs, 1, OrbitLsp.LanguageServer.Transport.ClientChannel.MaxQueuedLogMessages + 50);
        Assert.Matches(@"^\d+ log messages were dropped", dropped.GetProperty("message").GetString());
        // Progress: begin, the reports that were waiting replaced by the newest, end.
        var kinds = client.NotificationsOf("$/progress").Select(p => p.GetProperty("value")).ToList();
        Assert.Equal("begin", kinds[0].GetProperty("kind").GetString());
        Assert.Equal("end", kinds[^1].GetProperty("kind").GetString());
        Assert.InRange(kinds.Count, 3, 100);
        Assert.Equal("2000 of 2000 notes", kinds[^2].GetProperty("message").GetString());
        // In order: no note's versions go backwards.
        foreach (string uri in uris)
        {
            var versions = client.NotificationsOf("textDocument/publishDiagnostics").Where(p => p.GetProperty("uri").GetString() == uri).Select(p => p.GetProperty("version").GetInt32()).ToList();
            Assert.Equal(versions.Order(), versions);
        }
    }

    // Over stdio, as a child process: what ends or grows a process.

    /// <summary>A figure for the test's output: what the server's process holds now and at its peak (MB).</summary>
    private static (long Rss, long Peak) Memory(TestServer server)
    {
        long Field(string[] lines, string name) =>
            long.Parse(lines.First(l => l.StartsWith(name, StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024;
        var lines = File.ReadAllLines($"/proc/{server.Process!.Id}/status");
        return (Field(lines, "VmRSS:"), Field(lines, "VmHWM:"));
    }

    [Fact]
    public async Task Over_stdio_negative_and_huge_lengths_neither_end_nor_wedge_the_process_nor_allocate_what_they_announce()
    {
        await using var server = await StartAsync(childProcess: true);
        await AssertHealthyAsync(server);
        // 4 MB of junk without a header after each: dropped as it comes, not held.
        byte[] junk = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat(new string('x', 1023) + "\n", 4096)));
        foreach (string length in new[] { "-5", "-2147483648", "10000000000", "536870913", "2147483647" })
        {
            await server.Client.SendBytesAsync([.. Frame($"Content-Length: {length}\r\n\r\n", HoverJson("lost")), .. junk, .. Framed(HoverJson("after " + length))]);
            Assert.True((await ResponseAsync(server.Client, "after " + length)).TryGetProperty("result", out _));
        }
        Assert.Equal(5, Unaddressed(server.Client).Count());
        await AssertHealthyAsync(server);
        var (rss, peak) = Memory(server);
        output.WriteLine($"bad lengths: RSS {rss} MB, peak {peak} MB");
        Assert.True(peak < 400, $"peak RSS {peak} MB");
        await server.Client.ShutdownAndExitAsync();
        Assert.Equal(0, await server.Exit.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task Over_stdio_a_client_that_stops_reading_leaves_the_server_memory_bounded_and_gets_the_newest_diagnostics_when_it_reads_again()
    {
        await using var server = TestServer.ChildProcess("--log-level", "debug");
        await server.Client.InitializeAsync(trace: "verbose");
        // 2,000 blocks with a misspelt colour and the same question: 3,999 diagnostics, about 1 MB of JSON a publish.
        string text = "Note\n\n" + string.Concat(Enumerable.Repeat("{{< orbit_review color=\"bleu\" >}}\nQ?\nA\n{{< /orbit_review >}}\n\n", 2000));
        string uri = Notes.Uri("many-problems.md");
        await server.Client.OpenAsync(uri, text);
        Assert.Equal(3999, (await server.Client.DiagnosticsAsync(uri, 1)).GetProperty("diagnostics").GetArrayLength());
        await server.Client.OpenAsync(Uri, Text);
        await AssertHealthyAsync(server);

        server.Client.PauseReading();
        async Task TypeAsync(int from, int to)
        {
            for (int version = from; version <= to; version++)
                // Into a question (block k starts at line 2 + 5k): each version's diagnostics are new objects.
            {
                await server.Client.ChangeAsync(uri, version, ClientSteps.Insert(3 + 5 * (version % 2000), 0, "x"));
                // At a typist's pace, so that most versions are published (a burst is coalesced before it is analysed).
                await Task.Delay(15);
            }
            await server.WaitForLogAsync($"diagnostics for {uri} version {to}");
        }
        await TypeAsync(2, 101);
        var (after100, _) = Memory(server);
        await TypeAsync(102, 501);
        var (after500, peak) = Memory(server);
        output.WriteLine($"stalled client: RSS after 100 edits {after100} MB, after 500 {after500} MB, peak {peak} MB");
        // The client's pipe is full: what the server has to say waits, one publish per note at most, and the server goes on.
        Assert.True(after500 - after100 < 100, $"RSS grew from {after100} MB to {after500} MB while the client read nothing");

        server.Client.ResumeReading();
        var newest = await server.Client.DiagnosticsAsync(uri, 501);
        Assert.True(newest.GetProperty("diagnostics").GetArrayLength() >= 2000);
        await AssertHealthyAsync(server);
        await server.Client.ShutdownAndExitAsync();
        Assert.Equal(0, await server.Exit.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task Over_stdio_a_verbose_trace_to_a_client_that_reads_nothing_keeps_the_server_memory_bounded()
    {
        await using var server = TestServer.ChildProcess("--log-level", "debug");
        await server.Client.InitializeAsync(trace: "verbose");
        await server.Client.OpenAsync(Uri, Text);
        await AssertHealthyAsync(server);

        server.Client.PauseReading();
        // Each insertion's $/logTrace carries its params: 200,000 characters.
        string paragraph = new string('w', 200_000) + "\n";
        async Task EditAsync(int fromPair, int toPair)
        {
            for (int pair = fromPair; pair <= toPair; pair++)
            {
                await server.Client.ChangeAsync(Uri, 2 * pair, ClientSteps.Insert(0, 0, paragraph));
                await server.Client.ChangeAsync(Uri, 2 * pair + 1, ClientSteps.Edit(0, 0, 1, 0, ""));
            }
            await server.WaitForLogAsync($"{Uri} version {2 * toPair + 1}:");
        }
        await EditAsync(1, 100);
        var (after100, _) = Memory(server);
        await EditAsync(101, 300);
        var (after300, peak) = Memory(server);
        output.WriteLine($"verbose trace, client reading nothing: RSS after 100 insertions {after100} MB, after 300 {after300} MB, peak {peak} MB");
        // Kept, 200 more traces of 200,000 characters would hold 80 MB and more.
        Assert.True(after300 - after100 < 50, $"RSS grew from {after100} MB to {after300} MB while the client read nothing");

        server.Client.ResumeReading();
        await server.Client.WaitForNotificationAsync("window/logMessage", p => p.GetProperty("message").GetString()!.Contains("log messages were dropped"));
        await AssertHealthyAsync(server);
        await server.Client.ShutdownAndExitAsync();
        Assert.Equal(0, await server.Exit.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task Over_stdio_ten_thousand_requests_in_flight_are_answered_with_memory_bounded()
    {
        await using var server = await StartAsync(childProcess: true);
        await AssertHealthyAsync(server);
        var before = Memory(server);
        var requests = new List<Task<JsonElement>>();
        for (int i = 0; i < 10_000; i++)
            requests.Add((await server.Client.StartRequestAsync("textDocument/hover", new { textDocument = new { uri = Uri }, position = new { line = 3, character = 2 } })).Response);
        foreach (var response in requests)
            Assert.Contains("What is two?", (await response.WaitAsync(LspTestClient.Deadline)).GetProperty("result").GetProperty("contents").GetProperty("value").GetString());
        var (rss, peak) = Memory(server);
        output.WriteLine($"10,000 in flight: RSS before {before.Rss} MB, after {rss} MB, peak {peak} MB");
        Assert.True(peak < 400, $"peak RSS {peak} MB");
        await AssertHealthyAsync(server);
    }

    [Fact]
    public async Task Over_stdio_a_50_MB_note_is_opened_edited_and_hovered()
    {
        string big = GeneratedNotes.Large(50_000_000);
        await using var server = await StartAsync(childProcess: true);
        string uri = Notes.Uri("fifty-megabytes.md");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await server.Client.OpenAsync(uri, big);
        await server.Client.DiagnosticsAsync(uri, 1);
        var opened = clock.Elapsed;
        // A prose edit at the top, an edit inside the first block, and one at the end.
        int firstBlock = big.Split('\n').TakeWhile(l => !l.Contains("{{<", StringComparison.Ordinal)).Count();
        int lastLine = big.Count(c => c == '\n');
        await server.Client.ChangeAsync(uri, 2, ClientSteps.Insert(0, 0, "Edited. "));
        await server.Client.DiagnosticsAsync(uri, 2);
        await server.Client.ChangeAsync(uri, 3, ClientSteps.Insert(firstBlock + 1, 0, "A new question?\n"));
        await server.Client.DiagnosticsAsync(uri, 3);
        await server.Client.ChangeAsync(uri, 4, ClientSteps.Insert(lastLine, 0, "The end.\n"));
        await server.Client.DiagnosticsAsync(uri, 4);
        var hover = await server.Client.HoverAsync(uri, firstBlock + 1, 2);
        Assert.Contains("A new question?", hover.GetProperty("contents").GetProperty("value").GetString());
        var (rss, peak) = Memory(server);
        output.WriteLine($"50 MB note: opened with diagnostics in {opened.TotalSeconds:F1} s, three edits in {(clock.Elapsed - opened).TotalSeconds:F1} s; RSS {rss} MB, peak {peak} MB");
        Assert.True(peak < 3000, $"peak RSS {peak} MB");
        await AssertHealthyAsync(server);
        await server.Client.ShutdownAndExitAsync();
        Assert.Equal(0, await server.Exit.WaitAsync(TimeSpan.FromSeconds(60)));
    }
}
