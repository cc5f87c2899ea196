using System.Text.Json;
using OrbitLsp.Core.Config;
using OrbitLsp.LanguageServer.Documents;
using OrbitLsp.LanguageServer.Features.Diagnostics;
using OrbitLsp.LanguageServer.Features.Folding;
using OrbitLsp.LanguageServer.Features.InlayHints;
using OrbitLsp.LanguageServer.Features.SemanticTokens;
using OrbitLsp.LanguageServer.Features.Symbols;
using OrbitLsp.LanguageServer.Protocol;
using OrbitLsp.LanguageServer.Transport;
using OrbitLsp.Server.Tests.Infrastructure;
using Range = OrbitLsp.LanguageServer.Protocol.Range;

namespace OrbitLsp.Server.Tests;

/// <summary>Typing inside a review block: the block is read again, not the note, and the result is a fresh analysis's.</summary>
public sealed class BlockEditTests
{
    private const string Uri = "file:///n.md";

    [Fact]
    public void Typing_in_a_question_line_continues_one_block_edit_until_the_text_is_analysed()
    {
        string text = Notes.Example("what-is-orbit.md");
        var (store, opened) = OpenAnalysed(text);
        var prompt = opened.Analysis.Document.Blocks.First(b => b.Prompts.Length > 0).Prompts[0];
        var at = opened.Lines.GetPosition(prompt.QuestionSpan.End);

        var snapshot = opened;
        for (int i = 0; i < 6; i++)
        {
            snapshot = Change(store, snapshot.Version + 1, at.Line, at.Character + i, "x");
            Assert.NotNull(snapshot.BlockEdit);
            Assert.Same(opened, snapshot.BlockEdit.Analysed);
            Assert.Equal(i + 1, snapshot.BlockEdit.Delta);
            Assert.False(snapshot.IsAnalyzed);
            AssertFresh(snapshot);
            Assert.False(snapshot.IsAnalyzed); // the diagnostics did not need the whole note read
        }
        _ = snapshot.Analysis; // typing paused: analysed in the background; the next keystroke starts from it
        var next = Change(store, snapshot.Version + 1, at.Line, at.Character + 6, "y");
        Assert.Same(snapshot, next.BlockEdit!.Analysed);
        AssertFresh(next);
    }

    [Theory]
    [InlineData("\r\n")]  // a carriage return could join or part a line break
    [InlineData("{{<")]   // a call could start
    [InlineData("<!--")]  // a comment could start
    public void Edits_that_could_change_more_than_the_block_are_analysed_whole(string typed)
    {
        string text = "Prose.\n\n{{<orbit_review>}}\nQ?\nA.\n{{</orbit_review>}}\n";
        var (store, opened) = OpenAnalysed(text);
        var next = Change(store, 2, 3, 2, typed);
        Assert.Null(next.BlockEdit);
        Assert.Same(next, next.Basis);
        AssertFresh(next);
    }

    [Fact]
    public void A_character_typed_in_a_block_after_a_call_Hugo_cannot_read_is_analysed_whole()
    {
        // The unfinished call is read leniently, looking ahead for where it might end: the '%' typed
        // here makes "%}}" that ends it, so the block is no longer a block (found by fuzzing).
        string text = "Prose {{% x\n\n{{<orbit_review>}}\nQ?\nA.}}\n{{</orbit_review>}}\n";
        var (store, opened) = OpenAnalysed(text);
        var next = Change(store, 2, 4, 2, "%");
        Assert.Null(next.BlockEdit);
        AssertFresh(next);
    }

    [Fact]
    public async Task Typing_and_deleting_in_review_blocks_gives_the_diagnostics_of_a_fresh_analysis_after_every_keystroke()
    {
        var random = new Random(11);
        string text = Notes.Example("misalignment.md");
        await using var server = TestServer.InProcess();
        await server.Client.InitializeAsync();
        string uri = Notes.Uri();
        await server.Client.OpenAsync(uri, text);
        await server.Client.DiagnosticsAsync(uri, 1);
        var document = Core.Model.NoteDocument.Parse(text);
        var promptLines = document.Blocks.SelectMany(b => b.Lines).Select(l => document.GetPosition(l.LineSpan.Start).Line).ToList();
        int version = 1;
        for (int word = 0; word < 12; word++)
        {
            var lines = text.Split('\n');
            int line = promptLines[random.Next(promptLines.Count)];
            int character = random.Next(0, lines[line].Length + 1);
            foreach (string s in new[] { "*", "$", "x", " ", "\"", "\t", "\n", "y" })
            {
                await server.Client.ChangeAsync(uri, ++version, ClientSteps.Insert(line, character, s));
                text = Notes.Insert(text, line, character, s);
                if (s == "\n") (line, character) = (line + 1, 0);
                else character++;
                Notes.AssertSameDiagnostics(Notes.Expected(uri, text), await server.Client.DiagnosticsAsync(uri, version));
            }
            while (character > 0 && random.Next(4) != 0)
            {
                await server.Client.ChangeAsync(uri, ++version, ClientSteps.Edit(line, character - 1, line, character, ""));
                text = text.Remove(Notes.Offset(text, line, --character), 1);
                Notes.AssertSameDiagnostics(Notes.Expected(uri, text), await server.Client.DiagnosticsAsync(uri, version));
            }
        }
    }

    [Fact]
    public async Task A_pulling_client_typing_in_a_block_gets_the_diagnostics_of_a_fresh_analysis()
    {
        string text = Notes.Example("misalignment.md");
        await using var server = TestServer.InProcess();
        await server.Client.InitializeAsync(Capabilities.Pull);
        string uri = Notes.Uri();
        await server.Client.OpenAsync(uri, text);
        await server.Client.RequestAsync("textDocument/diagnostic", new { textDocument = new { uri } });
        // The unanswered prompt's line: typing there changes what OL001 quotes.
        int line = 170;
        for (int i = 0; i < 5; i++)
        {
            await server.Client.ChangeAsync(uri, i + 2, ClientSteps.Insert(line, 2, "x"));
            text = Notes.Insert(text, line, 2, "x");
            var report = await server.Client.RequestAsync("textDocument/diagnostic", new { textDocument = new { uri } });
            Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(Notes.Expected(uri, text), System.Text.Json.Nodes.JsonNode.Parse(report.GetProperty("items").GetRawText())));
        }
    }

    [Theory]
    [InlineData("misalignment.md")]
    [InlineData("what-is-orbit.md")]
    [InlineData("generated")]
    public void What_typing_in_a_block_asks_for_comes_from_the_block_read_again_and_equals_a_fresh_analysis(string note)
    {
        // Inlay hints, semantic tokens, folding ranges and symbols (what VS Code asks for while its
        // author types) of a block edit, against those of a fresh analysis of the same text.
        string text = Notes.ExampleOrGenerated(note);
        var random = new Random(note.Length);
        var (store, snapshot) = OpenAnalysed(text);
        int answered = 0, hints = 0, tokens = 0, symbols = 0;
        const string Typed = "xy ?*$\"\t";
        for (int version = 2; version < 700; version++)
        {
            // A prompt line of the last analysed version, typed in (now and then a line break or a deletion).
            var basis = snapshot.BlockEdit?.Analysed ?? snapshot;
            var prompts = basis.Analysis.Document.Blocks.SelectMany(b => b.Lines).ToList();
            var at = basis.Lines.GetPosition(prompts[random.Next(prompts.Count)].LineSpan.Start);
            int length = snapshot.LineEnd(at.Line) - snapshot.Lines.LineStart(at.Line);
            int character = random.Next(length + 1);
            int roll = random.Next(20);
            string insert = roll == 0 ? "\n" : roll < 4 ? "" : Typed[random.Next(Typed.Length)].ToString();
            var end = insert.Length == 0 && character < length ? new Position(at.Line, character + 1) : new Position(at.Line, character);
            var next = store.Change(new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(Uri, version),
                [new TextDocumentContentChangeEvent(insert, new Range(new(at.Line, character), end))]), PositionEncoder.Utf16)!;
            if (next.BlockEdit is not null)
            {
                var fresh = new DocumentSnapshot(Uri, 1, next.Text, RuleSettings.Default, 0);
                string where = $"version {version}: '{insert}' at {at.Line}:{character}";
                int count = next.Lines.LineCount;
                var ranges = new[]
                {
                    new Range(new(0, 0), new(count, 0)),
                    new Range(new(Math.Max(0, at.Line - 2), 3), new(Math.Min(count, at.Line + 2), 1)),
                    new Range(new(at.Line, 0), new(at.Line, 0)),
                    new Range(new(at.Line, 1), new(Math.Min(count, at.Line + 40), 200)),
                };
                foreach (var encoder in new[] { PositionEncoder.Utf16, PositionEncoder.Utf8 })
                {
                    foreach (var range in ranges)
                    {
                        if (InlayHintHandler.FromBlockEdit(next, encoder, range) is not { } quick) continue;
                        var expected = InlayHintHandler.For(fresh, fresh.Analysis, encoder, range);
                        Notes.AssertSameJson(expected, quick, $"{where} ({encoder.Name}), range {range.Start.Line}:{range.Start.Character}-{range.End.Line}:{range.End.Character}");
                        answered++;
                        hints += quick.Length;
                    }
                    if (SemanticTokensHandler.FromBlockEdit(next, encoder, (s, a) => SemanticTokensHandler.Encode(s, a, encoder, null)) is { } data)
                    {
                        Assert.Equal(SemanticTokensHandler.Encode(fresh, fresh.Analysis, encoder, null), data.ToArray());
                        tokens++;
                    }
                    foreach (bool hierarchical in new[] { true, false })
                    {
                        if (DocumentSymbolHandler.FromBlockEdit(next, encoder, hierarchical) is not { } outline) continue;
                        Notes.AssertSameJson(DocumentSymbolHandler.For(fresh, fresh.Analysis, encoder, hierarchical), outline, $"{where}: symbols ({encoder.Name}, hierarchical {hierarchical})");
                        symbols++;
                    }
                }
                if (FoldingRangeHandler.FromBlockEdit(next, collapsedText: true) is { } folding)
                    Notes.AssertSameJson(FoldingRangeHandler.For(fresh, fresh.Analysis, collapsedText: true), folding, $"{where}: folding ranges");
                Assert.False(next.IsAnalyzed); // none of them needed the whole note read
            }
            // Typing pauses now and then (the next keystroke starts from an analysed version); an edit
            // taken no shortcut for is analysed, as the server does at once.
            if (next.BlockEdit is null || random.Next(25) == 0) _ = next.Analysis;
            snapshot = next;
        }
        Assert.True(answered > 400, $"only {answered} answers came from a block read again");
        Assert.True(hints > 1000, $"only {hints} hints were compared");
        Assert.True(tokens > 200, $"only {tokens} token arrays came from a block read again");
        Assert.True(symbols > 400, $"only {symbols} outlines came from a block read again");
    }

    [Fact]
    public void Semantic_tokens_of_a_block_sharing_a_line_with_another_come_from_an_analysis()
    {
        // The second block opens on the line the first closes on: that line's tokens are both blocks'.
        string text = "Prose.\n\n{{< orbit_review >}}\nQ?\nA.\n{{< /orbit_review >}} {{< orbit_review >}}\nQ2?\nA2.\n{{< /orbit_review >}}\n";
        var (store, opened) = OpenAnalysed(text);
        var next = Change(store, 2, 3, 1, "x");
        Assert.NotNull(next.BlockEdit);
        Assert.True(next.EditedBlock!.SharesLines);
        Assert.Null(SemanticTokensHandler.FromBlockEdit(next, PositionEncoder.Utf16, (s, a) => SemanticTokensHandler.Encode(s, a, PositionEncoder.Utf16, null)));
        // Folding and symbols go block by block: still answered, and as a fresh analysis answers.
        var fresh = new DocumentSnapshot(Uri, 1, next.Text, RuleSettings.Default, 0);
        Notes.AssertSameJson(FoldingRangeHandler.For(fresh, fresh.Analysis, collapsedText: true), FoldingRangeHandler.FromBlockEdit(next, collapsedText: true)!, "folding");
        Notes.AssertSameJson(DocumentSymbolHandler.For(fresh, fresh.Analysis, PositionEncoder.Utf16, true), DocumentSymbolHandler.FromBlockEdit(next, PositionEncoder.Utf16, true)!, "symbols");
        // The first block alone on its lines: its tokens come from it read again.
        _ = next.Analysis;
        var other = Change(store, 3, 6, 1, "y");
        Assert.NotNull(other.EditedBlock);
        Assert.True(other.EditedBlock!.SharesLines);
        var (apart, _) = OpenAnalysed(text.Replace(">}} {{<", ">}}\n\n{{<"));
        var typed = Change(apart, 2, 3, 1, "x");
        Assert.False(typed.EditedBlock!.SharesLines);
        var freshApart = new DocumentSnapshot(Uri, 1, typed.Text, RuleSettings.Default, 0);
        Assert.Equal(SemanticTokensHandler.Encode(freshApart, freshApart.Analysis, PositionEncoder.Utf16, null),
            SemanticTokensHandler.FromBlockEdit(typed, PositionEncoder.Utf16, (s, a) => SemanticTokensHandler.Encode(s, a, PositionEncoder.Utf16, null))!.ToArray());
    }

    [Fact]
    public void A_block_edit_that_leaves_a_prompt_line_blank_folds_with_one_prompt_fewer()
    {
        string text = "Prose.\n\n{{< orbit_review >}}\nQ?\nA.\nx\n{{< /orbit_review >}}\n\n{{< orbit_review >}}\nQ2?\nA2.\n{{< /orbit_review >}}\n";
        var (store, opened) = OpenAnalysed(text);
        var next = store.Change(new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(Uri, 2),
            [new TextDocumentContentChangeEvent("", new Range(new(5, 0), new(5, 1)))]), PositionEncoder.Utf16)!;
        Assert.NotNull(next.EditedBlock);
        var folding = FoldingRangeHandler.FromBlockEdit(next, collapsedText: true)!;
        Assert.Equal(["orbit_review · 1 prompt", "orbit_review · 1 prompt"], folding.Select(f => f.CollapsedText));
        var outline = JsonSerializer.SerializeToElement(DocumentSymbolHandler.FromBlockEdit(next, PositionEncoder.Utf16, hierarchical: true)!, LspJson.Info<WrittenArray>());
        Assert.Equal(["1 prompt", "1 prompt"], outline.EnumerateArray().Select(s => s.GetProperty("detail").GetString()));
        Assert.False(next.IsAnalyzed);
    }

    [Fact]
    public void Typing_in_a_block_with_pauses_keeps_no_older_version_alive()
    {
        // Each keystroke's block read again (it holds the version it was typed on), then the version
        // analysed: the chain of versions is let go.
        var store = new DocumentStore();
        var older = TypeInABlockWithPauses(store);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.All(older, w => Assert.False(w.IsAlive, "an older version is still reachable from the newest"));
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static List<WeakReference> TypeInABlockWithPauses(DocumentStore store)
    {
        var snapshot = store.Open(new TextDocumentItem(Uri, "markdown", 1, "Prose.\n\n{{< orbit_review >}}\nQ?\nA\n{{< /orbit_review >}}\n"), _ => RuleSettings.Default);
        _ = snapshot.Analysis;
        var older = new List<WeakReference>();
        for (int i = 0; i < 8; i++)
        {
            older.Add(new WeakReference(snapshot));
            snapshot = Change(store, snapshot.Version + 1, 3, 1 + i, "x");
            Assert.NotNull(snapshot.EditedBlock);
            _ = snapshot.Analysis;
        }
        return older;
    }

    [Fact]
    public void A_version_analysed_after_typing_keeps_no_older_version_alive()
    {
        // Typing that pauses after every keystroke (each version analysed, as hover, code lenses or
        // semantic tokens ask): in a block and in prose, each version is typed on the last one.
        var store = new DocumentStore();
        var (older, latest) = TypeWithPauses(store);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.All(older, w => Assert.False(w.IsAlive, "an older version is still reachable from the newest"));
        Assert.Same(latest, store.Get(Uri));
        AssertFresh(latest);
    }

    /// <summary>Versions 1 to 12, each analysed; the weak references of all but the newest, and the newest.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static (List<WeakReference> Older, DocumentSnapshot Latest) TypeWithPauses(DocumentStore store)
    {
        string text = "Some prose to type in.\n\n{{< orbit_review >}}\nQ?\nA\n{{< /orbit_review >}}\n";
        var snapshot = store.Open(new TextDocumentItem(Uri, "markdown", 1, text), _ => RuleSettings.Default);
        _ = snapshot.Analysis;
        var older = new List<WeakReference>();
        for (int i = 0; i < 12; i++)
        {
            older.Add(new WeakReference(snapshot));
            var (line, character) = i % 2 == 0 ? (3, 1 + i / 2) : (0, 4 + i / 2);
            snapshot = Change(store, snapshot.Version + 1, line, character, "x");
            Assert.True(i % 2 == 0 ? snapshot.BlockEdit is not null : snapshot.IsTypedOnBasis, $"version {snapshot.Version} took no shortcut");
            _ = snapshot.Text;
            _ = snapshot.EditedBlock; // a block edit's block read again holds its basis, until it is analysed
            _ = snapshot.Analysis;
        }
        return (older, snapshot);
    }

    /// <summary>A store with the note open and analysed, as the server has it once typing pauses.</summary>
    private static (DocumentStore Store, DocumentSnapshot Opened) OpenAnalysed(string text)
    {
        var store = new DocumentStore();
        var opened = store.Open(new TextDocumentItem(Uri, "markdown", 1, text), _ => RuleSettings.Default);
        _ = opened.Analysis;
        return (store, opened);
    }

    private static DocumentSnapshot Change(DocumentStore store, int version, int line, int character, string text) =>
        store.Change(new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(Uri, version),
            [new TextDocumentContentChangeEvent(text, new Range(new(line, character), new(line, character)))]), PositionEncoder.Utf16)!;

    private static void AssertFresh(DocumentSnapshot snapshot)
    {
        var items = DiagnosticConverter.Convert(snapshot, PositionEncoder.Utf16, null);
        var fresh = Notes.Expected(Uri, snapshot.Text, here: true);
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(fresh, System.Text.Json.JsonSerializer.SerializeToNode(items, OrbitLsp.LanguageServer.Transport.LspJson.Options)),
            $"version {snapshot.Version} differs from a fresh analysis");
    }
}
