using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace OrbitLsp.LanguageServer.Logging;

/// <summary>
/// The server's log: a rolling file in the user's log folder (or <c>--log-file</c>), at
/// <c>--log-level</c> (default information), plus the client through <see cref="ClientLogSink"/>.
/// Nothing is ever written to stdout: it carries the protocol.
/// </summary>
public static class ServerLog
{
    /// <summary>The logger at once; its file opens in the background (<paramref name="fileReady"/>).</summary>
    public static ILogger Create(string? logFile, LogEventLevel level, ClientLogSink clientSink, out string path, out Task fileReady)
    {
        string file = path = logFile ?? Path.Combine(DefaultFolder(), "orbitlsp-.log");
        var deferred = new DeferredSink();
        // The lowest level either sink takes, so that IsEnabled(Debug) is false when no debug line
        // would be written, and the work done only for such lines (the collector's counts per
        // message, CollectionLog) is not done: the file's level, or the client's as its trace changes.
        var trace = clientSink.Trace;
        var minimum = new LoggingLevelSwitch(Lowest(level, trace.ClientLevel));
        trace.Changed += () => minimum.MinimumLevel = Lowest(level, trace.ClientLevel);
        var logger = new LoggerConfiguration().MinimumLevel.ControlledBy(minimum)
            .WriteTo.Sink(clientSink)
            .WriteTo.Sink(deferred, restrictedToMinimumLevel: level)
            .CreateLogger();
        fileReady = Task.Run(() =>
        {
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
                deferred.Attach(new LoggerConfiguration().MinimumLevel.Verbose()
                    .WriteTo.File(file, rollingInterval: RollingInterval.Day, retainedFileCountLimit: 7,
                        fileSizeLimitBytes: 10 * 1024 * 1024, rollOnFileSizeLimit: true, shared: true,
                        flushToDiskInterval: TimeSpan.FromSeconds(1),
                        outputTemplate: "{Timestamp:yyyy-MM-dd HH:mm:ss.fff} [{Level:u3}] {Message:lj}{NewLine}{Exception}")
                    .CreateLogger());
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
            {
                clientSink.Emit(new LogEvent(DateTimeOffset.Now, LogEventLevel.Warning, null,
                    new MessageTemplate($"Cannot write the log file {file}: {e.Message}", []), []));
            }
        });
        return logger;
    }

    private static LogEventLevel Lowest(LogEventLevel a, LogEventLevel b) => a < b ? a : b;

    /// <summary>Where logs of a user's programs go: XDG state folder, ~/Library/Logs, %LOCALAPPDATA%.</summary>
    public static string DefaultFolder()
    {
        if (OperatingSystem.IsWindows())
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "OrbitLsp", "logs");
        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (OperatingSystem.IsMacOS()) return Path.Combine(home, "Library", "Logs", "OrbitLsp");
        string? state = Environment.GetEnvironmentVariable("XDG_STATE_HOME");
        return Path.Combine(string.IsNullOrEmpty(state) ? Path.Combine(home, ".local", "state") : state, "orbitlsp", "logs");
    }

    public static LogEventLevel? ParseLevelOrNull(string? text) => text?.ToLowerInvariant() switch
    {
        "trace" or "verbose" => LogEventLevel.Verbose,
        "debug" => LogEventLevel.Debug,
        "info" or "information" => LogEventLevel.Information,
        "warn" or "warning" => LogEventLevel.Warning,
        "error" => LogEventLevel.Error,
        "off" or "none" or "fatal" => LogEventLevel.Fatal,
        _ => null,
    };
}
