using System.Text.Json;
using System.Text.Json.Nodes;
using OrbitLsp.Core.Analysis;
using OrbitLsp.Core.Cards;
using OrbitLsp.Core.Config;
using OrbitLsp.Core.Ide.Fixes;
using OrbitLsp.LanguageServer.Documents;
using OrbitLsp.LanguageServer.Features.CodeActions;
using OrbitLsp.LanguageServer.Configuration;
using OrbitLsp.LanguageServer.Features.CodeLens;
using OrbitLsp.LanguageServer.Features.Commands;
using OrbitLsp.LanguageServer.Features.Completion;
using OrbitLsp.LanguageServer.Features.Diagnostics;
using OrbitLsp.LanguageServer.Features.Folding;
using OrbitLsp.LanguageServer.Features.Formatting;
using OrbitLsp.LanguageServer.Features.Hover;
using OrbitLsp.LanguageServer.Features.Review;
using OrbitLsp.LanguageServer.Features.InlayHints;
using OrbitLsp.LanguageServer.Features.Selection;
using OrbitLsp.LanguageServer.Features.SemanticTokens;
using OrbitLsp.LanguageServer.Features.Symbols;
using OrbitLsp.LanguageServer.Lifecycle;
using OrbitLsp.LanguageServer.Protocol;
using OrbitLsp.LanguageServer.Transport;
using OrbitLsp.LanguageServer.Workspace;
using OrbitLsp.LanguageServer;
using Range = OrbitLsp.LanguageServer.Protocol.Range;

namespace OrbitLsp.Fuzz;

/// <summary>
/// One note through the language server's handlers, called as the connection calls them (params
/// in, result out as JSON), for a client of the case's kind; every answer judged against the text
/// as the client holds it (<see cref="LspText"/>):
/// ranges inside the text, edits that apply, fix-all that leaves no safe fix, formatting that
/// changes no card and is done in one go, typed versions whose diagnostics equal a fresh analysis.
/// </summary>
public sealed class ServerChecks
{
    private const string Uri = "file:///fuzz/note.md";
    private readonly Case _case;
    private readonly Client _client;
    private readonly Random _random;
    private readonly DocumentStore _documents = new();
    private readonly ServerState _state = new();
    private string _text;
    private int _version = 1;

    public ServerChecks(Case @case, string text, Client client, Random random)
    {
        _case = @case;
        _text = text;
        _client = client;
        _random = random;
        _state.Initialize(client.Initialize);
    }

    private PositionEncoder Encoder => _state.Encoder;

    private static TextDocumentIdentifier Doc => new(Uri);

    public void Run()
    {
        _documents.Open(new TextDocumentItem(Uri, "markdown", _version, _text), _ => RuleSettings.Default);
        var lsp = new LspText(_text, _client.Utf8);
        Step("diagnostics", () => Diagnostics(lsp, Snapshot));
        var tokensHandler = new SemanticTokensHandler(_documents, _state);
        var firstTokens = Step("semanticTokens/full", () => Json(tokensHandler.FullAsync(new SemanticTokensParams(Doc), default).Result));

        Step("typing", Typing);
        _case.TypedText = _text;
        if (Fuzzer.TypingOnly) return;
        lsp = new LspText(_text, _client.Utf8);
        _ = Snapshot.Analysis;

        if (firstTokens is { } first)
            Step("semanticTokens/full/delta", () => SemanticTokensDelta(lsp, tokensHandler, first));
        var offsets = InterestingOffsets(lsp);
        Step("hover", () => Hover(lsp, offsets));
        Step("codeAction", () => CodeActions(lsp, offsets));
        Step("fixAll", () => FixAll(lsp));
        Step("codeLens", () => CodeLens(lsp));
        Step("inlayHint", () => InlayHints(lsp));
        Step("semanticTokens/range", () => SemanticTokensRange(lsp, tokensHandler));
        Step("documentSymbol", () => Symbols(lsp));
        Step("foldingRange", () => Folding(lsp));
        Step("selectionRange", () => Selection(lsp, offsets));
        Step("completion", () => Completion(lsp, offsets));
        Step("formatting", () => Formatting(lsp));
        Step("executeCommand", () => Commands(lsp, offsets));
        Step("index", () => Index(lsp));
    }

    private DocumentSnapshot Snapshot => _documents.Get(Uri)!;

    private void Step(string check, Action action) => Step<object?>(check, () => { action(); return null; });

    private T? Step<T>(string check, Func<T> action)
    {
        var clock = Fuzzer.TraceSteps ? System.Diagnostics.Stopwatch.StartNew() : null;
        try
        {
            return action();
        }
        catch (Exception e)
        {
            _case.Fail(check, Describe(e));
            return default;
        }
        finally
        {
            if (clock is not null) Console.Error.Write($"[{check} {clock.ElapsedMilliseconds} ms] ");
        }
    }

    private static string Describe(Exception e)
    {
        while (e is AggregateException { InnerException: { } inner }) e = inner;
        string frame = e.StackTrace?.Split('\n').FirstOrDefault(l => l.Contains("OrbitLsp", StringComparison.Ordinal))?.Trim() ?? "";
        return $"{e.GetType().Name}: {e.Message} {frame}";
    }

    /// <summary>The server's options, with reflection after its generated contracts for the anonymous objects written here.</summary>
    private static readonly JsonSerializerOptions Reflecting = new(LspJson.Options)
    {
        TypeInfoResolver = System.Text.Json.Serialization.Metadata.JsonTypeInfoResolver.Combine(
            LspJson.Options.TypeInfoResolver, new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver()),
    };

    private static JsonElement Json(object? value) =>
        value is null ? JsonSerializer.SerializeToElement<object?>(null) : JsonSerializer.SerializeToElement(value, value.GetType(), Reflecting);

    private void Fail(string check, string detail) => _case.Fail(check, detail);

    private (int Start, int End)? RangeOk(string check, LspText lsp, JsonElement range)
    {
        var span = lsp.Span(range, out string? problem);
        if (span is null) Fail(check, problem!);
        return span;
    }

    private void PositionOk(string check, LspText lsp, JsonElement position)
    {
        if (lsp.Offset(position, out string? problem) is null) Fail(check, problem!);
    }

    private Position PositionAt(LspText lsp, int offset)
    {
        var (line, character) = lsp.Position(TypingEdits.Snap(lsp.Text, offset, back: true));
        return new Position(line, character);
    }

    private Range RangeOf(LspText lsp, int start, int end) => new(PositionAt(lsp, start), PositionAt(lsp, end));

    /// <summary>A random span of the text whose ends a position names.</summary>
    private (int Start, int End) RandomSpan()
    {
        int a = TypingEdits.Snap(_text, _random.Next(_text.Length + 1), back: true), b = TypingEdits.Snap(_text, _random.Next(_text.Length + 1), back: true);
        return (Math.Min(a, b), Math.Max(a, b));
    }

    // ---- diagnostics and typing ----

    private void Diagnostics(LspText lsp, DocumentSnapshot snapshot)
    {
        var items = Json(DiagnosticConverter.Convert(snapshot, Encoder, null));
        var core = snapshot.Diagnostics;
        if (items.GetArrayLength() != core.Length) Fail("diagnostics", $"{items.GetArrayLength()} diagnostics sent for {core.Length} found");
        int i = 0;
        foreach (var d in items.EnumerateArray())
        {
            // The range names the diagnostic's own span (out of a CRLF or a surrogate pair it starts or ends inside).
            if (RangeOk("diagnostics", lsp, d.GetProperty("range")) is { } span && i < core.Length)
            {
                var expected = (TypingEdits.Snap(_text, core[i].Span.Start, back: true), Core.Text.LineMap.Nameable(_text, core[i].Span.End, forward: true));
                if (span != expected) Fail("diagnostics", $"{core[i].Code} at {core[i].Span} is sent as {LspText.Show(d.GetProperty("range"))}");
            }
            i++;
            if (string.IsNullOrWhiteSpace(d.GetProperty("message").GetString())) Fail("diagnostics", $"{d.GetProperty("code")} has no message");
            if (d.TryGetProperty("relatedInformation", out var related))
                foreach (var r in related.EnumerateArray()) RangeOk("diagnostics.related", lsp, r.GetProperty("location").GetProperty("range"));
        }
    }

    /// <summary>One to four edits typed as an editor sends them; after each, the server's text and diagnostics are those of a fresh analysis.</summary>
    private void Typing()
    {
        int edits = _random.Next(1, 5);
        for (int i = 0; i < edits; i++)
        {
            var lsp = new LspText(_text, _client.Utf8);
            var changes = new List<TextDocumentContentChangeEvent>();
            string expected = _text;
            int batch = _random.Next(4) == 0 ? _random.Next(2, 4) : 1;
            var typed = new List<(int, int, string)>();
            _case.Typed.Add(typed);
            for (int b = 0; b < batch; b++)
            {
                var current = new LspText(expected, _client.Utf8);
                var (start, end, insert) = TypingEdits.Next(expected, _random);
                typed.Add((start, end, insert));
                changes.Add(new TextDocumentContentChangeEvent(insert, RangeOf(current, start, end)));
                expected = string.Concat(expected.AsSpan(0, start), insert, expected.AsSpan(end));
            }
            var after = _documents.Change(new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(Uri, ++_version), [.. changes]), Encoder);
            _text = expected;
            if (after is null || after.IsDiverged)
            {
                Fail("typing", $"the change was not applied: {after?.DivergedReason ?? "no document"}");
                return;
            }
            if (after.Text != expected)
            {
                Fail("typing", "the server's text differs from the client's after a change");
                return;
            }
            var published = Json(DiagnosticConverter.Convert(after, Encoder, null));
            var fresh = Json(DiagnosticConverter.Convert(new DocumentSnapshot(Uri, _version, expected, RuleSettings.Default, 0), Encoder, null));
            if (!JsonNode.DeepEquals(JsonNode.Parse(published.GetRawText()), JsonNode.Parse(fresh.GetRawText())))
            {
                Fail("typing", $"the diagnostics of a typed version differ from a fresh analysis (edit {i + 1}, {Shortcut(after)}): {FirstDifference(published, fresh)}");
                return;
            }
            if (!ReferenceEquals(after.ProseSource, after) && FromBasisDiffers(after, typed[^1].Item1) is { } feature)
            {
                Fail("typing", $"{feature} of a prose edit, answered from the version it was typed on, differ from a fresh analysis's (edit {i + 1})");
                return;
            }
            if (after.EditedBlock is not null) _case.Note("typing: a block edit answered from its block read again");
            if (after.EditedBlock is not null && FromBlockEditDiffers(after) is { } blockFeature)
            {
                Fail("typing", $"{blockFeature} of a block edit, answered from its block read again, differ from a fresh analysis's (edit {i + 1})");
                return;
            }
        }
    }

    /// <summary>
    /// What a prose edit answers from its basis (<see cref="DocumentSnapshot.ProseSource"/>) against
    /// a fresh analysis of its text: the name of the first feature that differs, or null.
    /// </summary>
    private string? FromBasisDiffers(DocumentSnapshot typed, int editedAt)
    {
        var source = typed.ProseSource;
        var fresh = new DocumentSnapshot(Uri, typed.Version, typed.Text, RuleSettings.Default, 0);
        // Compared as the JSON the client would get (lone surrogate halves escaped, as on the wire).
        bool Same<T>(Func<DocumentSnapshot, T> feature) => Json(feature(source)).GetRawText() == Json(feature(fresh)).GetRawText();
        var lsp = new LspText(typed.Text, _client.Utf8);
        var whole = RangeOf(lsp, 0, typed.TextLength);
        var (line, character) = lsp.Position(TypingEdits.Snap(typed.Text, Math.Min(editedAt, typed.TextLength), back: true));
        var edited = new Range(new Position(line, 0), new Position(line, character + 1));
        if (!Same(s => SemanticTokensHandler.Encode(s, s.Analysis, Encoder, null))) return "the semantic tokens";
        if (!Same(s => SemanticTokensHandler.Encode(s, s.Analysis, Encoder, edited))) return "the semantic tokens of the edited line";
        if (!Same(s => CodeLensHandler.For(s, s.Analysis, Encoder, null))) return "the code lenses";
        if (!Same(s => FoldingRangeHandler.For(s, s.Analysis, collapsedText: true))) return "the folding ranges";
        if (!Same(s => DocumentSymbolHandler.For(s, s.Analysis, Encoder, hierarchical: true))) return "the symbols";
        if (!Same(s => InlayHintHandler.For(s, s.Analysis, Encoder, whole))) return "the inlay hints";
        foreach (var range in new[] { edited, whole })
            if (!Same(s => CodeActionHandler.At(typed, s, s.Analysis, range, null, _state).ToArray())) return "the code actions";
        foreach (var position in new[] { edited.Start, new Position(line, character), new Position(lsp.LineCount / 2, 3) })
            if (!Same(s => HoverHandler.At(s.Analysis, Encoder, position, markdown: true)?.Hover.Text)) return "the hovers";
        return null;
    }

    /// <summary>
    /// What a block edit answers from its basis and its block read again (<see cref="DocumentSnapshot.EditedBlock"/>)
    /// against a fresh analysis of its text: the name of the first feature that differs, or null.
    /// </summary>
    private string? FromBlockEditDiffers(DocumentSnapshot typed)
    {
        var fresh = new DocumentSnapshot(Uri, typed.Version, typed.Text, RuleSettings.Default, 0);
        bool Same<T>(T? quick, Func<T> expected) where T : class => quick is null || Json(quick).GetRawText() == Json(expected()).GetRawText();
        var whole = RangeOf(new LspText(typed.Text, _client.Utf8), 0, typed.TextLength);
        if (!Same(SemanticTokensHandler.FromBlockEdit(typed, Encoder, (s, a) => SemanticTokensHandler.Encode(s, a, Encoder, null))?.ToArray(),
            () => SemanticTokensHandler.Encode(fresh, fresh.Analysis, Encoder, null))) return "the semantic tokens";
        if (!Same(FoldingRangeHandler.FromBlockEdit(typed, collapsedText: true), () => FoldingRangeHandler.For(fresh, fresh.Analysis, collapsedText: true))) return "the folding ranges";
        foreach (bool hierarchical in new[] { true, false })
            if (!Same(DocumentSymbolHandler.FromBlockEdit(typed, Encoder, hierarchical), () => DocumentSymbolHandler.For(fresh, fresh.Analysis, Encoder, hierarchical))) return "the symbols";
        if (!Same(InlayHintHandler.FromBlockEdit(typed, Encoder, whole), () => InlayHintHandler.For(fresh, fresh.Analysis, Encoder, whole))) return "the inlay hints";
        return null;
    }

    /// <summary>Which typing shortcut made a version's diagnostics.</summary>
    private static string Shortcut(DocumentSnapshot snapshot) =>
        snapshot.BlockEdit is not null ? "block edit" : snapshot.IsTypedOnBasis ? "prose edit" : "analysed";

    /// <summary>The first diagnostic that is not the same in both lists, as each list has it.</summary>
    private static string FirstDifference(JsonElement published, JsonElement fresh)
    {
        static string Show(JsonElement d) =>
            $"{d.GetProperty("code")} {LspText.Show(d.GetProperty("range"))} \"{d.GetProperty("message").GetString()}\"";
        var a = published.EnumerateArray().ToList();
        var b = fresh.EnumerateArray().ToList();
        for (int i = 0; i < Math.Max(a.Count, b.Count); i++)
        {
            if (i < a.Count && i < b.Count && JsonNode.DeepEquals(JsonNode.Parse(a[i].GetRawText()), JsonNode.Parse(b[i].GetRawText()))) continue;
            return $"{a.Count} published, {b.Count} fresh; #{i}: published {(i < a.Count ? Show(a[i]) : "none")}, fresh {(i < b.Count ? Show(b[i]) : "none")}";
        }
        return "same items, different lists";
    }

    // ---- features ----

    /// <summary>Where requests are made: line starts and ends, the edges of every diagnostic, tags and odd characters, and random places.</summary>
    private List<int> InterestingOffsets(LspText lsp)
    {
        string text = _text;
        var set = new HashSet<int> { 0, text.Length };
        foreach (var d in Snapshot.Analysis.Diagnostics)
        {
            set.Add(d.Span.Start);
            set.Add(d.Span.End);
            set.Add(d.Span.Start + d.Span.Length / 2);
        }
        foreach (var block in Snapshot.Analysis.Document.Blocks)
        {
            set.Add(block.Span.Start);
            set.Add(block.Span.End);
            set.Add(block.InnerSpan.Start);
            foreach (var p in block.Prompts.Take(8)) set.Add(p.Span.Start + 1);
        }
        int scan = Math.Min(text.Length, 20_000);
        for (int i = 0; i < scan; i++)
        {
            if (text[i] is '{' or '}' or '<' or '>' or '%' or '"' or '=' or '\r' or '\n' or '\t' or '\u00A0' or '*' or '$' or '`' || char.IsSurrogate(text[i]))
            {
                set.Add(i);
                set.Add(i + 1);
            }
        }
        for (int i = 0; i < 16; i++) set.Add(_random.Next(text.Length + 1));
        // Only places a position names: not inside a CRLF or a surrogate pair.
        var all = set.Where(o => o >= 0 && o <= text.Length).Select(o => TypingEdits.Snap(text, o, back: true)).Distinct().Order().ToList();
        int cap = text.Length > 100_000 ? 24 : 160;
        if (all.Count <= cap) return all;
        // An even sample, so that no part of a long note is left out.
        return [.. Enumerable.Range(0, cap).Select(i => all[(int)((long)i * all.Count / cap)]).Distinct()];
    }

    private void Hover(LspText lsp, List<int> offsets)
    {
        var handler = new HoverHandler(_documents, _state);
        foreach (int offset in offsets)
        {
            var at = PositionAt(lsp, offset);
            var hover = Json(handler.HandleAsync(new TextDocumentPositionParams(Doc, at), default).Result);
            if (hover.ValueKind == JsonValueKind.Null) continue;
            if (hover.GetProperty("contents").GetProperty("value").GetString() is not { Length: > 0 })
                Fail("hover", $"an empty hover at {at.Line}:{at.Character}");
            if (hover.TryGetProperty("range", out var range) && RangeOk("hover", lsp, range) is { } span)
            {
                int requested = lsp.Offset(at.Line, at.Character, out _) ?? offset;
                if (requested < span.Start || requested > span.End)
                    Fail("hover", $"the hover range {LspText.Show(range)} does not hold the position {at.Line}:{at.Character}");
            }
        }
    }

    private JsonElement CodeActionsAt(Range range, string[]? only) =>
        Json(new CodeActionHandler(_documents, _state).HandleAsync(new CodeActionParams(Doc, range, new CodeActionContext([], only)), default).Result);

    /// <summary>The edits of a workspace edit for this note, with the version they were made for.</summary>
    private JsonElement? EditsOf(string check, JsonElement workspaceEdit)
    {
        if (workspaceEdit.TryGetProperty("documentChanges", out var changes))
        {
            var change = changes.EnumerateArray().Single();
            if (change.GetProperty("textDocument").GetProperty("uri").GetString() != Uri) Fail(check, "an edit of another document");
            if (change.GetProperty("textDocument").GetProperty("version").GetInt32() != _version) Fail(check, "an edit of another version");
            return change.GetProperty("edits");
        }
        if (workspaceEdit.TryGetProperty("changes", out var byUri)) return byUri.GetProperty(Uri);
        Fail(check, "a workspace edit with neither documentChanges nor changes");
        return null;
    }

    private void CodeActions(LspText lsp, List<int> offsets)
    {
        var ranges = new List<Range>();
        foreach (var d in Snapshot.Analysis.Diagnostics.Take(20)) ranges.Add(RangeOf(lsp, d.Span.Start, d.Span.End));
        foreach (int offset in offsets.Where((_, i) => i % 8 == 0)) ranges.Add(RangeOf(lsp, offset, offset));
        ranges.Add(RangeOf(lsp, 0, _text.Length));
        int applied = 0;
        foreach (var range in ranges)
        {
            foreach (var action in CodeActionsAt(range, null).EnumerateArray())
            {
                string title = action.GetProperty("title").GetString()!;
                if (!action.TryGetProperty("edit", out var edit)) continue;
                if (EditsOf("codeAction", edit) is not { } edits) continue;
                string? result = lsp.Apply(edits, out string? problem);
                if (result is null) Fail("codeAction", $"'{title}': {problem}");
                // A few fixed notes are analysed again: a fix must never leave text the server cannot read.
                else if (applied++ < 4) _ = NoteAnalyzer.Analyze(result);
            }
        }
    }

    /// <summary>
    /// source.fixAll.orbitlsp, resolved when the client resolves edits: applying it leaves no safe
    /// fix, so a second fix-all offers nothing (applying it twice is applying it once).
    /// </summary>
    private void FixAll(LspText lsp)
    {
        var all = RangeOf(lsp, 0, _text.Length);
        var action = CodeActionsAt(all, [CodeActionKinds.SourceFixAllOrbit]).EnumerateArray().SingleOrDefault();
        if (action.ValueKind == JsonValueKind.Undefined) return;
        if (!action.TryGetProperty("edit", out var edit))
        {
            var resolved = new CodeActionHandler(_documents, _state).ResolveAsync(action.Deserialize<CodeAction>(LspJson.Options)!, default).Result;
            edit = Json(resolved).GetProperty("edit");
        }
        if (EditsOf("fixAll", edit) is not { } edits) return;
        string? fixedText = lsp.Apply(edits, out string? problem);
        if (fixedText is null)
        {
            Fail("fixAll", problem!);
            return;
        }
        // The client's text after the edits is the text the core's fix-all makes.
        string expected = TextEdits.Apply(_text, CodeFixes.FixAll(Snapshot.Analysis, out bool complete));
        if (fixedText != expected)
        {
            int at = Diverge(fixedText, expected);
            Fail("fixAll", $"the client's text after the fix-all edits differs from the fixed text at offset {at}: " +
                $"{JsonSerializer.Serialize(fixedText.Substring(at, Math.Min(20, fixedText.Length - at)))} for {JsonSerializer.Serialize(expected.Substring(at, Math.Min(20, expected.Length - at)))}");
        }
        // NOTE: the contract holds when fix-all finished; it stops after CodeFixes.MaxRounds rounds
        // (blocks left open inside each other are closed one a round), which some cases reach.
        if (!complete)
        {
            _case.Note("fix-all stopped at its round limit");
            return;
        }
        var after = NoteAnalyzer.Analyze(fixedText);
        if (CodeFixes.FixAll(after) is { Count: > 0 } again)
            Fail("fixAll", $"a second fix-all still changes the note ({again.Count} edits): fix-all is not idempotent");
        foreach (var d in after.Diagnostics)
            if (CodeFixes.For(after, d.Span).FirstOrDefault(f => f.IsSafe && f.DiagnosticCode == d.Code) is { } safe)
                Fail("fixAll", $"{d.Code} still has a safe fix after fix-all: {safe.Title}");
    }

    private static int Diverge(string a, string b)
    {
        int i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i]) i++;
        return i;
    }

    private void CodeLens(LspText lsp)
    {
        foreach (var lens in Json(new CodeLensHandler(_documents, _state).HandleAsync(new CodeLensParams(Doc), default).Result).EnumerateArray())
        {
            RangeOk("codeLens", lsp, lens.GetProperty("range"));
            var argument = lens.GetProperty("command").GetProperty("arguments")[0];
            PositionOk("codeLens", lsp, argument.GetProperty("position"));
        }
    }

    private void InlayHints(LspText lsp)
    {
        var handler = new InlayHintHandler(_documents, _state);
        var (a, b) = RandomSpan();
        foreach (var (start, end) in new[] { (0, _text.Length), (a, b) })
        {
            foreach (var hint in Json(handler.HandleAsync(new InlayHintParams(Doc, RangeOf(lsp, start, end)), default).Result).EnumerateArray())
            {
                if (lsp.Offset(hint.GetProperty("position"), out string? problem) is not { } at) Fail("inlayHint", problem!);
                else if (at < lsp.Offset(lsp.Position(start).Line, 0, out _) || at > end) Fail("inlayHint", $"a hint at offset {at} outside the range {start}-{end}");
            }
        }
    }

    /// <summary>The tokens of an encoded result: line, start character, length, type, modifiers.</summary>
    private List<(int Line, int Start, int Length)>? DecodeTokens(string check, LspText lsp, JsonElement data)
    {
        var tokens = new List<(int, int, int)>();
        int line = 0, start = 0;
        var values = data.EnumerateArray().Select(v => v.GetInt32()).ToArray();
        if (values.Length % 5 != 0)
        {
            Fail(check, "token data is not a multiple of five");
            return null;
        }
        int types = Core.Ide.SemanticTokenLegend.TokenTypes.Count, modifiers = Core.Ide.SemanticTokenLegend.TokenModifiers.Count;
        (int Line, int End) previous = (-1, 0);
        for (int i = 0; i < values.Length; i += 5)
        {
            if (values[i] < 0 || (values[i] == 0 && values[i + 1] < 0 && i > 0)) Fail(check, "a token before the one before it");
            line += values[i];
            start = values[i] == 0 && i > 0 ? start + values[i + 1] : values[i + 1];
            int length = values[i + 2];
            if (length <= 0) Fail(check, $"a token of length {length} at {line}:{start}");
            if (values[i + 3] < 0 || values[i + 3] >= types || values[i + 4] < 0 || values[i + 4] >= 1 << modifiers)
                Fail(check, $"a token of unknown type or modifiers at {line}:{start}");
            if (lsp.Offset(line, start, out string? problem) is null || lsp.Offset(line, start + length, out problem) is null)
                Fail(check, $"token {line}:{start}+{length}: {problem}");
            if (line == previous.Line && start < previous.End) Fail(check, $"tokens overlap at {line}:{start}");
            previous = (line, start + length);
            tokens.Add((line, start, length));
        }
        return tokens;
    }

    private void SemanticTokensDelta(LspText lsp, SemanticTokensHandler handler, JsonElement first)
    {
        // The delta against the result of the version before the typing, applied as a client does, is the full result of this one.
        var delta = Json(handler.DeltaAsync(new SemanticTokensDeltaParams(Doc, first.GetProperty("resultId").GetString()!), default).Result);
        var full = Json(handler.FullAsync(new SemanticTokensParams(Doc), default).Result);
        DecodeTokens("semanticTokens/full", lsp, full.GetProperty("data"));
        int[] data;
        if (delta.TryGetProperty("edits", out var edits))
        {
            var list = first.GetProperty("data").EnumerateArray().Select(v => v.GetInt32()).ToList();
            foreach (var edit in edits.EnumerateArray().OrderByDescending(e => e.GetProperty("start").GetInt32()))
            {
                int start = edit.GetProperty("start").GetInt32(), count = edit.GetProperty("deleteCount").GetInt32();
                if (start < 0 || count < 0 || start + count > list.Count)
                {
                    Fail("semanticTokens/full/delta", $"an edit {start}+{count} outside the previous {list.Count} values");
                    return;
                }
                list.RemoveRange(start, count);
                if (edit.TryGetProperty("data", out var inserted)) list.InsertRange(start, inserted.EnumerateArray().Select(v => v.GetInt32()));
            }
            data = [.. list];
        }
        else data = [.. delta.GetProperty("data").EnumerateArray().Select(v => v.GetInt32())];
        if (!data.SequenceEqual(full.GetProperty("data").EnumerateArray().Select(v => v.GetInt32())))
            Fail("semanticTokens/full/delta", "the delta applied to the previous result is not the full result");
    }

    private void SemanticTokensRange(LspText lsp, SemanticTokensHandler handler)
    {
        var (a, b) = RandomSpan();
        var range = RangeOf(lsp, a, b);
        var result = Json(handler.RangeAsync(new SemanticTokensRangeParams(Doc, range), default).Result);
        var inRange = DecodeTokens("semanticTokens/range", lsp, result.GetProperty("data"));
        var full = DecodeTokens("semanticTokens/full", lsp, Json(handler.FullAsync(new SemanticTokensParams(Doc), default).Result).GetProperty("data"));
        if (inRange is null || full is null) return;
        var known = full.ToHashSet();
        foreach (var token in inRange)
            if (!known.Contains(token)) Fail("semanticTokens/range", $"a token at {token.Line}:{token.Start} that the full result does not have");
    }

    private void Symbols(LspText lsp)
    {
        var result = Json(new DocumentSymbolHandler(_documents, _state).HandleAsync(new DocumentParams(Doc), default).Result);
        void Check(JsonElement symbol, (int Start, int End)? parent)
        {
            if (symbol.TryGetProperty("location", out var location))
            {
                RangeOk("documentSymbol", lsp, location.GetProperty("range"));
                return;
            }
            if (string.IsNullOrEmpty(symbol.GetProperty("name").GetString())) Fail("documentSymbol", "a symbol without a name");
            var range = RangeOk("documentSymbol", lsp, symbol.GetProperty("range"));
            var selection = RangeOk("documentSymbol", lsp, symbol.GetProperty("selectionRange"));
            if (range is { } r && selection is { } s && (s.Start < r.Start || s.End > r.End)) Fail("documentSymbol", "a selection range outside its symbol's range");
            if (range is { } own && parent is { } p && (own.Start < p.Start || own.End > p.End)) Fail("documentSymbol", "a child outside its parent");
            if (symbol.TryGetProperty("children", out var children))
                foreach (var child in children.EnumerateArray()) Check(child, range);
        }
        foreach (var symbol in result.EnumerateArray()) Check(symbol, null);
    }

    private void Folding(LspText lsp)
    {
        foreach (var f in Json(new FoldingRangeHandler(_documents, _state).HandleAsync(new DocumentParams(Doc), default).Result).EnumerateArray())
        {
            int start = f.GetProperty("startLine").GetInt32(), end = f.GetProperty("endLine").GetInt32();
            if (start < 0 || end < start || end >= lsp.LineCount) Fail("foldingRange", $"lines {start}-{end} of {lsp.LineCount}");
        }
    }

    private void Selection(LspText lsp, List<int> offsets)
    {
        var positions = offsets.Where((_, i) => i % 3 == 0).Select(o => PositionAt(lsp, o)).ToArray();
        var result = Json(new SelectionRangeHandler(_documents, _state).HandleAsync(new SelectionRangeParams(Doc, positions), default).Result);
        if (result.GetArrayLength() != positions.Length) Fail("selectionRange", "not one answer per position");
        int i = 0;
        foreach (var selection in result.EnumerateArray())
        {
            int at = lsp.Offset(positions[i].Line, positions[i].Character, out _) ?? 0;
            i++;
            (int Start, int End)? inner = null;
            for (var s = selection; s.ValueKind == JsonValueKind.Object; s = s.TryGetProperty("parent", out var p) ? p : default)
            {
                if (RangeOk("selectionRange", lsp, s.GetProperty("range")) is not { } span) break;
                if (at < span.Start || at > span.End) Fail("selectionRange", $"a range {LspText.Show(s.GetProperty("range"))} that does not hold its position {positions[i - 1].Line}:{positions[i - 1].Character}");
                if (inner is { } c && (c.Start < span.Start || c.End > span.End)) Fail("selectionRange", "a parent that does not hold its child");
                inner = span;
            }
        }
    }

    private void Completion(LspText lsp, List<int> offsets)
    {
        var handler = new CompletionHandler(_documents, _state);
        string[] triggers = [.. Core.Ide.Completion.TriggerCharacters];
        foreach (int offset in offsets.Where((_, i) => i % 4 == 1))
        {
            var at = PositionAt(lsp, offset);
            var context = _random.Next(3) == 0 ? new CompletionContext(1) : new CompletionContext(2, triggers[_random.Next(triggers.Length)]);
            var list = Json(handler.HandleAsync(new CompletionParams(Doc, at, context), default).Result);
            int requested = lsp.Offset(at.Line, at.Character, out _) ?? offset;
            foreach (var item in list.GetProperty("items").EnumerateArray())
            {
                if (!item.TryGetProperty("textEdit", out var edit)) continue;
                var range = edit.GetProperty("range");
                if (RangeOk("completion", lsp, range) is not { } span) continue;
                if (range.GetProperty("start").GetProperty("line").GetInt32() != range.GetProperty("end").GetProperty("line").GetInt32())
                    Fail("completion", $"'{item.GetProperty("label")}' edits more than one line: {LspText.Show(range)}");
                if (requested < span.Start || requested > span.End)
                    Fail("completion", $"'{item.GetProperty("label")}' edits {LspText.Show(range)}, which does not hold the position {at.Line}:{at.Character}");
            }
        }
    }

    /// <summary>Formatting edits apply, change no card, and leave nothing for a second format to do.</summary>
    private void Formatting(LspText lsp)
    {
        var handler = new FormattingHandler(_documents, _state);
        var options = new FormattingOptions(4, true, true, _random.Next(2) == 0, _random.Next(2) == 0);
        var whole = Json(handler.DocumentAsync(new DocumentFormattingParams(Doc, options), default).Result);
        var (a, b) = RandomSpan();
        var range = RangeOf(lsp, a, b);
        var part = Json(handler.RangeAsync(new DocumentRangeFormattingParams(Doc, range, options), default).Result);
        var cards = Cards(Snapshot.Analysis);
        foreach (var (kind, edits) in new[] { ("whole", whole), ("range", part) })
        {
            if (edits.GetArrayLength() == 0) continue;
            if (lsp.Apply(edits, out string? problem) is not { } formatted)
            {
                Fail("formatting", $"{kind}: {problem}");
                continue;
            }
            var after = NoteAnalyzer.Analyze(formatted);
            if (!cards.SequenceEqual(Cards(after))) Fail("formatting", $"a {kind} format changes the cards");
            if (kind == "whole" && Core.Ide.Formatter.Format(after, null, new Core.Ide.FinalNewlines(options.InsertFinalNewline == true, options.TrimFinalNewlines == true)).Length > 0)
                Fail("formatting", "a second format of the whole note still changes it");
        }
    }

    private static List<string> Cards(NoteAnalysis analysis) =>
        [.. CardExtractor.Extract(analysis).Select(c => $"{c.Question}\u0001{c.Answer}\u0001{c.Color}\u0001{c.Hidden}")];

    /// <summary>orbit.previewReview and orbit.previewReviewHtml for the note and for each block, orbit.showProblems at each block.</summary>
    private void Commands(LspText lsp, List<int> offsets)
    {
        // No workspace folders: the review commands see the open note alone.
        var index = new WorkspaceIndex(_documents, _state, Settings, Channel, Serilog.Core.Logger.None, new LanguageServerOptions());
        var handler = new ExecuteCommandHandler(_documents, _state, Settings, new ShowProblems(_documents, _state, Settings, Channel),
            new ReviewCommands(_documents, _state, Settings, index, new ReviewService(index, Settings, Channel, Serilog.Core.Logger.None)));
        JsonElement Run(string command, object argument) =>
            Json(handler.HandleAsync(new ExecuteCommandParams(command, [JsonSerializer.SerializeToElement(argument, Reflecting)]), default).Result);
        void CheckCards(JsonElement preview)
        {
            foreach (var card in preview.GetProperty("cards").EnumerateArray()) RangeOk("executeCommand", lsp, card.GetProperty("range"));
        }
        CheckCards(Run(ExecuteCommandHandler.PreviewReview, new { uri = Uri }));
        if (Run(ExecuteCommandHandler.PreviewReviewHtml, new { uri = Uri }).GetProperty("html").GetString() is not { } page || !page.Contains("</html>", StringComparison.Ordinal))
            Fail("executeCommand", "the review page is not a whole page");
        var analysis = Snapshot.Analysis;
        foreach (var (_, block) in CardExtractor.PublishedBlocks(analysis.Document).Take(4))
        {
            var at = PositionAt(lsp, block.Span.Start);
            CheckCards(Run(ExecuteCommandHandler.PreviewReview, new { uri = Uri, position = at }));
            foreach (var problem in Run(ExecuteCommandHandler.ShowProblems, new { uri = Uri, position = at }).GetProperty("problems").EnumerateArray())
                RangeOk("executeCommand", lsp, problem.GetProperty("range"));
        }
    }

    private static readonly LspRpc Unconnected = new(new StreamJsonRpc.HeaderDelimitedMessageHandler(Stream.Null, Stream.Null, LspConnection.NewFormatter()));

    /// <summary>A channel to no client: this client shows no documents and is sent nothing the checks need.</summary>
    private static ClientChannel Channel { get; } = new(Unconnected);

    private SettingsService Settings => _settings ??= new SettingsService(_state, Channel, Serilog.Core.Logger.None);

    private SettingsService? _settings;

    [ThreadStatic] private static Workspace.NoteIndex? t_index, t_utf8Index;

    /// <summary>What the workspace index keeps of the note (closed-note diagnostics, questions for workspace symbols) lies inside the text.</summary>
    private void Index(LspText lsp)
    {
        // One index a thread and encoding: an index holds native memory, given back by a finalizer.
        var index = _client.Utf8 ? (t_utf8Index ??= new Workspace.NoteIndex(rangeOf: LanguageServer.Workspace.WorkspaceIndex.Utf8Range)) : (t_index ??= new Workspace.NoteIndex());
        var entry = index.Compute("/fuzz/note.md", Snapshot.Analysis);
        try
        {
            foreach (var d in entry.Diagnostics) RangeOk("index", lsp, Json(new Range(new(d.Range.Start.Line, d.Range.Start.Character), new(d.Range.End.Line, d.Range.End.Character))));
            for (int i = 0; i < entry.Questions.Count; i++)
            {
                var q = entry.Questions[i];
                RangeOk("workspaceSymbol", lsp, Json(new Range(new(q.Range.Start.Line, q.Range.Start.Character), new(q.Range.End.Line, q.Range.End.Character))));
            }
            string query = entry.Questions.Count > 0 ? entry.Questions[0].Question[..Math.Min(3, entry.Questions[0].Question.Length)] : "a";
            _ = Core.Ide.WorkspaceSymbols.Match([("/fuzz/note.md", entry.Questions)], query);
        }
        finally
        {
            entry.Questions.Dispose();
        }
    }
}
