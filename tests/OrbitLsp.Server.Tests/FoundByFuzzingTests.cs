using System.Text;
using System.Text.Json;
using OrbitLsp.Core.Analysis;
using OrbitLsp.Core.Ide.Fixes;
using OrbitLsp.Core.Text;
using OrbitLsp.Fuzz;
using OrbitLsp.LanguageServer.Protocol;
using OrbitLsp.LanguageServer.Transport;
using OrbitLsp.Server.Tests.Infrastructure;
using static OrbitLsp.Server.Tests.Infrastructure.ClientSteps;
using static OrbitLsp.Server.Tests.Infrastructure.FeatureSteps;

namespace OrbitLsp.Server.Tests;

/// <summary>
/// What the fuzzer (tests/OrbitLsp.Fuzz) found in the server: positions the protocol cannot name,
/// and texts System.Text.Json refuses or changes. The analysis' own findings are in the core's tests.
/// </summary>
public sealed class FoundByFuzzingTests
{
    private const string Block = "Intro.\n\n{{<orbit_review>}}\nQ one?\nA one\n{{</orbit_review>}}\n";

    [Fact]
    public async Task A_note_holding_a_lone_surrogate_is_followed_as_the_editor_holds_it()
    {
        // VS Code's text is UTF-16 and can hold half an emoji (typed, or pasted half); it sends it as
        // an escape. System.Text.Json refused the whole didOpen, so the server never had the note.
        await using var server = TestServer.InProcess();
        await server.Client.InitializeAsync();
        string uri = Notes.Uri();
        string text = "Half \uD83D here.\n\n" + Block;
        string json = """{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"URI","languageId":"markdown","version":1,"text":"Half \ud83d here.\n\nBLOCK"}}}"""
            .Replace("URI", uri).Replace("BLOCK", Block.Replace("\n", "\\n"));
        await server.Client.SendRawAsync(json);
        Notes.AssertSameDiagnostics(Notes.Expected(uri, text), await server.Client.DiagnosticsAsync(uri, 1));
        // Typing after the half character lands where the editor has it (one UTF-16 unit).
        await server.Client.ChangeAsync(uri, 2, Insert(0, 6, "!"));
        Notes.AssertSameDiagnostics(Notes.Expected(uri, text.Insert(6, "!")), await server.Client.DiagnosticsAsync(uri, 2));
        Assert.DoesNotContain(server.Client.NotificationsOf("window/showMessage"), m => m.GetProperty("type").GetInt32() == 1);
    }

    [Fact]
    public void Note_text_that_is_not_utf8_is_read_with_a_replacement_character_for_each_bad_sequence()
    {
        // An editor that keeps a file's bytes (Neovim) can send Latin-1 as it is.
        var json = new List<byte>(Encoding.UTF8.GetBytes("""{"uri":"file:///n.md","languageId":"markdown","version":1,"text":"caf"""));
        json.Add(0xE9);
        json.AddRange(Encoding.UTF8.GetBytes(""" \u00e9 ok"}"""));
        var item = JsonSerializer.Deserialize<TextDocumentItem>(json.ToArray(), LspJson.Options)!;
        Assert.Equal("caf\uFFFD é ok", item.Text);
    }

    [Fact]
    public void Text_with_a_lone_surrogate_is_written_back_escaped_and_reads_back_the_same()
    {
        // System.Text.Json writes U+FFFD for it: an edit would have put that in the note.
        var edit = new OrbitLsp.LanguageServer.Protocol.TextEdit(new(new(0, 0), new(0, 1)), "a\uDC00b \"q\"\n😀");
        string json = JsonSerializer.Serialize(edit, LspJson.Options);
        Assert.Contains("\\udc00", json, StringComparison.Ordinal);
        Assert.Equal(edit.NewText, JsonSerializer.Deserialize<OrbitLsp.LanguageServer.Protocol.TextEdit>(json, LspJson.Options)!.NewText);
    }

    [Fact]
    public async Task Converting_a_block_to_LF_is_sent_as_edits_that_remove_each_carriage_return_in_the_client()
    {
        // The core's edit removes the '\r' of each "\r\n": a span ending between '\r' and '\n', which
        // no LSP position names (the line's end is before the '\r'), so the client kept every '\r'.
        string text = "Intro.\r\n\r\n{{<orbit_review>}}\r\nQ one?\r\nA one\r\n{{</orbit_review>}}\r\n";
        await using var server = await WithNoteAsync(text);
        string uri = Notes.Uri();
        await server.Client.DiagnosticsAsync(uri, 1);
        var actions = await server.Client.RequestAsync("textDocument/codeAction", new
        {
            textDocument = Doc(),
            range = FeatureSteps.Range(2, 0, 2, 0),
            context = new { diagnostics = Array.Empty<object>(), only = new[] { "quickfix" } },
        });
        var convert = actions.EnumerateArray().First(a => a.GetProperty("title").GetString()!.Contains("line endings to LF", StringComparison.Ordinal));
        var edits = convert.GetProperty("edit").GetProperty("documentChanges")[0].GetProperty("edits");
        string? applied = new LspText(text, utf8: false).Apply(edits, out string? problem);
        Assert.True(applied is not null, problem);
        var core = CodeFixes.For(NoteAnalyzer.Analyze(text), new TextSpan(0, text.Length)).First(f => f.Title.Contains("line endings to LF", StringComparison.Ordinal));
        Assert.Equal(TextEdits.Apply(text, core.Edits), applied);
        Assert.DoesNotContain("{{<orbit_review>}}\r", applied, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, 1, 3)]
    [InlineData(true, 1, 5)]
    public void A_range_never_starts_or_ends_where_no_position_names(bool utf8, int pairStart, int pairEnd)
    {
        // A span from the second half of the emoji (units 4 and 5) takes the whole emoji; a span
        // ending between '\r' and '\n' ends at the line's end, before the '\r'.
        string text = "a\r\nb😀c";
        var lines = LineMap.Create(text);
        var encoder = utf8 ? LanguageServer.Documents.PositionEncoder.Utf8 : LanguageServer.Documents.PositionEncoder.Utf16;
        Assert.Equal(new OrbitLsp.LanguageServer.Protocol.Range(new(1, pairStart), new(1, pairEnd)), encoder.ToRange(lines, text, TextSpan.FromBounds(5, 6)));
        Assert.Equal(new OrbitLsp.LanguageServer.Protocol.Range(new(0, 0), new(0, 1)), encoder.ToRange(lines, text, TextSpan.FromBounds(0, 2)));
    }

    [Fact]
    public void Utf8_columns_asked_out_of_order_on_one_line_are_each_right()
    {
        // The encoder counts on from its last answer on the same line (a line of thousands of
        // positions costs one pass): going back, to another line or another text must not mislead it.
        string text = "é😀x\nüy";
        var lines = LineMap.Create(text);
        var utf8 = LanguageServer.Documents.PositionEncoder.Utf8;
        Assert.Equal(new Position(0, 7), utf8.ToPosition(lines, text, 4));
        Assert.Equal(new Position(0, 2), utf8.ToPosition(lines, text, 1));
        Assert.Equal(new Position(0, 6), utf8.ToPosition(lines, text, 3));
        Assert.Equal(new Position(1, 3), utf8.ToPosition(lines, text, 7));
        string other = "xx😀x\nüy";
        Assert.Equal(new Position(0, 6), utf8.ToPosition(LineMap.Create(other), other, 4));
    }

    [Fact]
    public void Typing_in_prose_that_a_rejected_call_read_on_into_gives_the_diagnostics_of_a_fresh_analysis()
    {
        // The value "red>}}" swallows the delimiter, so Hugo reads the next word as a positional
        // parameter and says so; that word's line was plain prose to the shortcut, which kept the
        // message naming the word as it was before the keystroke.
        const string note = "Intro.\n\n{{<note color=red>}}\n\nWhat is it?\nLava.\n";
        const int line = 4, character = 1;
        var store = new LanguageServer.Documents.DocumentStore();
        const string uri = "file:///n.md";
        var opened = store.Open(new TextDocumentItem(uri, "markdown", 1, note), _ => Core.Config.RuleSettings.Default);
        Assert.Contains(opened.Analysis.Diagnostics, d => d.Message.Contains("'What'", StringComparison.Ordinal));
        var next = store.Change(new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(uri, 2),
            [new TextDocumentContentChangeEvent("x", new OrbitLsp.LanguageServer.Protocol.Range(new(line, character), new(line, character)))]), LanguageServer.Documents.PositionEncoder.Utf16)!;
        string typed = Notes.Insert(note, line, character, "x");
        Assert.Equal(typed, next.Text);
        // What is published: the diagnostics of the version's basis (itself, unless a prose edit).
        Assert.Equal(NoteAnalyzer.Analyze(typed).Diagnostics.Select(d => $"{d.Code} {d.Span} {d.Message}"), next.Basis.Diagnostics.Select(d => $"{d.Code} {d.Span} {d.Message}"));
    }

    [Theory]
    [InlineData("- item", 2, 1, "\"")]                // "-\" item": no longer a list item
    [InlineData("1. item", 2, 2, "x")]                 // "1.x item" is none either
    [InlineData("12 apples", 2, 2, ". ")]             // "12. apples" is one
    [InlineData("- item\n\n\u00A0", 4, 1, "x")]       // a line of white space is blank to Markdown
    public void Typing_that_changes_what_the_next_indented_line_is_gives_the_diagnostics_of_a_fresh_analysis(string before, int line, int character, string typed)
    {
        // After a list item (or a line of prose), the indented block is part of the item (or a
        // paragraph); after a line of prose following a blank, it is indented code (OL030). The
        // keystroke kept the line's first character, so the shortcut took it for prose.
        string note = "Intro.\n\n" + before + "\n\n    {{<orbit_review>}}\n    Q?\n    A.\n    {{</orbit_review>}}\n\nEnd.\n";
        var store = new LanguageServer.Documents.DocumentStore();
        const string uri = "file:///n.md";
        var opened = store.Open(new TextDocumentItem(uri, "markdown", 1, note), _ => Core.Config.RuleSettings.Default);
        _ = opened.Analysis;
        var next = store.Change(new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(uri, 2),
            [new TextDocumentContentChangeEvent(typed, new OrbitLsp.LanguageServer.Protocol.Range(new(line, character), new(line, character)))]), LanguageServer.Documents.PositionEncoder.Utf16)!;
        string edited = Notes.Insert(note, line, character, typed);
        Assert.Equal(edited, next.Text);
        var fresh = NoteAnalyzer.Analyze(edited).Diagnostics;
        Assert.NotEqual(opened.Analysis.Diagnostics.Select(d => d.Code), fresh.Select(d => d.Code));
        Assert.Equal(fresh.Select(d => $"{d.Code} {d.Span} {d.Message}"), next.Basis.Diagnostics.Select(d => $"{d.Code} {d.Span} {d.Message}"));
    }
}
