using OrbitLsp.LanguageServer.Protocol;
using Serilog;
using StreamJsonRpc;

namespace OrbitLsp.LanguageServer.Transport;

/// <summary>
/// Messages the server sends to the client. A failure to send is logged, never thrown.
/// Notifications go out one at a time, in order, through a queue that cannot grow without bound
/// while the client reads nothing (its pipe full): a note's diagnostics waiting to be sent are
/// replaced by newer ones, so are a progress token's reports, and log messages beyond
/// <see cref="MaxQueuedLogMessages"/>, or beyond <see cref="MaxQueuedLogChars"/> characters (a
/// verbose trace carries each message's params), are dropped and counted (the client is told how
/// many once it reads again).
/// </summary>
public sealed class ClientChannel(LspRpc rpc)
{
    public const int MaxQueuedLogMessages = 1000;

    public const long MaxQueuedLogChars = 4 * 1024 * 1024;

    private sealed class Outgoing(string method, object? args)
    {
        public string Method { get; } = method;

        public object? Args { get; set; } = args;
    }

    private readonly Lock _gate = new();
    private readonly LinkedList<Outgoing> _queue = new();
    private readonly Dictionary<string, Outgoing> _queuedDiagnostics = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Outgoing> _queuedReports = new(StringComparer.Ordinal);
    private int _queuedLogs;
    private long _queuedLogChars;
    private int _dropped;
    private bool _sending;

    public ILogger Log { get; set; } = Serilog.Core.Logger.None;

    /// <summary>Notifications waiting to be sent (the one being sent not counted).</summary>
    public int Queued
    {
        get { lock (_gate) return _queue.Count; }
    }

    public void Notify<T>(string method, T args)
    {
        lock (_gate)
        {
            switch (args)
            {
                case PublishDiagnosticsParams p when _queuedDiagnostics.TryGetValue(p.Uri, out var waiting):
                    waiting.Args = p;
                    return;
                case ProgressParams { Value.Kind: "report" } p when _queuedReports.TryGetValue(p.Token, out var waiting):
                    waiting.Args = p;
                    return;
            }
            if (IsLog(method))
            {
                long chars = LogChars(args);
                if (_queuedLogs >= MaxQueuedLogMessages || (_queuedLogs > 0 && _queuedLogChars + chars > MaxQueuedLogChars))
                {
                    _dropped++;
                    return;
                }
                _queuedLogs++;
                _queuedLogChars += chars;
            }
            var item = new Outgoing(method, args);
            if (args is PublishDiagnosticsParams diagnostics) _queuedDiagnostics[diagnostics.Uri] = item;
            else if (args is ProgressParams { Value.Kind: "report" } report) _queuedReports[report.Token] = item;
            _queue.AddLast(item);
            if (_sending) return;
            _sending = true;
        }
        // Runs to its first wait here, so a notification made while nothing waits is written in turn with responses.
        _ = SendQueuedAsync();
    }

    private static bool IsLog(string method) => method is Methods.LogMessage or Methods.LogTrace;

    private static long LogChars(object? args) => args switch
    {
        MessageParams m => m.Message.Length,
        LogTraceParams t => t.Message.Length + (t.Verbose?.Length ?? 0),
        _ => 0,
    };

    private async Task SendQueuedAsync()
    {
        while (true)
        {
            Outgoing item;
            lock (_gate)
            {
                if (_queue.First is { Value: var first })
                {
                    _queue.RemoveFirst();
                    item = first;
                    if (item.Args is PublishDiagnosticsParams d && _queuedDiagnostics.GetValueOrDefault(d.Uri) == item) _queuedDiagnostics.Remove(d.Uri);
                    else if (item.Args is ProgressParams p && _queuedReports.GetValueOrDefault(p.Token) == item) _queuedReports.Remove(p.Token);
                    else if (IsLog(item.Method))
                    {
                        _queuedLogs--;
                        _queuedLogChars -= LogChars(item.Args);
                    }
                }
                else if (_dropped > 0)
                {
                    item = new Outgoing(Methods.LogMessage, new MessageParams(MessageType.Warning, $"{_dropped} log messages were dropped while the client read nothing."));
                    _dropped = 0;
                }
                else
                {
                    _sending = false;
                    return;
                }
            }
            await Guard(item.Method, () => rpc.NotifyWithParamsAsync(item.Method, item.Args)).ConfigureAwait(false);
        }
    }

    public void ShowMessage(MessageType type, string message) => Notify(Methods.ShowMessage, new MessageParams(type, message));

    /// <summary>The client's answer; default when it answered with an error (or not at all).</summary>
    public async Task<T?> RequestAsync<T>(string method, object? args, CancellationToken cancellationToken) =>
        (await TryRequestAsync<T>(method, args, cancellationToken).ConfigureAwait(false)).Result;

    /// <summary>Sends a request whose answer is only a yes or no: false when the client answered with an error (or not at all).</summary>
    public async Task<bool> RequestAcceptedAsync(string method, object? args, CancellationToken cancellationToken) =>
        (await TryRequestAsync<System.Text.Json.JsonElement?>(method, args, cancellationToken).ConfigureAwait(false)).Answered;

    private async Task<(bool Answered, T? Result)> TryRequestAsync<T>(string method, object? args, CancellationToken cancellationToken)
    {
        try
        {
            return (true, await rpc.RequestWithParamsAsync<T>(method, args, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception e) when (e is RemoteInvocationException or ConnectionLostException or ObjectDisposedException or RemoteRpcException or System.Text.Json.JsonException)
        {
            Log.Warning("The client did not answer {Method:l}: {Error:l}", method, e.Message);
            return (false, default);
        }
    }

    private async Task Guard(string method, Func<Task> send)
    {
        try
        {
            await send().ConfigureAwait(false);
        }
        catch (Exception e) when (e is ConnectionLostException or ObjectDisposedException or IOException)
        {
            // The client is gone; the lifecycle notices through the connection's completion.
        }
        catch (Exception e)
        {
            Log.Warning(e, "Could not send {Method:l}", method);
        }
    }
}
