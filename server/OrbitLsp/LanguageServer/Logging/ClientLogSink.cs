using OrbitLsp.LanguageServer.Protocol;
using OrbitLsp.LanguageServer.Transport;
using Serilog.Core;
using Serilog.Events;

namespace OrbitLsp.LanguageServer.Logging;

/// <summary>Sends log events to the client as <c>window/logMessage</c>, at the level the trace setting asks.</summary>
public sealed class ClientLogSink(TraceSetting trace) : ILogEventSink
{
    public TraceSetting Trace => trace;

    public ClientChannel? Client { get; set; }

    public void Emit(LogEvent logEvent)
    {
        if (Client is not { } client || logEvent.Level < trace.ClientLevel) return;
        string message = logEvent.RenderMessage();
        if (logEvent.Exception is { } e) message += "\n" + e;
        client.Notify(Methods.LogMessage, new MessageParams(TraceSetting.ToMessageType(logEvent.Level), message));
    }
}
