using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OrbitLsp.LatencyBenchmark;

/// <summary>
/// A lean LSP client over a child process's stdio that timestamps each message as it arrives,
/// so the measured latency is what an editor would see.
/// </summary>
public sealed class StdioClient : IDisposable
{
    private readonly Process _process;
    private readonly Stream _in;
    private readonly Stream _out;
    private readonly ConcurrentDictionary<int, TaskCompletionSource<long>> _responses = new();
    private readonly ConcurrentDictionary<(string Uri, int Version), TaskCompletionSource<long>> _diagnostics = new();
    private readonly Thread _reader;
    private int _nextId;

    /// <summary>
    /// How to run a server build with these arguments, output redirected: an orbitlsp.dll in
    /// `dotnet`, anything else as the server's own executable (a self-contained build).
    /// </summary>
    public static ProcessStartInfo StartInfo(string server, params string[] args)
    {
        bool dll = server.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);
        var start = new ProcessStartInfo(dll ? "dotnet" : server) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (dll) start.ArgumentList.Add(server);
        foreach (string a in args) start.ArgumentList.Add(a);
        return start;
    }

    public StdioClient(string server)
    {
        var start = StartInfo(server, "--stdio");
        start.RedirectStandardInput = true;
        start.ArgumentList.Add("--log-level");
        // Quiet by default, as a user's server is; ORBITLSP_BENCH_LOG_LEVEL=information shows the server's own figures in its log.
        start.ArgumentList.Add(Environment.GetEnvironmentVariable("ORBITLSP_BENCH_LOG_LEVEL") ?? "warning");
        Started = Stopwatch.GetTimestamp();
        _process = Process.Start(start)!;
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginErrorReadLine();
        _in = _process.StandardOutput.BaseStream;
        _out = _process.StandardInput.BaseStream;
        _reader = new Thread(ReadLoop) { IsBackground = true, Name = "lsp-reader" };
        _reader.Start();
    }

    public long Started { get; }

    /// <summary>When the first work-done progress ended (<c>$/progress</c> of kind "end").</summary>
    public Task<long> ProgressEnded => _progressEnded.Task;

    private readonly TaskCompletionSource<long> _progressEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int ProcessId => _process.Id;

    /// <summary>Sends a request; the task gives the timestamp its response arrived.</summary>
    public (long Sent, Task<long> Answered) Request(string method, object? parameters) => Request(method, parameters, Interlocked.Increment(ref _nextId));

    private (long Sent, Task<long> Answered) Request(string method, object? parameters, int id)
    {
        var tcs = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        _responses[id] = tcs;
        long sent = Send(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method, ["params"] = JsonSerializer.SerializeToNode(parameters) });
        return (sent, tcs.Task);
    }

    private readonly ConcurrentDictionary<int, JsonElement> _results = new();

    /// <summary>Sends a request and waits for its answer: the milliseconds it took and its result.</summary>
    public async Task<(double Ms, JsonElement Result)> RequestJson(string method, object? parameters, TimeSpan timeout)
    {
        int id = Interlocked.Increment(ref _nextId);
        var tcs = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        _responses[id] = tcs;
        _results[id] = default;
        long sent = Send(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method, ["params"] = JsonSerializer.SerializeToNode(parameters) });
        long answered = await tcs.Task.WaitAsync(timeout);
        _results.TryRemove(id, out var result);
        return ((answered - sent) * 1000.0 / Stopwatch.Frequency, result);
    }

    /// <summary>The task gives the timestamp diagnostics for this version arrived.</summary>
    public Task<long> ExpectDiagnostics(string uri, int version) =>
        _diagnostics.GetOrAdd((uri, version), _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    private readonly ConcurrentDictionary<string, string?> _resultIds = new(StringComparer.Ordinal);

    /// <summary>
    /// Pulls a note's diagnostics (<c>textDocument/diagnostic</c>, with the result id this client
    /// has, as vscode-languageclient does); the task gives the timestamp the report arrived.
    /// </summary>
    public async Task<long> PullDiagnostics(string uri)
    {
        int id = Interlocked.Increment(ref _nextId);
        var (_, answered) = Request("textDocument/diagnostic", new { textDocument = new { uri }, previousResultId = _resultIds.GetValueOrDefault(uri) }, id);
        long arrived = await answered;
        if (_resultIdOf.TryRemove(id, out var resultId)) _resultIds[uri] = resultId;
        return arrived;
    }

    /// <summary>The result id of each answer that had one, by request id.</summary>
    private readonly ConcurrentDictionary<int, string?> _resultIdOf = new();

    /// <summary>What VS Code 1.100 announces in <c>initialize</c> (the parts a server acts on), pulling diagnostics.</summary>
    public static JsonNode VsCodeCapabilities => JsonNode.Parse("""
        {
          "general": { "positionEncodings": ["utf-16"], "markdown": { "parser": "marked", "version": "1.1.0" } },
          "window": { "workDoneProgress": true, "showMessage": {}, "showDocument": { "support": true } },
          "workspace": {
            "applyEdit": true, "workspaceEdit": { "documentChanges": true, "resourceOperations": ["create", "rename", "delete"] },
            "didChangeConfiguration": { "dynamicRegistration": true },
            "didChangeWatchedFiles": { "dynamicRegistration": true, "relativePatternSupport": true },
            "symbol": { "dynamicRegistration": true }, "executeCommand": { "dynamicRegistration": true },
            "configuration": true, "workspaceFolders": true,
            "semanticTokens": { "refreshSupport": true }, "codeLens": { "refreshSupport": true },
            "inlayHint": { "refreshSupport": true }, "diagnostics": { "refreshSupport": true }
          },
          "textDocument": {
            "synchronization": { "dynamicRegistration": true, "willSave": true, "willSaveWaitUntil": true, "didSave": true },
            "completion": { "dynamicRegistration": true, "contextSupport": true, "completionItem": { "snippetSupport": true, "documentationFormat": ["markdown", "plaintext"], "insertReplaceSupport": true, "labelDetailsSupport": true } },
            "hover": { "dynamicRegistration": true, "contentFormat": ["markdown", "plaintext"] },
            "documentSymbol": { "dynamicRegistration": true, "hierarchicalDocumentSymbolSupport": true, "labelSupport": true },
            "codeAction": { "dynamicRegistration": true, "isPreferredSupport": true, "disabledSupport": true, "dataSupport": true, "resolveSupport": { "properties": ["edit"] },
              "codeActionLiteralSupport": { "codeActionKind": { "valueSet": ["", "quickfix", "refactor", "refactor.rewrite", "source", "source.fixAll"] } } },
            "codeLens": { "dynamicRegistration": true }, "formatting": { "dynamicRegistration": true }, "rangeFormatting": { "dynamicRegistration": true },
            "foldingRange": { "dynamicRegistration": true, "rangeLimit": 5000, "lineFoldingOnly": true }, "selectionRange": { "dynamicRegistration": true },
            "publishDiagnostics": { "relatedInformation": true, "versionSupport": false, "tagSupport": { "valueSet": [1, 2] }, "codeDescriptionSupport": true, "dataSupport": true },
            "semanticTokens": { "dynamicRegistration": true, "requests": { "range": true, "full": { "delta": true } },
              "tokenTypes": ["namespace", "type", "class", "function", "keyword", "string", "number", "comment"], "tokenModifiers": ["declaration", "readonly", "deprecated"],
              "formats": ["relative"], "overlappingTokenSupport": false, "multilineTokenSupport": false, "serverCancelSupport": true, "augmentsSyntaxTokens": true },
            "inlayHint": { "dynamicRegistration": true, "resolveSupport": { "properties": ["tooltip", "textEdits", "label.tooltip", "label.location", "label.command"] } },
            "diagnostic": { "dynamicRegistration": true, "relatedDocumentSupport": false }
          }
        }
        """)!;

    public long Notify(string method, object? parameters) =>
        Send(new JsonObject { ["jsonrpc"] = "2.0", ["method"] = method, ["params"] = JsonSerializer.SerializeToNode(parameters) });

    /// <summary>
    /// Peak resident memory of the server process (VmHWM), in MB: the most physical memory the
    /// kernel ever had mapped for it, everything counted (the GC heap, JIT-compiled code, the
    /// runtime's native memory, and the pages of the .NET libraries and precompiled code it
    /// touched), which is what top, ps and a task manager show as its resident size.
    /// </summary>
    public double PeakRssMb() => Status("VmHWM");

    /// <summary>What the server holds now, in MB: resident, and its private, file-backed and shared parts.</summary>
    public (double Rss, double Anon, double File, double Shmem) RssNowMb() => (Status("VmRSS"), Status("RssAnon"), Status("RssFile"), Status("RssShmem"));

    // NOTE: `dotnet orbitlsp.dll` runs the server inside the `dotnet` process itself (no child
    // process), so this process is the server the editor starts.
    /// <summary>Resident memory of the server now (VmRSS), in MB.</summary>
    public double RssMb() => Status("VmRSS");

    private double Status(string field) => StatusMb(_process.Id, field);

    /// <summary>A memory field of /proc/PID/status (in kB there), in MB.</summary>
    public static double StatusMb(int pid, string field)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            if (line.StartsWith(field + ":", StringComparison.Ordinal)) return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0;
        return double.NaN;
    }

    /// <summary>CPU time the server has used so far (user and system, all threads), in ms.</summary>
    public double CpuMs() => CpuMs(_process.Id);

    /// <summary>A process's CPU time so far (utime + stime of /proc/PID/stat, in clock ticks of 10 ms), in ms.</summary>
    public static double CpuMs(int pid)
    {
        string stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // After the command's name: state is field 3 (index 0 here), utime 14 and stime 15.
        return (long.Parse(fields[11]) + long.Parse(fields[12])) * 10.0;
    }

    public int Exit(TimeSpan timeout)
    {
        Request("shutdown", null).Answered.Wait(timeout);
        Notify("exit", null);
        _process.WaitForExit(timeout);
        return _process.HasExited ? _process.ExitCode : -1;
    }

    private long Send(JsonObject message)
    {
        byte[] body = Encoding.UTF8.GetBytes(message.ToJsonString());
        byte[] header = Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n");
        lock (_out)
        {
            long now = Stopwatch.GetTimestamp();
            _out.Write(header);
            _out.Write(body);
            _out.Flush();
            return now;
        }
    }

    private void ReadLoop()
    {
        var buffered = new BufferedStream(_in, 1 << 16);
        while (true)
        {
            int length = -1;
            string? line;
            while ((line = ReadLine(buffered)) is { Length: > 0 })
                if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)) length = int.Parse(line[15..].Trim());
            if (line is null) return;
            var body = new byte[length];
            buffered.ReadExactly(body);
            long arrived = Stopwatch.GetTimestamp();
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (root.TryGetProperty("method", out var method))
            {
                if (method.GetString() == "textDocument/publishDiagnostics" && root.GetProperty("params").TryGetProperty("version", out var v))
                {
                    string uri = root.GetProperty("params").GetProperty("uri").GetString()!;
                    _diagnostics.GetOrAdd((uri, v.GetInt32()), _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(arrived);
                }
                if (method.GetString() == "$/progress" && root.GetProperty("params").GetProperty("value").GetProperty("kind").GetString() == "end")
                    _progressEnded.TrySetResult(arrived);
                if (root.TryGetProperty("id", out var requestId))
                {
                    // workspace/configuration: no settings, one null per item asked; everything else is acknowledged.
                    JsonNode? result = method.GetString() == "workspace/configuration"
                        ? new JsonArray([.. root.GetProperty("params").GetProperty("items").EnumerateArray().Select(_ => (JsonNode?)null)])
                        : null;
                    Send(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = JsonNode.Parse(requestId.GetRawText()), ["result"] = result });
                }
            }
            else if (root.TryGetProperty("id", out var id) && _responses.TryRemove(id.GetInt32(), out var tcs))
            {
                if (root.TryGetProperty("result", out var result) && result.ValueKind == JsonValueKind.Object && result.TryGetProperty("resultId", out var resultId))
                    _resultIdOf[id.GetInt32()] = resultId.GetString();
                if (_results.ContainsKey(id.GetInt32()))
                    _results[id.GetInt32()] = root.TryGetProperty("result", out var answer) ? answer.Clone() : root.GetProperty("error").Clone();
                tcs.TrySetResult(arrived);
            }
        }
    }

    private static string? ReadLine(Stream s)
    {
        var sb = new StringBuilder();
        int b;
        while ((b = s.ReadByte()) >= 0)
        {
            if (b == '\n') return sb.ToString().TrimEnd('\r');
            sb.Append((char)b);
        }
        return null;
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill();
        _process.Dispose();
    }
}
