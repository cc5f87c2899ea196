using OrbitLsp.Core.Config;
using OrbitLsp.LanguageServer.Documents;
using OrbitLsp.LanguageServer.Features.CodeActions;
using OrbitLsp.LanguageServer.Lifecycle;
using OrbitLsp.LanguageServer.Features.CodeLens;
using OrbitLsp.LanguageServer.Features.Folding;
using OrbitLsp.LanguageServer.Features.Hover;
using OrbitLsp.LanguageServer.Features.SemanticTokens;
using OrbitLsp.LanguageServer.Features.Symbols;
using OrbitLsp.LanguageServer.Features.InlayHints;
using OrbitLsp.LanguageServer.Protocol;
using OrbitLsp.Server.Tests.Infrastructure;
using Range = OrbitLsp.LanguageServer.Protocol.Range;

namespace OrbitLsp.Server.Tests;

/// <summary>The one shortcut: a keystroke in plain prose shares the last analysis's diagnostics.</summary>
public sealed class ProseEditTests
{
    private const string Note = "Intro line with words.\n\n    indented code\n\n{{< orbit_review >}}\nQ?\nA\n{{< /orbit_review >}}\nMore prose here.\n";

    [Theory]
    [InlineData(0, 5, "x", true)]
    [InlineData(8, 4, "abc, ", true)]
    [InlineData(0, 0, "x", false)]       // at the line start: indentation could change
    [InlineData(0, 5, "{", false)]       // markup
    [InlineData(0, 5, "\n", false)]      // a new line moves every later line
    [InlineData(5, 1, "x", false)]       // inside a review block
    [InlineData(2, 6, "x", true)]        // indented code keeps its indentation
    [InlineData(2, 2, "x", false)]       // ... unless typed in the indentation
    [InlineData(0, 5, "`", false)]
    [InlineData(1, 0, "x", false)]       // a blank line stops being blank
    public void Only_plain_typing_in_prose_shares_the_last_analysis(int line, int character, string text, bool shared)
    {
        var store = new DocumentStore();
        var opened = store.Open(new TextDocumentItem("file:///n.md", "markdown", 1, Note), _ => RuleSettings.Default);
        _ = opened.Analysis;
        var next = store.Change(new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier("file:///n.md", 2),
            [new TextDocumentContentChangeEvent(text, new Range(new(line, character), new(line, character)))]), PositionEncoder.Utf16)!;
        Assert.Equal(shared, ReferenceEquals(next.Basis, opened));
    }

    [Fact]
    public async Task Typing_and_deleting_prose_anywhere_gives_the_diagnostics_of_a_fresh_analysis_after_every_keystroke()
    {
        var random = new Random(7);
        string text = Notes.Example("misalignment.md");
        await using var server = TestServer.InProcess();
        await server.Client.InitializeAsync();
        string uri = Notes.Uri();
        await server.Client.OpenAsync(uri, text);
        await server.Client.DiagnosticsAsync(uri, 1);
        int version = 1;
        for (int word = 0; word < 30; word++)
        {
            var lines = text.Split('\n');
            int line = random.Next(lines.Length);
            int character = lines[line].Length == 0 ? 0 : random.Next(1, lines[line].Length + 1);
            foreach (char c in "and so, ")
            {
                await server.Client.ChangeAsync(uri, ++version, ClientSteps.Insert(line, character, c.ToString()));
                text = Notes.Insert(text, line, character++, c.ToString());
                Notes.AssertSameDiagnostics(Notes.Expected(uri, text), await server.Client.DiagnosticsAsync(uri, version));
            }
            for (int i = 0; i < 3 && character > 0; i++)
            {
                await server.Client.ChangeAsync(uri, ++version, ClientSteps.Edit(line, character - 1, line, character, ""));
                text = Remove(text, line, --character);
                Notes.AssertSameDiagnostics(Notes.Expected(uri, text), await server.Client.DiagnosticsAsync(uri, version));
            }
        }
    }

    [Theory]
    [InlineData("misalignment.md")]
    [InlineData("what-is-orbit.md")]
    [InlineData("generated")]
    public void Every_edit_taken_as_prose_leaves_the_diagnostics_of_a_fresh_analysis(string note)
    {
        string text = Notes.ExampleOrGenerated(note);
        var random = new Random(note.Length);
        var store = new DocumentStore();
        var snapshot = store.Open(new TextDocumentItem("file:///n.md", "markdown", 1, text), _ => RuleSettings.Default);
        _ = snapshot.Analysis;
        int taken = 0, hintsCompared = 0, hoversCompared = 0, wrongSourceNoticed = 0, actionsCompared = 0, sharedCompared = 0;
        for (int version = 2; version < 1500; version++)
        {
            var lines = snapshot.Lines;
            int line = random.Next(lines.LineCount);
            int length = lines.LineEnd(line, snapshot.Text) - lines.LineStart(line);
            int character = random.Next(length + 1);
            bool delete = random.Next(3) == 0 && character < length;
            const string Plain = "ab ,.?!'\"()x";
            string insert = delete ? "" : Plain[random.Next(Plain.Length)].ToString();
            var change = new TextDocumentContentChangeEvent(insert, new Range(new(line, character), new(line, delete ? character + 1 : character)));
            var next = store.Change(new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier("file:///n.md", version), [change]), PositionEncoder.Utf16)!;
            if (!ReferenceEquals(next.Basis, next))
            {
                taken++;
                var shared = OrbitLsp.LanguageServer.Features.Diagnostics.DiagnosticConverter.Convert(next, PositionEncoder.Utf16, null);
                var fresh = Notes.Expected("file:///n.md", next.Text, here: true);
                Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(fresh, System.Text.Json.JsonSerializer.SerializeToNode(shared, OrbitLsp.LanguageServer.Transport.LspJson.Options)),
                    $"version {version}: '{insert}' at {line}:{character} ({(delete ? "delete" : "insert")})");
                // The inlay hints too come from the basis, over the whole note and over a few lines
                // around the edit (a range that ends on the edited line), and equal a fresh analysis's.
                var source = next.ProseSource;
                Assert.Same(next.Basis, source);
                var fullRange = new Range(new(0, 0), new(next.Lines.LineCount, 0));
                var around = new Range(new(Math.Max(0, line - 3), 0), new(line, character + 40));
                var freshSnapshot = new DocumentSnapshot("file:///n.md", version, next.Text, RuleSettings.Default, 0);
                foreach (var range in new[] { fullRange, around })
                {
                    var hints = InlayHintHandler.For(source, source.Analysis, PositionEncoder.Utf16, range);
                    var expected = InlayHintHandler.For(freshSnapshot, freshSnapshot.Analysis, PositionEncoder.Utf16, range);
                    Notes.AssertSameJson(expected, hints, $"hints, version {version}");
                    hintsCompared += hints.Length;
                }
                // Semantic tokens (whole and in the range) and code lenses too.
                foreach (var range in new Range?[] { null, around })
                    Assert.Equal(SemanticTokensHandler.Encode(freshSnapshot, freshSnapshot.Analysis, PositionEncoder.Utf16, range),
                        SemanticTokensHandler.Encode(source, source.Analysis, PositionEncoder.Utf16, range));
                Notes.AssertSameJson(CodeLensHandler.For(freshSnapshot, freshSnapshot.Analysis, PositionEncoder.Utf16, null),
                    CodeLensHandler.For(source, source.Analysis, PositionEncoder.Utf16, null), $"code lenses, version {version}");
                // Folding ranges and symbols (as a tree and flat).
                Notes.AssertSameJson(FoldingRangeHandler.For(freshSnapshot, freshSnapshot.Analysis, collapsedText: true),
                    FoldingRangeHandler.For(source, source.Analysis, collapsedText: true), $"folding, version {version}");
                foreach (bool hierarchical in new[] { true, false })
                    Notes.AssertSameJson(DocumentSymbolHandler.For(freshSnapshot, freshSnapshot.Analysis, PositionEncoder.Utf16, hierarchical),
                        DocumentSymbolHandler.For(source, source.Analysis, PositionEncoder.Utf16, hierarchical), $"symbols, version {version}");
                // Code actions (fixes and rewrites, their edits of this version) at every diagnostic,
                // around the edit and over the whole note, with documentChanges and without.
                var actionRanges = freshSnapshot.Analysis.Diagnostics.Take(8)
                    .Select(d => PositionEncoder.Utf16.ToRange(freshSnapshot.Lines, freshSnapshot.Text, d.Span))
                    .Append(around).Append(fullRange).Append(new Range(new(line, 0), new(line, character + 1)));
                foreach (var state in ActionStates)
                    foreach (var range in actionRanges)
                    {
                        var actions = CodeActionHandler.At(next, source, source.Analysis, range, null, state);
                        Notes.AssertSameJson(CodeActionHandler.At(freshSnapshot, freshSnapshot, freshSnapshot.Analysis, range, null, state).ToArray(), actions.ToArray(),
                            $"code actions at {range.Start.Line}:{range.Start.Character}-{range.End.Line}:{range.End.Character}, version {version}");
                        actionsCompared += actions.Count;
                    }
                // Hover too: on the edited line (past its end as well) and on lines of blocks and prose.
                foreach (var position in HoverPositions(random, freshSnapshot, line, character))
                {
                    var hover = HoverHandler.At(source.Analysis, PositionEncoder.Utf16, position, markdown: true);
                    var expected = HoverHandler.At(freshSnapshot.Analysis, PositionEncoder.Utf16, position, markdown: true);
                    Assert.Equal(expected?.Hover.Text, hover?.Hover.Text);
                    if (expected is { } e) Notes.AssertSameJson(
                        PositionEncoder.Utf16.ToRange(freshSnapshot.Lines, freshSnapshot.Text, e.Hover.Span),
                        PositionEncoder.Utf16.ToRange(source.Lines, source.Text, hover!.Value.Hover.Span), $"hover range at {position.Line}:{position.Character}, version {version}");
                    if (expected is not null) hoversCompared++;
                }
                Assert.False(next.IsAnalyzed);
                // Every tenth such version is analysed, as when typing pauses: it then shares what the
                // features made from its basis's analysis (the same symbols, not made again), which
                // equals what a fresh analysis gives.
                if (taken % 10 == 0)
                {
                    var made = new[] { true, false }.Select(h => DocumentSymbolHandler.For(source, source.Analysis, PositionEncoder.Utf16, h)).ToArray();
                    _ = next.Analysis;
                    foreach (var (hierarchical, basisMade) in new[] { true, false }.Zip(made))
                    {
                        var own = DocumentSymbolHandler.For(next, next.Analysis, PositionEncoder.Utf16, hierarchical);
                        Assert.Same(basisMade, own);
                        Notes.AssertSameJson(DocumentSymbolHandler.For(freshSnapshot, freshSnapshot.Analysis, PositionEncoder.Utf16, hierarchical), own,
                            $"symbols of the analysed version {version}");
                    }
                    Notes.AssertSameJson(CodeLensHandler.For(freshSnapshot, freshSnapshot.Analysis, PositionEncoder.Utf16, null),
                        CodeLensHandler.For(next, next.Analysis, PositionEncoder.Utf16, null), $"code lenses of the analysed version {version}");
                    sharedCompared++;
                }
            }
            else
            {
                // The same comparison notices a version answered from the wrong one: an edit that is
                // not prose, answered from the version before it, sometimes hovers differently.
                var positions = HoverPositions(random, next, line, character);
                if (positions.Any(position => HoverHandler.At(snapshot.Analysis, PositionEncoder.Utf16, position, markdown: true)?.Hover.Text
                        != HoverHandler.At(next.Analysis, PositionEncoder.Utf16, position, markdown: true)?.Hover.Text))
                    wrongSourceNoticed++;
            }
            snapshot = next;
        }
        Assert.True(taken > 40, $"only {taken} edits were taken as prose");
        Assert.True(hintsCompared > 100, $"only {hintsCompared} hints were compared");
        Assert.True(hoversCompared > 100, $"only {hoversCompared} hovers were compared");
        Assert.True(actionsCompared > 100, $"only {actionsCompared} code actions were compared");
        Assert.True(sharedCompared > 3, $"only {sharedCompared} analysed prose edits were compared");
        Assert.True(wrongSourceNoticed > 10, $"a wrong source was noticed only {wrongSourceNoticed} times");
    }

    [Fact]
    public void An_analysed_prose_edit_that_moved_a_block_to_where_another_stood_keeps_each_lens_on_its_own_block()
    {
        // The products an analysed prose edit shares with its basis must not be found by offset: here
        // the first block moves exactly to where the second stood.
        const string Text = "Intro line\n\n{{< orbit_review >}}\nWhat is one?\nOne\n{{< /orbit_review >}}\n\n{{< orbit_review >}}\nWhat is two?\nTwo\nWhat is three?\n{{< /orbit_review >}}\n";
        int first = Text.IndexOf("{{< orbit_review", StringComparison.Ordinal), second = Text.IndexOf("{{< orbit_review", first + 1, StringComparison.Ordinal);
        var store = new DocumentStore();
        var basis = store.Open(new TextDocumentItem("file:///n.md", "markdown", 1, Text), _ => RuleSettings.Default);
        var before = CodeLensHandler.For(basis, basis.Analysis, PositionEncoder.Utf16, null);
        var change = new TextDocumentContentChangeEvent(new string('x', second - first), new Range(new(0, 5), new(0, 5)));
        var next = store.Change(new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier("file:///n.md", 2), [change]), PositionEncoder.Utf16)!;
        Assert.Same(basis, next.Basis);
        _ = next.Analysis;
        Assert.Equal(second, next.Analysis.Document.Blocks[0].OpenSpan.Start);
        var fresh = new DocumentSnapshot("file:///n.md", 2, next.Text, RuleSettings.Default, 0);
        var lenses = CodeLensHandler.For(next, next.Analysis, PositionEncoder.Utf16, null);
        Notes.AssertSameJson(CodeLensHandler.For(fresh, fresh.Analysis, PositionEncoder.Utf16, null), lenses, "code lenses");
        Notes.AssertSameJson(before, lenses, "code lenses of the basis");
    }

    /// <summary>A client that takes <c>documentChanges</c> (edits name the version) and one that does not.</summary>
    private static ServerState[] ActionStates
    {
        get
        {
            var versioned = new ServerState();
            versioned.Initialize(new InitializeParams { Capabilities = new ClientCapabilities { Workspace = new WorkspaceClientCapabilities { WorkspaceEdit = new WorkspaceEditClientCapabilities { DocumentChanges = true } } } });
            return [versioned, new ServerState()];
        }
    }

    /// <summary>Positions to hover after an edit at <paramref name="line"/>: on that line (and past its end), on block lines and anywhere.</summary>
    private static Position[] HoverPositions(Random random, DocumentSnapshot snapshot, int line, int character)
    {
        var doc = snapshot.Analysis.Document;
        var positions = new List<Position> { new(line, character), new(line, character + 5) };
        for (int i = 0; i < 4 && doc.Blocks.Length > 0; i++)
        {
            var block = doc.Blocks[random.Next(doc.Blocks.Length)];
            int first = doc.GetPosition(block.Span.Start).Line, last = doc.GetPosition(block.Span.End).Line;
            positions.Add(new(random.Next(first, last + 1), random.Next(12)));
        }
        positions.Add(new(random.Next(snapshot.Lines.LineCount), random.Next(20)));
        return [.. positions];
    }

    [Fact]
    public async Task A_pulling_client_typing_prose_gets_the_diagnostics_of_a_fresh_analysis()
    {
        string text = Notes.Example("misalignment.md");
        await using var server = TestServer.InProcess();
        await server.Client.InitializeAsync(Capabilities.Pull);
        string uri = Notes.Uri();
        await server.Client.OpenAsync(uri, text);
        await server.Client.RequestAsync("textDocument/diagnostic", new { textDocument = new { uri } });
        int line = text.Split('\n').ToList().FindIndex(l => l.StartsWith("Week 2 of the AGI", StringComparison.Ordinal));
        for (int i = 0; i < 5; i++)
        {
            await server.Client.ChangeAsync(uri, i + 2, ClientSteps.Insert(line, 4, "x"));
            text = Notes.Insert(text, line, 4, "x");
            var report = await server.Client.RequestAsync("textDocument/diagnostic", new { textDocument = new { uri } });
            Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(Notes.Expected(uri, text), System.Text.Json.Nodes.JsonNode.Parse(report.GetProperty("items").GetRawText())));
        }
    }

    private static string Remove(string text, int line, int character) => text.Remove(Notes.Offset(text, line, character), 1);
}
