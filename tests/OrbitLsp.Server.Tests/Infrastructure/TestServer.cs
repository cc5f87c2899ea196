using System.Diagnostics;
using System.Text.Json;
using Nerdbank.Streams;
using OrbitLsp.LanguageServer;

namespace OrbitLsp.Server.Tests.Infrastructure;

/// <summary>A running server and a client talking to it: in-process over a duplex stream, or a child process over stdio.</summary>
public sealed class TestServer : IAsyncDisposable
{
    private readonly Process? _process;

    private TestServer(LspTestClient client, Task<int> exit, Process? process, string logFile)
    {
        Client = client;
        Exit = exit;
        _process = process;
        LogFile = logFile;
    }

    public LspTestClient Client { get; }

    /// <summary>The server's exit code, when it ends.</summary>
    public Task<int> Exit { get; }

    public string LogFile { get; }

    public Process? Process => _process;

    /// <summary>
    /// The trait, <c>[Trait(TestServer.Trait, TestServer.HereOnly)]</c>, of tests whose outcome does not
    /// depend on <c>ORBITLSP_TEST_SERVER</c>: they start no server, or only one in this process (a
    /// server asked for with other than the defaults). scripts/test.sh runs them once, with the
    /// whole suite, and leaves them out of the run against the published server
    /// (<c>--filter "Server!=here"</c>). A test that may start the server under test must not carry it.
    /// </summary>
    public const string Trait = "Server";

    /// <inheritdoc cref="Trait"/>
    public const string HereOnly = "here";

    /// <param name="indexInWorker">Index workspace folders in a worker process however few notes they hold (else always in the server's process).</param>
    /// <remarks>
    /// With <c>ORBITLSP_TEST_IN_CHILD=1</c> beside <c>ORBITLSP_TEST_SERVER</c>, a server asked for with
    /// the defaults is that published executable instead (logging at debug level, as here), so the
    /// protocol tests run against a published build too; it indexes a small workspace in its own
    /// process (a worker only from 1,000 notes), where the in-process server always uses a worker.
    /// </remarks>
    public static TestServer InProcess(TimeSpan? parentPollInterval = null, bool indexInWorker = true, System.Diagnostics.ProcessStartInfo? worker = null)
    {
        if (parentPollInterval is null && indexInWorker && worker is null && InChild) return ChildProcess("--log-level", "debug");
        var (clientStream, serverStream) = FullDuplexStream.CreatePair();
        string log = TempLog();
        var options = new LanguageServerOptions
        {
            LogFile = log, LogLevel = Serilog.Events.LogEventLevel.Debug, ParentPollInterval = parentPollInterval ?? TimeSpan.FromMilliseconds(200),
            IndexInWorkerFrom = indexInWorker ? 0 : int.MaxValue,
            IndexWorkerStart = worker is null ? Workspace.IndexWorker.StartInfo : () => worker,
        };
        var server = new OrbitLanguageServer(serverStream, serverStream, options);
        var exit = Task.Run(server.RunAsync);
        return new TestServer(new LspTestClient(clientStream, clientStream), exit, null, log);
    }

    /// <summary>
    /// The built <c>orbitlsp.dll</c> run with <c>dotnet</c>, speaking over its stdin and stdout; or
    /// the server named by <c>ORBITLSP_TEST_SERVER</c> (a published executable, such as the
    /// native one the extension packs: scripts/test.sh runs these tests against it too).
    /// </summary>
    public static TestServer ChildProcess(params string[] extraArgs) => ChildProcessVia([], null, extraArgs);

    /// <summary>
    /// The server as a child process started through <paramref name="launcher"/> (a command that runs
    /// the rest of its arguments, e.g. setpriv to run it as another user), from <paramref name="bin"/>
    /// (the build's folder by default) unless a published server is tested.
    /// </summary>
    public static TestServer ChildProcessVia(string[] launcher, string? bin, params string[] extraArgs)
    {
        string log = TempLog();
        string? published = Environment.GetEnvironmentVariable("ORBITLSP_TEST_SERVER");
        string program = string.IsNullOrEmpty(published) ? "dotnet" : published;
        var start = new ProcessStartInfo(launcher.Length > 0 ? launcher[0] : program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in launcher.Skip(1)) start.ArgumentList.Add(a);
        if (launcher.Length > 0) start.ArgumentList.Add(program);
        if (string.IsNullOrEmpty(published)) start.ArgumentList.Add(Path.Combine(bin ?? AppContext.BaseDirectory, "orbitlsp.dll"));
        start.ArgumentList.Add("--stdio");
        start.ArgumentList.Add("--log-file");
        start.ArgumentList.Add(log);
        foreach (var a in extraArgs) start.ArgumentList.Add(a);
        var process = Process.Start(start)!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        var exit = Task.Run(async () =>
        {
            await process.WaitForExitAsync();
            return process.ExitCode;
        });
        return new TestServer(new LspTestClient(process.StandardOutput.BaseStream, process.StandardInput.BaseStream), exit, process, log);
    }

    /// <summary>All the server's log so far: its file and the ones rolled from it, oldest first, read while the server writes.</summary>
    public async Task<string> ReadLogAsync()
    {
        var files = Directory.GetFiles(Path.GetDirectoryName(LogFile)!, Path.GetFileNameWithoutExtension(LogFile) + "*");
        var text = new System.Text.StringBuilder();
        foreach (var file in files.Order())
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            text.Append(await new StreamReader(stream).ReadToEndAsync());
        }
        return text.ToString();
    }

    /// <summary>Waits until the server's log says <paramref name="what"/> (it is flushed every second); fails if the server ends first.</summary>
    public async Task WaitForLogAsync(string what)
    {
        var deadline = DateTime.UtcNow + LspTestClient.Deadline;
        while (!(await ReadLogAsync()).Contains(what, StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The log never said '{what}'.");
            Assert.False(Exit.IsCompleted, "the server ended");
            await Task.Delay(100);
        }
    }

    private static bool InChild =>
        Environment.GetEnvironmentVariable("ORBITLSP_TEST_IN_CHILD") == "1" && !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ORBITLSP_TEST_SERVER"));

    private static string TempLog() => Path.Combine(Path.GetTempPath(), "orbitlsp-tests", Guid.NewGuid().ToString("N") + ".log");

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        try
        {
            await Exit.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            _process?.Kill(entireProcessTree: true);
        }
        _process?.Dispose();
    }
}

/// <summary>Client capabilities as tests need them.</summary>
public static class Capabilities
{
    public static object Push => new { };

    public static object Pull => new
    {
        textDocument = new { diagnostic = new { dynamicRegistration = false } },
        workspace = new { configuration = true, diagnostics = new { refreshSupport = true } },
    };

    public static object WithConfiguration => new { workspace = new { configuration = true } };

    public static object Utf8 => new { general = new { positionEncodings = new[] { "utf-8", "utf-16" } } };

    public static object PlainTextHover => new { textDocument = new { hover = new { contentFormat = new[] { "plaintext" } } } };
}

/// <summary>The steps every test takes, as one-liners.</summary>
public static class ClientSteps
{
    public static async Task<JsonElement> InitializeAsync(this LspTestClient client, object? capabilities = null, int? processId = null, string trace = "off")
    {
        var result = await client.RequestAsync("initialize", new { processId, capabilities = capabilities ?? Capabilities.Push, trace, clientInfo = new { name = "tests" } });
        await client.NotifyAsync("initialized", new { });
        return result;
    }

    public static Task OpenAsync(this LspTestClient client, string uri, string text, int version = 1) =>
        client.NotifyAsync("textDocument/didOpen", new { textDocument = new { uri, languageId = "markdown", version, text } });

    public static Task ChangeAsync(this LspTestClient client, string uri, int version, params object[] changes) =>
        client.NotifyAsync("textDocument/didChange", new { textDocument = new { uri, version }, contentChanges = changes });

    public static object Edit(int line, int character, int endLine, int endCharacter, string text) =>
        new { range = new { start = new { line, character }, end = new { line = endLine, character = endCharacter } }, text };

    public static object Insert(int line, int character, string text) => Edit(line, character, line, character, text);

    public static Task<JsonElement> DiagnosticsAsync(this LspTestClient client, string uri, int version) =>
        client.WaitForNotificationAsync("textDocument/publishDiagnostics",
            p => p.GetProperty("uri").GetString() == uri && p.TryGetProperty("version", out var v) && v.GetInt32() == version);

    public static Task<JsonElement> HoverAsync(this LspTestClient client, string uri, int line, int character) =>
        client.RequestAsync("textDocument/hover", new { textDocument = new { uri }, position = new { line, character } });

    public static Task<JsonElement> ExecuteAsync(this LspTestClient client, string command, params object[] arguments) =>
        client.RequestAsync("workspace/executeCommand", new { command, arguments });

    public static async Task ShutdownAndExitAsync(this LspTestClient client)
    {
        await client.RequestAsync("shutdown", null);
        await client.NotifyAsync("exit", null);
    }
}
