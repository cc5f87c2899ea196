using System.Text;
using System.Text.Json;
using OrbitLsp.Core.Analysis;
using OrbitLsp.Core.Cards;

namespace OrbitLsp.Server.Tests.Infrastructure;

/// <summary>What the authoring-feature tests share: an editor's capabilities, a server with one note open, edits applied as a client would.</summary>
public static class FeatureSteps
{
    /// <summary>Roughly what VS Code says it supports for the features the server has.</summary>
    public static object Editor => new
    {
        textDocument = new
        {
            codeAction = new
            {
                codeActionLiteralSupport = new { codeActionKind = new { valueSet = new[] { "quickfix", "refactor", "source" } } },
                isPreferredSupport = true,
            },
            completion = new { completionItem = new { snippetSupport = true, documentationFormat = new[] { "markdown", "plaintext" } } },
            documentSymbol = new { hierarchicalDocumentSymbolSupport = true },
            foldingRange = new { foldingRange = new { collapsedText = true } },
        },
        workspace = new { workspaceEdit = new { documentChanges = true } },
        window = new { showDocument = new { support = true } },
    };

    /// <summary>A server initialized with <paramref name="capabilities"/> (the editor's by default) and the note open at version 1.</summary>
    public static async Task<TestServer> WithNoteAsync(string text, object? capabilities = null, string? uri = null, string languageId = "markdown")
    {
        var server = TestServer.InProcess();
        await server.Client.InitializeAsync(capabilities ?? Editor);
        await server.Client.NotifyAsync("textDocument/didOpen", new { textDocument = new { uri = uri ?? Notes.Uri(), languageId, version = 1, text } });
        return server;
    }

    public static object Doc(string? uri = null) => new { uri = uri ?? Notes.Uri() };

    public static object Pos(int line, int character) => new { line, character };

    public static object Range(int line, int character, int endLine, int endCharacter) =>
        new { start = Pos(line, character), end = Pos(endLine, endCharacter) };

    /// <summary>LSP text edits (UTF-16 positions, all against the same text) applied at once, as a client does.</summary>
    public static string Apply(string text, JsonElement edits)
    {
        var lineStarts = new List<int> { 0 };
        for (int i = 0; i < text.Length; i++) if (text[i] == '\n') lineStarts.Add(i + 1);
        int Offset(JsonElement p)
        {
            int line = p.GetProperty("line").GetInt32();
            if (line >= lineStarts.Count) return text.Length;
            return Math.Min(lineStarts[line] + p.GetProperty("character").GetInt32(), text.Length);
        }
        var spans = edits.EnumerateArray()
            .Select(e => (Start: Offset(e.GetProperty("range").GetProperty("start")), End: Offset(e.GetProperty("range").GetProperty("end")), Text: e.GetProperty("newText").GetString()!))
            .OrderBy(e => e.Start).ToList();
        var sb = new StringBuilder();
        int at = 0;
        foreach (var (start, end, newText) in spans)
        {
            Assert.True(start >= at, "Edits overlap.");
            sb.Append(text, at, start - at).Append(newText);
            at = end;
        }
        return sb.Append(text, at, text.Length - at).ToString();
    }

    /// <summary>The cards the page gets, one line each: question → answer.</summary>
    public static string[] Cards(string text) =>
        [.. CardExtractor.Extract(NoteAnalyzer.Analyze(text)).Select(c => $"{c.Question} → {c.Answer}")];

    public static string[] Codes(string text) => [.. NoteAnalyzer.Analyze(text).Diagnostics.Select(d => d.Code)];
}
