using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using OrbitLsp.LanguageServer.Protocol;
using OrbitLsp.LanguageServer.Transport;
using OrbitLsp.Server.Tests.Infrastructure;
using static OrbitLsp.Server.Tests.Infrastructure.ClientSteps;

namespace OrbitLsp.Server.Tests;

/// <summary>
/// A long note's text taken out of its message before the message is parsed (<see cref="LargeText"/>):
/// read exactly as <see cref="ExactTextConverter"/> reads it, or left to it; found only where it is a
/// didOpen's or didChange's text; held as long as its message.
/// </summary>
public sealed class LargeTextTests
{
    private static readonly string[] Pieces =
    [
        "a", "Z", " ", "word ", "\n", "\r\n", "\r", "\t", "\"", "\\", "/", "\\n", "{{<orbit_review>}}", "é", "€", "中", "😀", "\uFFFF",
        "\u0001", "\u001f", "\u007f", "\u2028", "<script>", "\"text\":\"x\"", "\"method\":\"textDocument/didOpen\"",
    ];

    private static string RandomText(Random random, int pieces)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < pieces; i++) sb.Append(Pieces[random.Next(Pieces.Length)]);
        return sb.ToString();
    }

    /// <summary>The content of a JSON string literal (between its quotes) as written by <paramref name="options"/>.</summary>
    private static byte[] Raw(string text, JsonSerializerOptions options)
    {
        byte[] literal = JsonSerializer.SerializeToUtf8Bytes(text, options);
        return literal[1..^1];
    }

    private static readonly JsonSerializerOptions AsciiEscaped = new();

    private static readonly JsonSerializerOptions Utf8Raw = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Fact]
    public void A_string_is_read_as_the_converter_reads_it()
    {
        var random = new Random(4711);
        for (int i = 0; i < 3000; i++)
        {
            string text = RandomText(random, random.Next(0, 60));
            // As clients write JSON: UTF-8 as it is (VS Code), or everything outside ASCII escaped,
            // a character outside the BMP as an escaped pair (Python's json, by default).
            Assert.Equal(text, LargeText.Read(Raw(text, Utf8Raw)));
            Assert.Equal(text, LargeText.Read(Raw(text, AsciiEscaped)));
            Assert.Equal(text, LargeText.Read(Encoding.UTF8.GetBytes(ExactLiteral(text)[1..^1])));
        }
    }

    /// <summary>The text as the server writes it back (<see cref="ExactTextConverter"/>): UTF-8 as it is, control characters escaped.</summary>
    private static string ExactLiteral(string text) => JsonSerializer.Serialize(new TextEdit(new(new(0, 0), new(0, 0)), text), LspJson.Options) is var json
        ? json[(json.IndexOf("\"newText\":", StringComparison.Ordinal) + 10)..json.LastIndexOf('"')] + "\""
        : "";

    [Fact]
    public void Bytes_that_are_not_utf8_become_what_the_converter_makes_of_them()
    {
        var random = new Random(17);
        for (int i = 0; i < 3000; i++)
        {
            var bytes = new List<byte>(Raw(RandomText(random, random.Next(0, 30)), Utf8Raw));
            for (int k = random.Next(1, 4); k > 0; k--)
                bytes.Insert(random.Next(bytes.Count + 1), (byte)random.Next(0x80, 0x100));
            byte[] raw = [.. bytes];
            // An inserted byte may split an escape: then both refuse, or read the same.
            string? expected;
            try
            {
                expected = ExactTextConverter.Unescape(raw);
            }
            catch (JsonException)
            {
                expected = null;
            }
            string? read = LargeText.Read(raw);
            if (read is not null) Assert.Equal(expected, read);
        }
        // One U+FFFD for each bad sequence: a lone byte, a sequence cut short, a lead byte before an escape.
        Assert.Equal("caf\uFFFD \uFFFD \uFFFD\u00e9", LargeText.Read([.. "caf"u8, 0xE9, .. " "u8, 0xF0, 0x9F, .. " "u8, 0xE2, .. "\\u00e9"u8]));
    }

    [Theory]
    [InlineData("a\u0001b")] // a control character: not JSON
    [InlineData("a\nb")]
    [InlineData("a\\xb")] // not a JSON escape
    [InlineData("ab\\")] // ends inside an escape
    [InlineData("a\\u12")]
    [InlineData("a\\u12G4")]
    [InlineData("a\\uD83D")] // a lone surrogate: read by the converter, one unit
    [InlineData("a\\uDE00\\uD83D")] // both halves, in the wrong order
    [InlineData("\\ud83d\\u0041")] // a high half, then no low one
    [InlineData("\\ud83d\\")]
    public void What_the_usual_path_must_read_or_refuse_is_left_to_it(string raw) =>
        Assert.Null(LargeText.Read(Encoding.UTF8.GetBytes(raw)));

    private static string Long(string seed) => string.Concat(Enumerable.Repeat(seed, LargeText.MinLength / seed.Length + 1));

    private static byte[] Json(string json) => Encoding.UTF8.GetBytes(json);

    private static string TextOf(byte[] json, (int Start, int End) at) => Encoding.UTF8.GetString(json, at.Start, at.End - at.Start);

    [Fact]
    public void Only_the_long_text_of_a_didOpen_or_didChange_is_found()
    {
        string text = Long("Q \\\"one\\\"?\\nA {\\\"text\\\":\\\"x\\\"} [one]\\n");
        // didOpen, method first (as clients write it) or last.
        byte[] open = Json($$$$"""{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///n.md","languageId":"markdown","version":1,"text":"{{{{text}}}}"}}}""");
        Assert.Equal(text, TextOf(open, Assert.Single(LargeText.Find(open))));
        byte[] last = Json($$$$"""{ "params" : { "textDocument" : { "text" : "{{{{text}}}}", "uri" : "file:///n.md" } }, "jsonrpc" : "2.0", "method" : "textDocument/didOpen" }""");
        Assert.Equal(text, TextOf(last, Assert.Single(LargeText.Find(last))));
        // didChange: every long text of its changes, not the short ones.
        byte[] change = Json($$$$"""{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///n.md","version":2},"contentChanges":[{"text":"{{{{text}}}}"},{"range":{"start":{"line":0,"character":0},"end":{"line":0,"character":0}},"text":"x"},{"text":"{{{{text}}}}"}]}}""");
        Assert.Equal(2, LargeText.Find(change).Count);
        // Any other method, a "method" below the top, a long value of another key, a long "text" that is a key: nothing.
        Assert.Empty(LargeText.Find(Json($$$$"""{"jsonrpc":"2.0","id":1,"method":"workspace/executeCommand","params":{"command":"x","arguments":[{"text":"{{{{text}}}}"}]}}""")));
        Assert.Empty(LargeText.Find(Json($$$$"""{"jsonrpc":"2.0","id":1,"method":"x/y","params":{"method":"textDocument/didOpen","text":"{{{{text}}}}"}}""")));
        Assert.Empty(LargeText.Find(Json($$$$"""{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"other":"{{{{text}}}}","note":"text"}}}""")));
        Assert.Empty(LargeText.Find(Json($$$$$"""{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"text":{"{{{{{text}}}}}":1}}}}""")));
        // A string that never ends: nothing (the message is left to the formatter, which refuses it).
        Assert.Empty(LargeText.Find(Json("{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":{\"text\":\"" + text)));
    }

    [Fact]
    public void A_message_without_its_texts_reads_into_the_same_params()
    {
        string text = RandomText(new Random(3), 3000) + Long("line\n");
        var sent = new DidOpenTextDocumentParams(new TextDocumentItem("file:///n.md", "markdown", 1, text));
        byte[] message = Json($$$$"""{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{{{{JsonSerializer.Serialize(sent, LspJson.Options)}}}}}""");
        byte[]? rest = LargeText.TakeOut(message, out var texts);
        Assert.NotNull(rest);
        Assert.True(rest.Length < 200, $"{rest.Length} bytes left");
        Assert.Equal(text, Assert.Single(texts));
        using var parsed = JsonDocument.Parse(rest);
        var read = parsed.RootElement.GetProperty("params").Deserialize<DidOpenTextDocumentParams>(LspJson.Options)!;
        Assert.Equal(text, read.TextDocument.Text);
        Assert.Equal("file:///n.md", read.TextDocument.Uri);
    }

    [Fact]
    public void A_message_with_a_text_left_to_the_usual_path_keeps_all_its_texts()
    {
        // A didChange of two whole texts, the second with a lone escaped surrogate after escapes
        // that were undone in place: nothing is taken out, so the message is read whole from its source.
        string readable = Long("line\n");
        string left = Long("line\n") + "\\ud83d and on";
        byte[] message = Json($$$$"""{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///n.md","version":2},"contentChanges":[{"text":"{{{{readable}}}}"},{"text":"{{{{left}}}}"}]}}""");
        Assert.Equal(2, LargeText.Find(message).Count);
        Assert.Null(LargeText.TakeOut(message, out var texts));
        Assert.Empty(texts);
    }

    [Fact]
    public void A_mangled_message_reads_the_same_with_its_text_taken_out_or_fails_the_same()
    {
        // Bytes flipped, dropped and inserted anywhere in a didOpen (quotes, backslashes and control
        // characters among them): taking its text out never throws, and the params then read as
        // they read from the whole message, or both readings refuse it.
        var random = new Random(2024);
        string text = RandomText(random, 2000) + Long("tail\n");
        byte[] message = Json($$$$"""{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///n.md","languageId":"markdown","version":1,"text":{{{{Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(text, Utf8Raw))}}}}}}}""");
        byte[] noise = [(byte)'"', (byte)'\\', (byte)'u', (byte)'{', (byte)'}', (byte)':', (byte)',', 0x01, 0x0A, 0xE9, 0xF0, (byte)'n', (byte)'D', (byte)'8'];
        int same = 0;
        for (int i = 0; i < 400; i++)
        {
            var bytes = new List<byte>(message);
            for (int k = random.Next(1, 4); k > 0; k--)
            {
                int at = random.Next(bytes.Count);
                switch (random.Next(3))
                {
                    case 0: bytes[at] = noise[random.Next(noise.Length)]; break;
                    case 1: bytes.RemoveAt(at); break;
                    default: bytes.Insert(at, noise[random.Next(noise.Length)]); break;
                }
            }
            byte[] mangled = [.. bytes];
            var whole = TextIn(mangled);
            var holder = new object();
            byte[]? rest = LargeText.TakeOut(mangled, out var texts);
            LargeText.Hold(holder, texts);
            var taken = rest is null ? whole : TextIn(rest);
            Assert.Equal(whole, taken);
            if (rest is not null && whole is not null) same++;
            GC.KeepAlive(holder);
        }
        Assert.InRange(same, 100, 400);
    }

    /// <summary>The didOpen's text as the server reads it from <paramref name="json"/>, or null where the message or its params are refused.</summary>
    private static string? TextIn(byte[] json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.GetProperty("params").Deserialize<DidOpenTextDocumentParams>(LspJson.Options)?.TextDocument.Text;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or ArgumentException)
        {
            return null;
        }
    }

    [Fact]
    public void A_text_lives_as_long_as_the_message_that_holds_it()
    {
        var (placeholder, holder) = TakeOutHeld();
        Collect();
        Assert.Equal(Long("kept "), LargeText.Resolve(placeholder));
        GC.KeepAlive(holder);
        string dropped = TakeOutDropped();
        Collect();
        Assert.Throws<JsonException>(() => LargeText.Resolve(dropped));
        // Any other string reads as it is, even one that looks like a placeholder without its key.
        Assert.Equal("orbitlsp-text:00:1", LargeText.Resolve("orbitlsp-text:00:1"));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (string Placeholder, object Holder) TakeOutHeld()
    {
        var holder = new object();
        string placeholder = PlaceholderOf(LargeText.TakeOut(Json($$$$"""{"method":"textDocument/didOpen","params":{"textDocument":{"text":"{{{{Long("kept ")}}}}"}}}"""), out var texts)!);
        LargeText.Hold(holder, texts);
        return (placeholder, holder);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static string TakeOutDropped() =>
        PlaceholderOf(LargeText.TakeOut(Json($$$$"""{"method":"textDocument/didOpen","params":{"textDocument":{"text":"{{{{Long("gone ")}}}}"}}}"""), out _)!);

    private static string PlaceholderOf(byte[] rest)
    {
        using var json = JsonDocument.Parse(rest);
        return json.RootElement.GetProperty("params").GetProperty("textDocument").GetProperty("text").GetString()!;
    }

    private static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    [Fact]
    public async Task A_long_note_sent_as_editors_send_it_is_the_server_s_to_the_last_unit()
    {
        // CRLF, tabs, quotes, backslashes, emoji, escapes, and a byte that is not UTF-8 (as Neovim
        // can send it): the server's text must be the client's,
        // which the diagnostics show (they name lines and UTF-16 columns) and an edit at the very end
        // proves (one unit off, and it would land elsewhere or be refused).
        var random = new Random(99);
        var body = new StringBuilder("Intro \"quoted\" \\ back\tslash 😀 é.\r\n\r\n");
        for (int i = 0; body.Length < TolerantMessageHandler.LargeMessage + 1000; i++)
            body.Append($"{{{{<orbit_review>}}}}\r\nQ {i} {RandomText(random, 5).Replace("\r", "").Replace("\n", "")}?\r\n{(i % 7 == 3 ? "" : $"A {i}\r\n")}{{{{</orbit_review>}}}}\r\n\r\n");
        string text = body.ToString();
        await using var server = TestServer.InProcess();
        await server.Client.InitializeAsync();
        string uri = Notes.Uri();
        var bytes = new List<byte>(Encoding.UTF8.GetBytes($$$$"""{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"{{{{uri}}}}","languageId":"markdown","version":1,"text":"""));
        bytes.AddRange(JsonSerializer.SerializeToUtf8Bytes(text, Utf8Raw).AsSpan(0, JsonSerializer.SerializeToUtf8Bytes(text, Utf8Raw).Length - 1).ToArray());
        // A byte that is not UTF-8 at the end, then an escape: U+FFFD, then the character.
        bytes.Add(0xE9);
        bytes.AddRange("\\u00e9 end\"}}}"u8.ToArray());
        text += "\uFFFDé end";
        await server.Client.SendBytesAsync([.. Encoding.ASCII.GetBytes($"Content-Length: {bytes.Count}\r\n\r\n"), .. bytes]);
        Notes.AssertSameDiagnostics(Notes.Expected(uri, text), await server.Client.DiagnosticsAsync(uri, 1));
        var lines = text.Split('\n');
        await server.Client.ChangeAsync(uri, 2, Insert(lines.Length - 1, lines[^1].Length, "\r\n{{<orbit_review>}}\r\nQ last?\r\n{{</orbit_review>}}\r\n"));
        Notes.AssertSameDiagnostics(Notes.Expected(uri, text + "\r\n{{<orbit_review>}}\r\nQ last?\r\n{{</orbit_review>}}\r\n"), await server.Client.DiagnosticsAsync(uri, 2));
        Assert.DoesNotContain(server.Client.NotificationsOf("window/showMessage"), m => m.GetProperty("type").GetInt32() == 1);
        // And the text came the short way (in this process or in the server under test).
        await server.Client.ShutdownAndExitAsync();
        await server.Exit.WaitAsync(TimeSpan.FromSeconds(20));
        var files = Directory.GetFiles(Path.GetDirectoryName(server.LogFile)!, Path.GetFileNameWithoutExtension(server.LogFile) + "*");
        await using var log = new FileStream(files.Single(), FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        Assert.Contains("(1 long text(s) taken out first)", await new StreamReader(log).ReadToEndAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_long_note_the_usual_path_must_read_arrives_whole()
    {
        // Its text is read in place until the lone escaped surrogate near its end, which only the
        // usual path reads (one unit): the message must then be read from the bytes that came, not
        // from the copy already written over.
        var body = new StringBuilder();
        for (int i = 0; body.Length < TolerantMessageHandler.LargeMessage + 1000; i++)
            body.Append($"{{{{<orbit_review>}}}}\nQ \"{i}\" \\ é?\n{(i % 5 == 2 ? "" : $"A {i}\n")}{{{{</orbit_review>}}}}\n\n");
        string head = body.ToString();
        await using var server = TestServer.InProcess();
        await server.Client.InitializeAsync();
        string uri = Notes.Uri();
        byte[] literal = JsonSerializer.SerializeToUtf8Bytes(head, Utf8Raw);
        byte[] message = [
            .. Encoding.UTF8.GetBytes($$$$"""{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"{{{{uri}}}}","languageId":"markdown","version":1,"text":"""),
            .. literal.AsSpan(0, literal.Length - 1), .. "Q \\ud83d?\\nA\"}}}"u8];
        string text = head + "Q \ud83d?\nA";
        await server.Client.SendBytesAsync([.. Encoding.ASCII.GetBytes($"Content-Length: {message.Length}\r\n\r\n"), .. message]);
        Notes.AssertSameDiagnostics(Notes.Expected(uri, text), await server.Client.DiagnosticsAsync(uri, 1));
        var lines = text.Split('\n');
        await server.Client.ChangeAsync(uri, 2, Insert(lines.Length - 1, lines[^1].Length, "\n{{<orbit_review>}}\nQ last?\n{{</orbit_review>}}\n"));
        Notes.AssertSameDiagnostics(Notes.Expected(uri, text + "\n{{<orbit_review>}}\nQ last?\n{{</orbit_review>}}\n"), await server.Client.DiagnosticsAsync(uri, 2));
        Assert.Empty(server.Client.NotificationsOf("window/showMessage"));
    }
}
