using System.Buffers;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using OrbitLsp.Core.Analysis;
using OrbitLsp.Core.Cards;
using OrbitLsp.Core.Ide;
using OrbitLsp.LanguageServer.Protocol;
using OrbitLsp.LanguageServer.Transport;
using Serilog;
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

    // What VS Code announces (the parts this server reads), so the warm-up reads every type the
    // real message will: a client with fewer capabilities takes a subset of the same path.
    private static ReadOnlySpan<byte> InitializeRequest => """
        {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":1,"clientInfo":{"name":"warm-up","version":"1"},"locale":"en",
        "rootPath":null,"rootUri":"file:///warm-up","initializationOptions":{},"trace":"off","workspaceFolders":[{"uri":"file:///warm-up","name":"warm-up"}],
        "capabilities":{"general":{"positionEncodings":["utf-16"],"markdown":{"parser":"marked","version":"1.1.0"}},
        "window":{"workDoneProgress":true,"showMessage":{},"showDocument":{"support":true}},
        "workspace":{"applyEdit":true,"workspaceEdit":{"documentChanges":true,"resourceOperations":["create"]},"didChangeConfiguration":{"dynamicRegistration":true},
        "didChangeWatchedFiles":{"dynamicRegistration":true,"relativePatternSupport":true},"symbol":{"dynamicRegistration":true},"executeCommand":{"dynamicRegistration":true},
        "configuration":true,"workspaceFolders":true,"semanticTokens":{"refreshSupport":true},"codeLens":{"refreshSupport":true},"inlayHint":{"refreshSupport":true},
        "diagnostics":{"refreshSupport":true}},
        "textDocument":{"synchronization":{"dynamicRegistration":true,"didSave":true},
        "completion":{"dynamicRegistration":true,"contextSupport":true,"completionItem":{"snippetSupport":true,"documentationFormat":["markdown"],"insertReplaceSupport":true}},
        "hover":{"dynamicRegistration":true,"contentFormat":["markdown","plaintext"]},"documentSymbol":{"hierarchicalDocumentSymbolSupport":true},
        "codeAction":{"isPreferredSupport":true,"dataSupport":true,"resolveSupport":{"properties":["edit"]},"codeActionLiteralSupport":{"codeActionKind":{"valueSet":["quickfix"]}}},
        "codeLens":{"dynamicRegistration":true},"formatting":{"dynamicRegistration":true},"rangeFormatting":{"dynamicRegistration":true},
        "foldingRange":{"rangeLimit":5000,"lineFoldingOnly":true,"foldingRange":{"collapsedText":false}},"selectionRange":{"dynamicRegistration":true},
        "publishDiagnostics":{"relatedInformation":true,"versionSupport":false,"tagSupport":{"valueSet":[1,2]},"codeDescriptionSupport":true,"dataSupport":true},
        "semanticTokens":{"requests":{"range":true,"full":{"delta":true}},"tokenTypes":["keyword"],"tokenModifiers":["readonly"],"formats":["relative"]},
        "inlayHint":{"resolveSupport":{"properties":["tooltip"]}},"diagnostic":{"dynamicRegistration":false,"relatedDocumentSupport":false}}}}}
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
            var formatter = LspConnection.NewFormatter();
            InitializeParams? initialize = null;
            if (formatter.Deserialize(new ReadOnlySequence<byte>(InitializeRequest.ToArray())) is JsonRpcRequest request
                && request.TryGetArgumentByNameOrIndex("processId", -1, typeof(int?), out _))
            {
                using var document = JsonDocument.Parse(InitializeRequest.ToArray());
                var parameters = document.RootElement.GetProperty("params").Deserialize(LspJson.Info<JsonElement?>());
                initialize = parameters?.Deserialize(LspJson.Info<InitializeParams>());
            }
            var capabilities = Features.FeatureCapabilities.With(new ServerCapabilities
            {
                PositionEncoding = "utf-16",
                TextDocumentSync = new TextDocumentSyncOptions(true, TextDocumentSyncOptions.Incremental, new SaveOptions(false)),
                HoverProvider = true,
                ExecuteCommandProvider = new ExecuteCommandOptions(["warm-up"]),
                DiagnosticProvider = new DiagnosticOptions("orbitlsp", true, true),
                WorkspaceSymbolProvider = true,
                Workspace = new WorkspaceServerCapabilities(new WorkspaceFoldersServerCapabilities(true, true)),
            }, initialize?.Capabilities ?? new());
            var result = new JsonRpcResult { RequestId = new RequestId(1), Result = new InitializeResult(capabilities, new NameAndVersion("orbitlsp", "0")), ResultDeclaredType = typeof(InitializeResult) };
            formatter.Serialize(new ArrayBufferWriter<byte>(1024), result);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NotSupportedException)
        {
            // Only a warm-up: the real message takes the same path and reports what is wrong.
        }
    });

    /// <summary>
    /// Runs the analysis once on a small note, so the first note opened does not pay for compiling
    /// the analyser, and (when the server owns its process) touches the memory a first large note
    /// will use (<see cref="PrepareMemory"/>).
    /// </summary>
    public static void Start(ILogger log, bool prepareMemory) => _ = Task.Run(() =>
    {
        long started = Stopwatch.GetTimestamp();
        var analysis = NoteAnalyzer.Analyze(Note);
        var cards = CardExtractor.Extract(analysis);
        for (int offset = 0; offset < Note.Length; offset += 7) HoverContent.At(analysis, offset);
        ReviewPage.Render("warm-up", cards);
        // The messages of every keystroke: its change in, its diagnostics out (their JSON
        // contracts are built on first use, about 10 ms that the first keystroke would wait for).
        try
        {
            _ = JsonSerializer.Deserialize(DidChange, LspJson.Info<DidChangeTextDocumentParams>());
            var range = new Protocol.Range(new Position(5, 0), new Position(5, 4));
            var diagnostic = new Diagnostic
            {
                Range = range, Severity = 1, Code = "OL001", CodeDescription = new CodeDescription("https://example.com"), Source = "orbitlsp", Message = "warm-up",
                RelatedInformation = [new DiagnosticRelatedInformation(new Location("file:///warm-up.md", range), "warm-up")],
            };
            _ = JsonSerializer.SerializeToUtf8Bytes(new PublishDiagnosticsParams("file:///warm-up.md", 2, [diagnostic]), LspJson.Info<PublishDiagnosticsParams>());
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NotSupportedException)
        {
            // Only a warm-up: the real messages take the same path and report what is wrong.
        }
        // It stops once a long note has come (an editor reopening notes sends them right after
        // initialized): that note has taken fresh memory already, and the collections would only make it wait.
        int touched = prepareMemory ? PrepareMemory() : 0;
        log.Debug("Warm-up done in {Ms:F0} ms; {Kb} KB touched for the first note{Late:l}", Stopwatch.GetElapsedTime(started).TotalMilliseconds, touched >> 10,
            prepareMemory && touched == 0 ? " (none: a long note came first)" : "");
    });

    /// <summary>Large objects that keep the gaps of <see cref="PrepareMemory"/> apart.</summary>
    private static byte[][]? _gapKeepers;

    /// <summary>
    /// Touches, now, memory the first note opened will use. The kernel gives a process its pages on
    /// first touch, and on some machines that is slow: on a paravirtualised guest whose page faults
    /// cost about 10 µs, a 1 MB note's first open took some 1,100 of them (about 11 ms of its 22–30).
    /// Most were its large objects, each in memory the process had never touched: the text's string
    /// (2 bytes a character), the message's buffer (kept in the pool after) and the line starts.
    /// Large arrays of about those sizes are made and written here, each followed by a small large
    /// object that stays; a collection runs while they live and another once they are dropped. The
    /// collector, set to conserve memory, decides whether to compact the large objects from what it
    /// found at the collection before: after one that saw no gaps it sweeps them instead, keeps
    /// their memory and serves the note's large objects from it (collected only once, the arrays
    /// were sometimes compacted away and their memory given back). Measured with the native build:
    /// 1,100 → 40–50 faults and 22–31 → 13–18 ms for a 1 MB note's first open. Costs about 4 MB of
    /// memory until notes take it; a note above 1 MB uses what fits and takes the rest fresh. It gives
    /// way to a note: an editor that reopens notes sends them right after <c>initialized</c>, and
    /// such a note, already in fresh memory, would only wait for these collections (1 MB sent at
    /// once: 28.5–29.8 ms to its diagnostics before this, 35–37 ms with the collections in its way).
    /// </summary>
    /// <returns>The bytes touched; 0 when a long note was announced meanwhile (what was done is then left to the collector, and nothing is collected now).</returns>
    private static int PrepareMemory()
    {
        int[] gaps = [2 << 20, 2 << 20, 256 << 10];
        if (TouchedAndLeft(gaps) is not { } keepers || LargeText.AnyAnnounced) return 0;
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: false);
        _gapKeepers = keepers;
        return gaps.Sum();
    }

    /// <summary>
    /// Makes and writes arrays of these sizes, each followed by a small large object (returned),
    /// and collects while they live; they are garbage once this returns. Null, and no collection,
    /// as soon as a long note is announced: the note is not to wait for the warm-up.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static byte[][]? TouchedAndLeft(int[] sizes)
    {
        var arrays = new byte[sizes.Length][];
        var keepers = new byte[sizes.Length][];
        for (int i = 0; i < sizes.Length; i++)
        {
            if (LargeText.AnyAnnounced) return null;
            arrays[i] = GC.AllocateUninitializedArray<byte>(sizes[i]);
            for (int at = 0; at < arrays[i].Length; at += Environment.SystemPageSize) arrays[i][at] = 1;
            keepers[i] = new byte[LargeObjectSize];
        }
        if (LargeText.AnyAnnounced) return null;
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: false);
        GC.KeepAlive(arrays);
        return keepers;
    }

    /// <summary>The least a byte array the collector puts with the large objects (85,000 bytes and more).</summary>
    private const int LargeObjectSize = 85_000;

    private static ReadOnlySpan<byte> DidChange => """
        {"textDocument":{"uri":"file:///warm-up.md","version":2},"contentChanges":[{"range":{"start":{"line":5,"character":3},"end":{"line":5,"character":3}},"text":"x"}]}
        """u8;
}
