using System.Diagnostics;
using OrbitLsp.LatencyBenchmark;

// Measures what an author feels, over stdio, against the real server: no debounce, every
// keystroke waits for its own diagnostics.
//
// Memory: peak RSS is the server process's VmHWM from /proc/PID/status (Linux), the high-water
// mark of its resident set as the kernel counts it: GC heap, JIT-compiled code, the runtime's
// native memory, and every page of the shared .NET libraries and precompiled code it touched.
// Nothing is subtracted (shared pages included), so it is the size top or ps shows for the
// server. It is read from the one long-lived server after the 10 KB and 1 MB work, and again
// after the 5 MB note; the resident set right after initialize and at the end, split into private
// (anon), file-backed and shared memory, is printed below the table to show where it goes.
//
// With no argument the server is published as the extension ships it (native, compiled ahead of
// time for this platform) and measured; with the path of an orbitlsp.dll (run with dotnet) or an
// orbitlsp executable as argument, that build is measured instead.
// --pull: the client announces what VS Code 1.100 announces and pulls diagnostics
// (textDocument/diagnostic right after each didOpen and didChange, as vscode-languageclient does)
// instead of waiting for them to be pushed.
// --external: the Node client of external/latency.mjs (a client outside .NET, pulling) against the
// native build, the self-contained one (precompiled, what a package for another platform holds) and
// the framework-dependent one, with VS Code's Markdown server's
// initialize measured by the same client in the same run (see that file).
// --workspace: the workspace index is measured instead (WorkspaceBenchmark).
// --reviews: the review store and orbit.reviewDue at scale (ReviewBenchmark).
// --write-note FILE CHARS: writes a generated note of that size (what the benchmarks type into).
if (args is ["--write-note", var notePath, var noteSize])
{
    File.WriteAllText(notePath, NoteGenerator.Generate(int.Parse(noteSize)));
    return;
}
bool workspaceOnly = args.Contains("--workspace");
bool reviewsOnly = args.Contains("--reviews");
bool pull = args.Contains("--pull");
bool external = args.Contains("--external");
args = [.. args.Where(a => !a.StartsWith("--", StringComparison.Ordinal))];
if (external)
{
    await ExternalClient.RunAsync(args.Length > 0 ? [args[0]] : [PublishServer(), PublishServer(Build.SelfContained), PublishServer(Build.FrameworkDependent)]);
    return;
}
string server = args.Length > 0 ? args[0] : PublishServer();
if (workspaceOnly)
{
    await WorkspaceBenchmark.RunAsync(server);
    return;
}
if (reviewsOnly)
{
    await ReviewBenchmark.RunAsync(server);
    return;
}
var rows = new List<(string What, string Figure, string Target)>();
static double Ms(long from, long to) => (to - from) * 1000.0 / Stopwatch.Frequency;
static double Pct(List<double> values, double p)
{
    var sorted = values.Order().ToList();
    return sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
}
var timeout = TimeSpan.FromSeconds(60);

// 1. spawn → initialize result, five fresh processes.
var inits = new List<double>();
for (int i = 0; i < 5; i++)
{
    using var c = new StdioClient(server);
    var (_, answered) = c.Request("initialize", new { processId = Environment.ProcessId, capabilities = Capabilities(pull) });
    inits.Add(Ms(c.Started, await answered.WaitAsync(timeout)));
    c.Exit(timeout);
}
rows.Add(("spawn → initialize result (p50 of 5)", $"{Pct(inits, 50):F0} ms (min {inits.Min():F0})", "≤ 150 ms"));

using var client = new StdioClient(server);
await client.Request("initialize", new { processId = Environment.ProcessId, capabilities = Capabilities(pull) }).Answered.WaitAsync(timeout);
client.Notify("initialized", new { });
await Task.Delay(500); // let the server settle as an editor's would before the first file opens
var settled = client.RssNowMb();

// 2. didOpen → first diagnostics.
var notes = new Dictionary<string, string>
{
    ["10 KB"] = NoteGenerator.Generate(10_000),
    ["1 MB"] = NoteGenerator.Generate(1_000_000),
    ["5 MB"] = NoteGenerator.Generate(5_000_000),
};
async Task OpenAsync(string size, string text)
{
    var times = new List<double>();
    for (int i = 0; i < 5; i++)
    {
        string uri = $"file:///bench/{size.Replace(' ', '-')}-{i}.md";
        var diagnostics = client.ExpectDiagnostics(uri, 1);
        long sent = client.Notify("textDocument/didOpen", new { textDocument = new { uri, languageId = "markdown", version = 1, text } });
        times.Add(Ms(sent, await (pull ? client.PullDiagnostics(uri) : diagnostics).WaitAsync(timeout)));
        client.Notify("textDocument/didClose", new { textDocument = new { uri } });
    }
    string target = size == "1 MB" ? "≤ 20 ms" : "";
    rows.Add(($"didOpen → diagnostics, {size} note (first / p50 of 5)", $"{times[0]:F1} / {Pct(times, 50):F1} ms", target));
}
await OpenAsync("10 KB", notes["10 KB"]);
await OpenAsync("1 MB", notes["1 MB"]);

// 3. Typing 200 characters one by one into the 1 MB note, each waiting for its own diagnostics.
string big = notes["1 MB"];
string typingUri = "file:///bench/typing.md";
var opened = client.ExpectDiagnostics(typingUri, 1);
client.Notify("textDocument/didOpen", new { textDocument = new { uri = typingUri, languageId = "markdown", version = 1, text = big } });
await (pull ? client.PullDiagnostics(typingUri) : opened).WaitAsync(timeout);
var lines = big.Split('\n');
int version = 1;
// In a question line of a review block (the text the diagnostics are about), then in prose.
int promptLine = Array.FindIndex(lines, lines.Length / 2, l => l.StartsWith("What does", StringComparison.Ordinal));
int proseLine = Array.FindIndex(lines, lines.Length / 3, l => l.Length > 200 && char.IsUpper(l[0]));
foreach (var (where, line) in new[] { ("a question line", promptLine), ("a prose paragraph", proseLine) })
{
    int character = lines[line].Length - 1;
    var typing = new List<double>();
    const string Typed = "Why does the agent flip the block instead of stacking it, and what would fix the reward? ";
    for (int i = 0; i < 200; i++)
    {
        string ch = Typed[i % Typed.Length].ToString();
        version++;
        var published = client.ExpectDiagnostics(typingUri, version);
        long sent = client.Notify("textDocument/didChange", new
        {
            textDocument = new { uri = typingUri, version },
            contentChanges = new[] { new { range = new { start = new { line, character }, end = new { line, character } }, text = ch } },
        });
        typing.Add(Ms(sent, await (pull ? client.PullDiagnostics(typingUri) : published).WaitAsync(timeout)));
        character++;
    }
    rows.Add(($"typing 200 chars into {where}, 1 MB: p50 / p95", $"{Pct(typing, 50):F1} / {Pct(typing, 95):F1} ms", ""));
    rows.Add(($"typing 200 chars into {where}, 1 MB: p99", $"{Pct(typing, 99):F1} ms", "≤ 10 ms"));
}

// 4. Hover on prompt lines of the 1 MB note.
var promptLines = Enumerable.Range(0, lines.Length).Where(i => lines[i].StartsWith("What does", StringComparison.Ordinal) || lines[i].StartsWith("It means", StringComparison.Ordinal)).ToList();
var hovers = new List<double>();
for (int i = 0; i < 300; i++)
{
    int l = promptLines[i * 7919 % promptLines.Count];
    var (sent, answered) = client.Request("textDocument/hover", new { textDocument = new { uri = typingUri }, position = new { line = l, character = 3 } });
    hovers.Add(Ms(sent, await answered.WaitAsync(timeout)));
}
rows.Add(("hover on a prompt line, 1 MB note, p50", $"{Pct(hovers, 50):F2} ms", ""));
rows.Add(("hover on a prompt line, 1 MB note, p99", $"{Pct(hovers, 99):F2} ms", "≤ 2 ms"));

// 5. Peak memory of the server: after the 1 MB work, then after opening the 5 MB note.
rows.Add(("peak RSS of the server (VmHWM), 10 KB and 1 MB notes", $"{client.PeakRssMb():F0} MB", "≤ 80 MB"));
await OpenAsync("5 MB", notes["5 MB"]);
rows.Add(("peak RSS of the server (VmHWM), after the 5 MB note too", $"{client.PeakRssMb():F0} MB", ""));
await Task.Delay(2000); // the server gives a closed large note's memory back after a moment
var rested = client.RssNowMb();
int code = client.Exit(timeout);

Console.WriteLine($"OrbitLsp latency over stdio ({Environment.ProcessorCount} cores, .NET {Environment.Version}), diagnostics {(pull ? "pulled" : "pushed")}: {server}; notes: " +
    string.Join(", ", notes.Select(n => $"{n.Key} = {n.Value.Length:N0} chars")));
Console.WriteLine();
Console.WriteLine($"| {"measure",-58} | {"result",-22} | {"target",-9} |");
Console.WriteLine($"|{new string('-', 60)}|{new string('-', 24)}|{new string('-', 11)}|");
foreach (var (what, figure, target) in rows) Console.WriteLine($"| {what,-58} | {figure,-22} | {target,-9} |");
Console.WriteLine();
static string Split((double Rss, double Anon, double File, double Shmem) m) => $"{m.Rss:F0} MB (private {m.Anon:F0}, file-backed {m.File:F0}, shared {m.Shmem:F0})";
Console.WriteLine($"resident set 0.5 s after initialized: {Split(settled)}; 2 s after the last 5 MB note closed: {Split(rested)}");
Console.WriteLine($"server exit code after shutdown/exit: {code}");

/// What the benchmark's client announces: nothing (diagnostics are then pushed), or what VS Code
/// 1.100 announces, pulling diagnostics.
static object Capabilities(bool pull) => pull ? StdioClient.VsCodeCapabilities : new { };

// The server as users install it, published for this runtime.
static string PublishServer(Build build = Build.Native)
{
    string root = AppContext.BaseDirectory;
    while (!File.Exists(Path.Combine(root, "OrbitLsp.sln"))) root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("OrbitLsp.sln not found above the benchmark");
    string output = Path.Combine(AppContext.BaseDirectory, build switch
    {
        Build.Native => "server-native",
        Build.SelfContained => "server",
        _ => "server-framework-dependent",
    });
    string rid = System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier;
    // Native as the extension ships it (client/package.mjs): compiled ahead of time, one executable.
    // Self-contained as a package for another platform holds it: one composite precompiled image, the runtime trimmed.
    // Framework-dependent as `dotnet build -c Release` makes it for `dotnet orbitlsp.dll` (what an editor configured with a
    // dll runs).
    Console.WriteLine(build == Build.FrameworkDependent ? $"building the server (framework-dependent, Release) to {output} ..." : $"publishing the server ({rid}, {build}) to {output} ...");
    string project = Path.Combine(root, "server", "OrbitLsp", "OrbitLsp.csproj");
    var publish = Process.Start("dotnet", build == Build.FrameworkDependent
        ? ["build", project, "-c", "Release", "-o", output, "--nologo", "-v", "quiet"]
        : ["publish", project, "-c", "Release", "-r", rid, "--self-contained", "true", $"-p:PublishAot={build == Build.Native}", "-o", output, "--nologo", "-v", "quiet"])!;
    publish.WaitForExit();
    if (publish.ExitCode != 0) throw new InvalidOperationException("dotnet publish failed");
    return Path.Combine(output, build == Build.FrameworkDependent ? "orbitlsp.dll" : OperatingSystem.IsWindows() ? "orbitlsp.exe" : "orbitlsp");
}

/// <summary>How the measured server is built.</summary>
internal enum Build
{
    Native,
    SelfContained,
    FrameworkDependent,
}
