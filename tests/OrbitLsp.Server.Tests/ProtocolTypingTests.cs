using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using OrbitLsp.Core.Analysis;
using OrbitLsp.Core.Diagnostics;
using OrbitLsp.Fuzz;
using OrbitLsp.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace OrbitLsp.Server.Tests;

/// <summary>
/// Typing equivalence over the protocol: random edit sequences sent as JSON-RPC to the real
/// server (in-process over a duplex stream, through its message handler), by clients that push
/// or pull and count in UTF-16 or UTF-8. Each sequence starts from a note of the repository's
/// fixtures and examples or of the suites' generators (mutated now and then, cut to a window),
/// sent as a full-text change; then keystrokes (words typed character by character, backspaces,
/// Enter) and random edits (inserts, deletions, replacements, pastes; CRLF and lone CR; surrogate
/// pairs, lone halves and edits beside them; tags), some batched several to a didChange. After
/// each sequence the diagnostics the client holds for its last version must be those of a fresh
/// analysis of the client's own text, placed by the client's own line map (<see cref="LspText"/>,
/// written apart from the server's).
/// </summary>
/// <remarks>
/// Another seed or more sequences: <c>ORBITLSP_TYPING_SEED=7 ORBITLSP_TYPING_SEQUENCES=100000
/// dotnet test tests/OrbitLsp.Server.Tests --filter ProtocolTypingTests</c>; one sequence alone:
/// <c>ORBITLSP_TYPING_SEQUENCE=N</c> (a failure names it).
/// </remarks>
public sealed class ProtocolTypingTests(ITestOutputHelper output)
{
    /// <summary>The longest note a sequence starts from: longer ones are cut to a window of their lines.</summary>
    private const int MaxChars = 2_000;

    private const string Uri = "file:///notes/typed.md";

    [Fact]
    public async Task Random_edit_sequences_over_the_protocol_end_with_the_diagnostics_of_a_fresh_analysis()
    {
        int seed = Setting("ORBITLSP_TYPING_SEED", 13);
        int sequences = Setting("ORBITLSP_TYPING_SEQUENCES", 10_000);
        int only = Setting("ORBITLSP_TYPING_SEQUENCE", -1);
        var seeds = Seeds.Load(RepoRoot());
        var lanes = new Lane[]
        {
            new("push, UTF-16", pull: false, utf8: false),
            new("pull, UTF-16", pull: true, utf8: false),
            new("push, UTF-8", pull: false, utf8: true),
            new("pull, UTF-8", pull: true, utf8: true),
        };
        var clock = Stopwatch.StartNew();
        try
        {
            await Task.WhenAll(lanes.Select(l => l.StartAsync()));
            await Task.WhenAll(lanes.Select((lane, l) => Task.Run(async () =>
            {
                for (int i = l; i < sequences; i += lanes.Length)
                {
                    if (only >= 0 && i != only) continue;
                    if (lane.Failures.Count > 0) break;
                    await lane.RunAsync(seeds, seed, i);
                }
            })));
        }
        finally
        {
            foreach (var lane in lanes) await lane.DisposeAsync();
        }
        clock.Stop();

        var failures = lanes.SelectMany(l => l.Failures).ToList();
        Assert.True(failures.Count == 0, $"{failures.Count} sequences differ; replay one with ORBITLSP_TYPING_SEED={seed} ORBITLSP_TYPING_SEQUENCE=N.\n" +
            string.Join("\n\n", failures.Take(3)));

        var counts = new Counts();
        foreach (var lane in lanes) counts.Add(lane.Counts);
        output.WriteLine($"seed {seed}: {counts.Sequences:N0} sequences, {counts.Changes:N0} didChange ({counts.Edits:N0} edits, {counts.Batched:N0} batched several to a change), " +
            $"{counts.Characters / 1e6:F1} M characters of notes, in {clock.Elapsed.TotalSeconds:F0} s");
        output.WriteLine($"edits: {counts.Keystrokes:N0} keystrokes, {counts.Random:N0} random; {counts.LineBreaks:N0} with a CRLF or lone CR, " +
            $"{counts.Surrogates:N0} with or beside a surrogate; {counts.Pulls:N0} pulls ({counts.Unchanged:N0} answered unchanged), {counts.Pushes:N0} versions pushed");
        if (only < 0 && sequences >= 1_000)
        {
            // What the sequences are meant to hold, so that a change to them cannot quietly leave it out.
            Assert.True(counts.Batched > sequences / 10 && counts.LineBreaks > sequences / 10 && counts.Surrogates > sequences / 20
                && counts.Keystrokes > sequences && counts.Unchanged > 0, $"the sequences lack a kind of edit: {JsonSerializer.Serialize(counts)}");
        }
    }

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) ? value : fallback;

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "OrbitLsp.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("The tests run inside the repository.");
    }

    /// <summary>What the sequences held, to say what was tested.</summary>
    public sealed class Counts
    {
        public long Sequences { get; set; }
        public long Changes { get; set; }
        public long Edits { get; set; }
        public long Batched { get; set; }
        public long Keystrokes { get; set; }
        public long Random { get; set; }
        public long LineBreaks { get; set; }
        public long Surrogates { get; set; }
        public long Pulls { get; set; }
        public long Unchanged { get; set; }
        public long Pushes { get; set; }
        public long Characters { get; set; }

        public void Add(Counts o)
        {
            Sequences += o.Sequences; Changes += o.Changes; Edits += o.Edits; Batched += o.Batched; Keystrokes += o.Keystrokes; Random += o.Random;
            LineBreaks += o.LineBreaks; Surrogates += o.Surrogates; Pulls += o.Pulls; Unchanged += o.Unchanged; Pushes += o.Pushes; Characters += o.Characters;
        }
    }

    /// <summary>One server and one client of one kind, typing into one note, sequence after sequence.</summary>
    private sealed class Lane(string name, bool pull, bool utf8) : IAsyncDisposable
    {
        private TestServer? _server;
        private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonElement>> _published = new();
        private int _version;
        private string _text = "";
        private string? _resultId;
        private JsonElement _lastItems;

        public List<string> Failures { get; } = [];

        public Counts Counts { get; } = new();

        public async Task StartAsync()
        {
            _server = TestServer.InProcess();
            var client = _server.Client;
            client.KeepNotifications = false;
            client.NotificationReceived += (method, p) =>
            {
                if (method != "textDocument/publishDiagnostics" || p.GetProperty("uri").GetString() != Uri || !p.TryGetProperty("version", out var v)) return;
                _published.GetOrAdd(v.GetInt32(), _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(p.GetProperty("diagnostics"));
            };
            object capabilities = (pull, utf8) switch
            {
                (false, false) => Capabilities.Push,
                (true, false) => Capabilities.Pull,
                (false, true) => Capabilities.Utf8,
                (true, true) => new
                {
                    general = new { positionEncodings = new[] { "utf-8", "utf-16" } },
                    textDocument = new { diagnostic = new { dynamicRegistration = false } },
                },
            };
            var result = await client.InitializeAsync(capabilities);
            string encoding = result.GetProperty("capabilities").TryGetProperty("positionEncoding", out var e) ? e.GetString()! : "utf-16";
            Assert.Equal(utf8 ? "utf-8" : "utf-16", encoding);
            await SendAsync("textDocument/didOpen", $$"""{"textDocument":{"uri":"{{Uri}}","languageId":"markdown","version":{{++_version}},"text":""}""" + "}");
        }

        public async Task RunAsync(Seeds seeds, int seed, int sequence)
        {
            var random = new Random(unchecked(seed * 1_000_003 + sequence * 7919));
            var (origin, note) = Note(seeds, random);
            Counts.Sequences++;
            Counts.Characters += note.Length;
            var log = new StringBuilder();
            // The note arrives whole, as a paste over everything, and is checked once it is read:
            // the keystrokes then start from an analysed version, as when an author starts typing.
            _text = note;
            await SendAsync("textDocument/didChange", $$"""{"textDocument":{"uri":"{{Uri}}","version":{{++_version}}},"contentChanges":[{"text":{{Json(note)}}}]}""");
            if (!await CheckAsync(sequence, origin, note, log)) return;
            // Pulled again with nothing changed: "unchanged", and the client keeps what it has.
            if (pull && random.Next(8) == 0 && !await CheckAsync(sequence, origin, note, log)) return;

            int steps = random.Next(1, 5);
            for (int s = 0; s < steps; s++)
            {
                if (random.Next(2) == 0) await TypeAsync(random, log);
                else await RandomChangeAsync(random, log);
            }
            await CheckAsync(sequence, origin, note, log);
        }

        /// <summary>A seed note, mutated now and then, cut to at most <see cref="MaxChars"/> at line starts.</summary>
        private static (string Origin, string Text) Note(Seeds seeds, Random random)
        {
            var (origin, text) = seeds.Pick(random);
            if (random.Next(3) == 0) (text, _) = Mutations.Apply(text, random, seeds);
            if (text.Length > MaxChars)
            {
                int start = random.Next(text.Length - MaxChars);
                start = text.LastIndexOf('\n', start) + 1;
                text = text.Substring(start, Math.Min(MaxChars, text.Length - start));
                origin += $" from {start}";
            }
            return (origin, text);
        }

        /// <summary>A word typed at one place, one keystroke a change, with a backspace or an Enter now and then.</summary>
        private async Task TypeAsync(Random random, StringBuilder log)
        {
            int at = Snap(_text, random.Next(_text.Length + 1), back: true);
            string word = Words[random.Next(Words.Length)];
            foreach (char c in word)
            {
                int roll = random.Next(12);
                if (roll == 0 && at > 0)
                {
                    // Backspace: the character before the cursor, a whole pair or CRLF.
                    int from = Snap(_text, at - 1, back: true);
                    await ChangeAsync([(from, at, "")], log);
                    at = from;
                    Counts.Keystrokes++;
                }
                string typed = roll == 1 ? "\n" : roll == 2 ? "😀" : c.ToString();
                await ChangeAsync([(at, at, typed)], log);
                at += typed.Length;
                Counts.Keystrokes++;
            }
        }

        private static readonly string[] Words = ["the ", "What?", "answer", " and", ".", "Q?", "**b**", "é", "x", "color", "ok"];

        /// <summary>One didChange of one to four random edits.</summary>
        private async Task RandomChangeAsync(Random random, StringBuilder log)
        {
            int batch = random.Next(4) == 0 ? random.Next(2, 5) : 1;
            var edits = new List<(int Start, int End, string Insert)>();
            string text = _text;
            for (int b = 0; b < batch; b++)
            {
                var edit = RandomEdit(text, random);
                edits.Add(edit);
                text = string.Concat(text.AsSpan(0, edit.Start), edit.Insert, text.AsSpan(edit.End));
            }
            Counts.Random += batch;
            await ChangeAsync(edits, log);
        }

        private static readonly string[] Inserts =
        [
            "x", "a", " ", "?", "\n", "\n", "\r\n", "\r\n", "\r", "\r", "😀", "😀", "\uD835\uDD38", "\uD83D", "\uDE00", "é", "\t", "\u00A0", "*", "**", "\"", "'",
            "{", "}", "<", ">", "%", "=", "$", "`", "\\", "-", "{{< orbit_review >}}\n", "{{< /orbit_review >}}", "{{< /orbit_review >}}\n",
            "{{% orbit_review %}}\n", "{{<orbit_review color=\"blue\">}}", "{{<orbit_review color=red>}}", "Q?\nA\n", "Question?\r\nAnswer.\r\n",
            "<orbit-reviewarea>\n", "</orbit-reviewarea>", "<orbit-prompt question=\"Q\" answer=\"A\"></orbit-prompt>", "<!--", "-->",
            "<!-- orbitlsp-disable-next-line -->\n", "```\n", "---\n", "}\n", "- ", "1. ", "    ", "\n\n", "",
        ];

        /// <summary>
        /// An insert, deletion or replacement; half of them at or beside a line break, a surrogate,
        /// a tag or a brace. Its ends never split a CRLF or a surrogate pair (no position names those places).
        /// </summary>
        private static (int Start, int End, string Insert) RandomEdit(string text, Random random)
        {
            int start = random.Next(text.Length + 1);
            if (random.Next(2) == 0 && text.Length > 0)
            {
                // The next character that needs care after a random place (or the first); the edit
                // starts at it, just after it or one further.
                int from = random.Next(text.Length);
                int at = NextCareful(text, from) ?? NextCareful(text, 0) ?? start;
                start = Math.Min(text.Length, at + random.Next(3));
            }
            int end = random.Next(4) switch
            {
                0 => start + random.Next(1, 4),
                1 when random.Next(3) == 0 => start + random.Next(4, 80),
                _ => start,
            };
            end = Math.Min(end, text.Length);
            start = Snap(text, start, back: true);
            end = Math.Max(start, Snap(text, end, back: false));
            string insert = random.Next(8) == 0 ? Paste(text, random) : Inserts[random.Next(Inserts.Length)];
            if (insert.Length == 0 && start == end) insert = "x";
            return (start, end, insert);
        }

        private static int? NextCareful(string text, int from)
        {
            for (int i = from; i < text.Length; i++)
                if (text[i] is '\r' or '\n' or '{' or '}' or '<' or '>' or '%' || char.IsSurrogate(text[i])) return i;
            return null;
        }

        private static string Paste(string text, Random random)
        {
            int from = random.Next(text.Length + 1);
            return text.Substring(from, Math.Min(text.Length - from, random.Next(1, 120)));
        }

        /// <summary>The nearest place at or before (or after) the offset that is not inside a CRLF or a surrogate pair.</summary>
        private static int Snap(string text, int offset, bool back)
        {
            while (offset > 0 && offset < text.Length &&
                   ((text[offset - 1] == '\r' && text[offset] == '\n') || (char.IsHighSurrogate(text[offset - 1]) && char.IsLowSurrogate(text[offset]))))
                offset += back ? -1 : 1;
            return offset;
        }

        /// <summary>
        /// One didChange holding the edits, each in the positions of the text the ones before it
        /// left (as LSP applies them), in the client's encoding.
        /// </summary>
        private async Task ChangeAsync(List<(int Start, int End, string Insert)> edits, StringBuilder log)
        {
            var json = new StringBuilder();
            json.Append($$"""{"textDocument":{"uri":"{{Uri}}","version":{{++_version}}},"contentChanges":[""");
            for (int i = 0; i < edits.Count; i++)
            {
                var (start, end, insert) = edits[i];
                var lsp = new LspText(_text, utf8);
                var (sl, sc) = lsp.Position(start);
                var (el, ec) = lsp.Position(end);
                if (i > 0) json.Append(',');
                json.Append($$$"""{"range":{"start":{"line":{{{sl}}},"character":{{{sc}}}},"end":{"line":{{{el}}},"character":{{{ec}}}}},"text":{{{Json(insert)}}}}""");
                if (Touches(_text, start, end, insert, c => c == '\r')) Counts.LineBreaks++;
                if (Touches(_text, start, end, insert, char.IsSurrogate)) Counts.Surrogates++;
                _text = string.Concat(_text.AsSpan(0, start), insert, _text.AsSpan(end));
                log.Append(CultureInfo.InvariantCulture, $"v{_version}: [{start}, {end}) -> {Json(insert)}\n");
            }
            json.Append("]}");
            Counts.Changes++;
            Counts.Edits += edits.Count;
            if (edits.Count > 1) Counts.Batched++;
            await SendAsync("textDocument/didChange", json.ToString());
        }

        /// <summary>True when the edit holds, removes or sits beside a character of the kind.</summary>
        private static bool Touches(string text, int start, int end, string insert, Func<char, bool> kind) =>
            insert.Any(kind) || text[start..end].Any(kind) || start > 0 && kind(text[start - 1]) || end < text.Length && kind(text[end]);

        /// <summary>The diagnostics the client holds for its latest version against a fresh analysis of its text; false (and a failure) when they differ.</summary>
        private async Task<bool> CheckAsync(int sequence, string origin, string note, StringBuilder log)
        {
            JsonElement items;
            if (pull)
            {
                object request = _resultId is null
                    ? new { textDocument = new { uri = Uri } }
                    : new { textDocument = new { uri = Uri }, previousResultId = _resultId };
                var report = await _server!.Client.RequestAsync("textDocument/diagnostic", request);
                Counts.Pulls++;
                if (report.GetProperty("kind").GetString() == "unchanged")
                {
                    Counts.Unchanged++;
                    items = _lastItems;
                }
                else items = report.GetProperty("items");
                _resultId = report.TryGetProperty("resultId", out var id) ? id.GetString() : null;
                _lastItems = items;
            }
            else
            {
                try
                {
                    items = await _published.GetOrAdd(_version, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).Task.WaitAsync(LspTestClient.Deadline);
                }
                catch (TimeoutException)
                {
                    string errors = File.Exists(_server!.LogFile)
                        ? string.Join("\n", File.ReadLines(_server.LogFile).Where(l => l.Contains("[ERR]", StringComparison.Ordinal) || l.Contains("xception", StringComparison.Ordinal)).Take(20))
                        : "";
                    Failures.Add($"sequence {sequence} ({name}; {origin}): version {_version} was not published in {LspTestClient.Deadline.TotalMinutes} min " +
                        $"(published: {string.Join(", ", _published.Keys.Order())}); the server's errors:\n{errors}\nnote: {Json(note)}\nedits:\n{log}text: {Json(_text)}");
                    return false;
                }
                Counts.Pushes++;
                foreach (int old in _published.Keys)
                    if (old < _version) _published.TryRemove(old, out _);
            }
            string? difference = Difference(_text, utf8, items);
            if (difference is null) return true;
            Failures.Add($"sequence {sequence} ({name}; {origin}), version {_version}: {difference}\nnote: {Json(note)}\nedits:\n{log}text: {Json(_text)}");
            return false;
        }

        private Task SendAsync(string method, string paramsJson) =>
            _server!.Client.SendRawAsync($$"""{"jsonrpc":"2.0","method":"{{method}}","params":{{paramsJson}}}""");

        public async ValueTask DisposeAsync()
        {
            if (_server is not null) await _server.DisposeAsync();
        }
    }

    /// <summary>
    /// How the items differ from a fresh analysis of the text, each diagnostic placed by the
    /// client's line map (a start inside a CRLF or a pair moves back; an end inside a CRLF moves to
    /// the line's end, inside a pair past it); null when they do not.
    /// </summary>
    private static string? Difference(string text, bool utf8, JsonElement items)
    {
        var lsp = new LspText(text, utf8);
        var fresh = NoteAnalyzer.Analyze(text).Diagnostics;
        var got = items.EnumerateArray().ToList();
        for (int i = 0; i < Math.Max(fresh.Length, got.Count); i++)
        {
            string? want = i < fresh.Length ? Show(lsp, fresh[i]) : null;
            string? have = i < got.Count ? Show(got[i]) : null;
            if (want != have) return $"{got.Count} diagnostics received, {fresh.Length} found by a fresh analysis; #{i}: received {have ?? "none"}, fresh {want ?? "none"}";
        }
        return null;
    }

    private static string Show(LspText lsp, NoteDiagnostic d)
    {
        string Range(Core.Text.TextSpan span)
        {
            var (sl, sc) = lsp.Position(Start(lsp.Text, span.Start));
            var (el, ec) = lsp.Position(End(lsp.Text, span.End));
            return $"{sl}:{sc}-{el}:{ec}";
        }
        var sb = new StringBuilder($"{d.Code} {(int)d.Severity} {Range(d.Span)} {Json(Message(d.Message))}");
        foreach (var r in d.Related) sb.Append($" | {r.File ?? Uri} {Range(r.Span)} {Json(Message(r.Message))}");
        return sb.ToString();
    }

    private static string Show(JsonElement d)
    {
        static string Range(JsonElement r) => LspText.Show(r);
        var sb = new StringBuilder($"{d.GetProperty("code").GetString()} {d.GetProperty("severity").GetInt32()} {Range(d.GetProperty("range"))} {Json(LspText.ExactString(d.GetProperty("message")))}");
        if (d.TryGetProperty("relatedInformation", out var related))
            foreach (var r in related.EnumerateArray())
                sb.Append($" | {r.GetProperty("location").GetProperty("uri").GetString()} {Range(r.GetProperty("location").GetProperty("range"))} {Json(LspText.ExactString(r.GetProperty("message")))}");
        return sb.ToString();
    }

    /// <summary>
    /// A message as it is sent: text for people, written as well-formed Unicode, so a lone
    /// surrogate it quotes from the note arrives as U+FFFD (unlike the note's own text, which
    /// travels exactly as the client holds it).
    /// </summary>
    private static string Message(string message)
    {
        var chars = message.ToCharArray();
        for (int i = 0; i < chars.Length; i++)
        {
            if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1])) i++;
            else if (char.IsSurrogate(chars[i])) chars[i] = '\uFFFD';
        }
        return new string(chars);
    }

    private static int Start(string text, int offset) =>
        offset > 0 && offset < text.Length && ((text[offset - 1] == '\r' && text[offset] == '\n') || (char.IsHighSurrogate(text[offset - 1]) && char.IsLowSurrogate(text[offset])))
            ? offset - 1 : offset;

    private static int End(string text, int offset) =>
        offset > 0 && offset < text.Length && text[offset - 1] == '\r' && text[offset] == '\n' ? offset - 1
        : offset > 0 && offset < text.Length && char.IsHighSurrogate(text[offset - 1]) && char.IsLowSurrogate(text[offset]) ? offset + 1
        : offset;

    /// <summary>A JSON string with every character outside printable ASCII escaped: lone surrogates travel as the client holds them.</summary>
    private static string Json(string s)
    {
        var sb = new StringBuilder(s.Length + 2).Append('"');
        foreach (char c in s)
        {
            if (c == '"' || c == '\\') sb.Append('\\').Append(c);
            else if (c is >= ' ' and < (char)0x7F) sb.Append(c);
            else sb.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
        }
        return sb.Append('"').ToString();
    }
}
