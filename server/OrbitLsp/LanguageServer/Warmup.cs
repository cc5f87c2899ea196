using System.Buffers;
using System.Text.Json;
using OrbitLsp.Core.Analysis;
using OrbitLsp.Core.Cards;
using OrbitLsp.Core.Ide;
using OrbitLsp.LanguageServer.Protocol;
using OrbitLsp.LanguageServer.Transport;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace OrbitLsp.LanguageServer;

/// <summary>
/// Work done ahead of need on the second core, so the user does not wait for it: the protocol
/// path of <c>initialize</c> while the connection is being built, and the analysis after
/// <c>initialized</c>.
/// </summary>
internal static class Warmup
{
    private const string Note = """
        ---
        title: "Warm-up"
        date: 2024-01-01
        ---
        Some prose with **bold** text, a [link](https://example.com) and `code`.

        {{< orbit_review color="blue" >}}
        What is warm?
        Not cold
        A line without an answer
        {{< /orbit_review >}}

        ```
        {{% orbit_review %}}
        Q?
        A
        {{% /orbit_review %}}
        ```
        <!-- {{<orbit_review color='red'>}} x {{</orbit_review>}} -->
        <orbit-reviewarea color="green"><orbit-prompt question="Q" answer="A"></orbit-prompt></orbit-reviewarea>
        """;

    private static ReadOnlySpan<byte> InitializeRequest => """
        {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":1,"clientInfo":{"name":"warm-up","version":"1"},
        "rootUri":"file:///warm-up","initializationOptions":{},"trace":"off","capabilities":{"general":{"positionEncodings":["utf-16"]},
        "textDocument":{"hover":{"contentFormat":["markdown"]},"diagnostic":{"dynamicRegistration":false}},
        "workspace":{"configuration":true,"diagnostics":{"refreshSupport":true}}}}}
        """u8;

    /// <summary>
    /// Started first thing: reads and answers an <c>initialize</c> message the way the connection
    /// will (message, params, result), so most of the code that path needs is compiled by the time
    /// the real one arrives. On two cores this runs beside the main thread's own set-up.
    /// </summary>
    public static void StartProtocol() => _ = Task.Run(() =>
    {
        try
        {
            var formatter = new SystemTextJsonFormatter { JsonSerializerOptions = LspJson.Options };
            if (formatter.Deserialize(new ReadOnlySequence<byte>(InitializeRequest.ToArray())) is JsonRpcRequest request
                && request.TryGetArgumentByNameOrIndex("processId", -1, typeof(int?), out _))
            {
                using var document = JsonDocument.Parse(InitializeRequest.ToArray());
                var parameters = document.RootElement.GetProperty("params").Deserialize<JsonElement?>(LspJson.Options);
                _ = parameters?.Deserialize<InitializeParams>(LspJson.Options);
            }
            var capabilities = new ServerCapabilities
            {
                PositionEncoding = "utf-16",
                TextDocumentSync = new TextDocumentSyncOptions(true, TextDocumentSyncOptions.Incremental, new SaveOptions(false)),
                HoverProvider = true,
                ExecuteCommandProvider = new ExecuteCommandOptions(["warm-up"]),
                DiagnosticProvider = new DiagnosticOptions("orbitlsp", false, false),
            };
            var result = new JsonRpcResult { RequestId = new RequestId(1), Result = new InitializeResult(capabilities, new NameAndVersion("orbitlsp", "0")), ResultDeclaredType = typeof(InitializeResult) };
            formatter.Serialize(new ArrayBufferWriter<byte>(1024), result);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NotSupportedException)
        {
            // Only a warm-up: the real message takes the same path and reports what is wrong.
        }
    });

    /// <summary>Runs the analysis once on a small note, so the first note opened does not pay for compiling the analyser.</summary>
    public static void Start() => _ = Task.Run(() =>
    {
        var analysis = NoteAnalyzer.Analyze(Note);
        var cards = CardExtractor.Extract(analysis);
        for (int offset = 0; offset < Note.Length; offset += 7) HoverContent.At(analysis, offset);
        ReviewPage.Render("warm-up", cards);
        // The messages of every keystroke: its change in, its diagnostics out (their JSON
        // contracts are built on first use, about 10 ms that the first keystroke would wait for).
        try
        {
            _ = JsonSerializer.Deserialize<DidChangeTextDocumentParams>(DidChange, LspJson.Options);
            var range = new Protocol.Range(new Position(5, 0), new Position(5, 4));
            var diagnostic = new Diagnostic
            {
                Range = range, Severity = 1, Code = "OL001", CodeDescription = new CodeDescription("https://example.com"), Source = "orbitlsp", Message = "warm-up",
                RelatedInformation = [new DiagnosticRelatedInformation(new Location("file:///warm-up.md", range), "warm-up")],
            };
            _ = JsonSerializer.SerializeToUtf8Bytes(new PublishDiagnosticsParams("file:///warm-up.md", 2, [diagnostic]), LspJson.Options);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NotSupportedException)
        {
            // Only a warm-up: the real messages take the same path and report what is wrong.
        }
    });

    private static ReadOnlySpan<byte> DidChange => """
        {"textDocument":{"uri":"file:///warm-up.md","version":2},"contentChanges":[{"range":{"start":{"line":5,"character":3},"end":{"line":5,"character":3}},"text":"x"}]}
        """u8;
}
