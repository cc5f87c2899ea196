using OrbitLsp.LanguageServer.Documents;
using OrbitLsp.LanguageServer.Protocol;
using StreamJsonRpc;

namespace OrbitLsp.LanguageServer.Lifecycle;

public enum ServerPhase
{
    /// <summary>Waiting for <c>initialize</c>: every other request gets ServerNotInitialized.</summary>
    Created,
    Running,

    /// <summary>After <c>shutdown</c>: only <c>exit</c> is expected.</summary>
    ShuttingDown,
    Exited,
}

/// <summary>Where the server is in its lifecycle, what the client said it supports, and the exit code.</summary>
public sealed class ServerState
{
    private readonly TaskCompletionSource<int> _exit = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ServerPhase Phase { get; private set; } = ServerPhase.Created;

    public ClientCapabilities Client { get; private set; } = new();

    public PositionEncoder Encoder { get; private set; } = PositionEncoder.Utf16;

    public string? ClientName { get; private set; }

    public int? ClientProcessId { get; private set; }

    /// <summary>The client pulls diagnostics (<c>textDocument/diagnostic</c>): nothing is pushed to it.</summary>
    public bool PullsDiagnostics => Client.TextDocument?.Diagnostic is not null;

    public bool HoverPrefersPlainText =>
        Client.TextDocument?.Hover?.ContentFormat is { Length: > 0 } formats && formats[0] != MarkupContent.Markdown && !formats.Contains(MarkupContent.Markdown);

    public Task<int> ExitCode => _exit.Task;

    public void Initialize(InitializeParams p)
    {
        if (Phase != ServerPhase.Created)
            throw new LocalRpcException("initialize was already received; a server is initialized once.") { ErrorCode = ErrorCodes.InvalidRequest };
        Client = p.Capabilities ?? new();
        Encoder = PositionEncoder.Negotiate(Client.General?.PositionEncodings);
        ClientName = p.ClientInfo?.Name;
        ClientProcessId = p.ProcessId;
        Phase = ServerPhase.Running;
    }

    /// <summary>Throws the error the specification asks for when a request comes at the wrong time.</summary>
    public void EnsureAccepts(string method)
    {
        if (Phase == ServerPhase.Created)
            throw new LocalRpcException($"The server is not initialized: send initialize before {method}.") { ErrorCode = ErrorCodes.ServerNotInitialized };
        if (Phase != ServerPhase.Running)
            throw new LocalRpcException($"The server is shutting down: {method} is not accepted after shutdown.") { ErrorCode = ErrorCodes.InvalidRequest };
    }

    public bool AcceptsNotifications => Phase == ServerPhase.Running;

    public void Shutdown() => Phase = ServerPhase.ShuttingDown;

    /// <summary>Ends the server: 0 after a shutdown request, 1 otherwise (as the specification says for exit).</summary>
    public void Exit(string why)
    {
        int code = Phase == ServerPhase.ShuttingDown ? 0 : 1;
        Phase = ServerPhase.Exited;
        ExitReason = why;
        _exit.TrySetResult(code);
    }

    public string? ExitReason { get; private set; }

    private long _lastMessage = Environment.TickCount64;

    /// <summary>Notes that a request or notification came from the client (see <see cref="SinceLastMessage"/>).</summary>
    public void MessageReceived()
    {
        Volatile.Write(ref _lastMessage, Environment.TickCount64);
        MessageArrived?.Invoke();
    }

    /// <summary>Told of each message from the client, after <see cref="SinceLastMessage"/> starts again.</summary>
    public Action? MessageArrived { get; set; }

    /// <summary>How long the client has been silent: background work waits for a pause in what it asks.</summary>
    public TimeSpan SinceLastMessage => TimeSpan.FromMilliseconds(Environment.TickCount64 - Volatile.Read(ref _lastMessage));
}
