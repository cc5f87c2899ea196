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

    /// <summary>The log file actually used (set when the server starts).</summary>
    public string LogPath { get; internal set; } = "";

    internal CancellationToken Stopping { get; set; }

    /// <summary>Reads <c>[--stdio] [--log-file PATH] [--log-level LEVEL]</c>; an error message for anything else.</summary>
    public static (LanguageServerOptions? Options, string? Error) Parse(IReadOnlyList<string> args)
    {
        string? file = null;
        var level = LogEventLevel.Information;
        for (int i = 0; i < args.Count; i++)
        {
            string a = args[i];
            string? Value(string name) =>
                a.StartsWith(name + "=", StringComparison.Ordinal) ? a[(name.Length + 1)..] : a == name && i + 1 < args.Count ? args[++i] : null;
            if (a == "--stdio" || a.StartsWith("--clientProcessId", StringComparison.Ordinal)) continue;
            if (a.StartsWith("--log-file", StringComparison.Ordinal))
                file = Value("--log-file") ?? (string?)null;
            else if (a.StartsWith("--log-level", StringComparison.Ordinal))
            {
                if (ServerLog.ParseLevelOrNull(Value("--log-level")) is not { } parsed)
                    return (null, "--log-level takes trace, debug, information, warning, error or off");
                level = parsed;
            }
            else return (null, $"unknown option '{a}'");
            if (a.StartsWith("--log-file", StringComparison.Ordinal) && file is null) return (null, "--log-file needs a path");
        }
        return (new LanguageServerOptions { LogFile = file, LogLevel = level }, null);
    }
}
