using OrbitLsp.LanguageServer.Protocol;
using Serilog.Events;

namespace OrbitLsp.LanguageServer.Logging;

/// <summary>
/// The client's trace value ("off", "messages", "verbose"): it decides whether <c>$/logTrace</c>
/// is sent and which log events also reach the client as <c>window/logMessage</c>.
/// </summary>
public sealed class TraceSetting
{
    private volatile string _value = "off";

    public string Value => _value;

    public bool IsOn => _value != "off";

    public bool IsVerbose => _value == "verbose";

    /// <summary>Raised after the value changed (the log's lowest level follows <see cref="ClientLevel"/>).</summary>
    public event Action? Changed;

    /// <summary>False for a value the specification does not define.</summary>
    public bool Set(string? value)
    {
        if (value is not ("off" or "messages" or "verbose")) return false;
        _value = value;
        Changed?.Invoke();
        return true;
    }

    /// <summary>off: warnings and errors; messages: information too; verbose: everything.</summary>
    public LogEventLevel ClientLevel => _value switch
    {
        "verbose" => LogEventLevel.Debug,
        "messages" => LogEventLevel.Information,
        _ => LogEventLevel.Warning,
    };

    public static MessageType ToMessageType(LogEventLevel level) => level switch
    {
        >= LogEventLevel.Error => MessageType.Error,
        LogEventLevel.Warning => MessageType.Warning,
        LogEventLevel.Information => MessageType.Info,
        _ => MessageType.Log,
    };
}
