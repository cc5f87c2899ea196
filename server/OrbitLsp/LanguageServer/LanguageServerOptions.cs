using Serilog.Events;

using OrbitLsp.LanguageServer.Logging;

namespace OrbitLsp.LanguageServer;

/// <summary>How a server instance runs: from the command line, or set by a test.</summary>
public sealed class LanguageServerOptions
{
    public string? LogFile { get; init; }

    public LogEventLevel LogLevel { get; init; } = LogEventLevel.Information;

    /// <summary>How often the client process named in initialize is checked.</summary>
    public TimeSpan ParentPollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// From how many notes a pass over the workspace folders runs in a worker process
    /// (<c>orbitlsp index-worker</c>, when it can be started); fewer are indexed in the server's
    /// own process, where they are done before a worker would have started.
    /// </summary>
    public int IndexInWorkerFrom { get; init; } = 1000;

    /// <summary>How the index worker is started (tests start a broken one to see the server index alone).</summary>
    internal Func<System.Diagnostics.ProcessStartInfo?> IndexWorkerStart { get; init; } = OrbitLsp.Workspace.IndexWorker.StartInfo;

    /// <summary>
    /// The server is its process's only user (the executable, not a server in a test's process): it
    /// may shape the process's memory for the notes to come (<see cref="Warmup"/>), which would be
    /// another's heap to collect and fill in a shared process.
    /// </summary>
    public bool OwnsProcess { get; internal set; }

    /// <summary>The log file actually used (set when the server starts).</summary>
    public string LogPath { get; internal set; } = "";

    internal CancellationToken Stopping { get; set; }

    /// <summary>Reads <c>[--stdio] [--log-file PATH] [--log-level LEVEL]</c> (also as <c>--name=value</c>); an error message for anything else.</summary>
    public static (LanguageServerOptions? Options, string? Error) Parse(IReadOnlyList<string> args)
    {
        string? file = null;
        var level = LogEventLevel.Information;
        for (int i = 0; i < args.Count; i++)
        {
            var (name, value) = args[i].Split('=', 2) is [var n, var v] ? (n, (string?)v) : (args[i], null);
            // NOTE: VS Code's client may add --clientProcessId; the processId of initialize is what is watched.
            if (name is "--stdio" or "--clientProcessId") continue;
            if (name is not ("--log-file" or "--log-level")) return (null, $"unknown option '{args[i]}'");
            value ??= i + 1 < args.Count ? args[++i] : null;
            if (string.IsNullOrWhiteSpace(value)) return (null, $"{name} needs a value");
            if (name == "--log-file") file = value;
            else if (ServerLog.ParseLevelOrNull(value) is { } parsed) level = parsed;
            else return (null, "--log-level takes trace, debug, information, warning, error or off");
        }
        return (new LanguageServerOptions { LogFile = file, LogLevel = level }, null);
    }
}
