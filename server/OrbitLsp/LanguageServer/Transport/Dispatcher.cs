using System.Diagnostics;
using System.Text.Json;
using OrbitLsp.LanguageServer.Lifecycle;
using OrbitLsp.LanguageServer.Logging;
using OrbitLsp.LanguageServer.Protocol;
using Serilog;
using StreamJsonRpc;

namespace OrbitLsp.LanguageServer.Transport;

/// <summary>
/// Puts every handler behind the same rules: the lifecycle (ServerNotInitialized before
/// initialize), missing params as InvalidParams, <c>$/logTrace</c>, and any failure caught,
/// logged and answered as an error, so one broken feature never takes the server down.
/// </summary>
public sealed class Dispatcher(JsonRpc rpc, ServerState state, TraceSetting trace, ClientChannel client, ILogger log)
{
    /// <summary>A request; <paramref name="anyPhase"/> for the lifecycle's own (initialize, shutdown).</summary>
    public void Request<TParams, TResult>(string method, Func<TParams, CancellationToken, Task<TResult>> handler, bool anyPhase = false) =>
        rpc.AddRequest<JsonElement?, TResult>(method, (json, ct) => Run(method, json, anyPhase, () => handler(Read<TParams>(method, json), ct), ct));

    public void Request<TResult>(string method, Func<CancellationToken, Task<TResult>> handler, bool anyPhase = false) =>
        rpc.AddRequest<TResult>(method, ct => Run<TResult>(method, null, anyPhase, () => handler(ct), ct));

    /// <summary>A notification: dropped before initialize and after shutdown (except the lifecycle's own).</summary>
    public void Notification<TParams>(string method, Action<TParams> handler, bool anyPhase = false) =>
        // NOTE: a notification's params are read straight into their type (no JsonElement first):
        // for a 1 MB didOpen that is one pass over the message less. Params that do not fit are
        // dropped by the connection; a notification has no answer to carry the error anyway.
        rpc.AddNotification<TParams?>(method, p => Notify(method, p, anyPhase, () => handler(p ?? throw Errors.InvalidParams($"{method} needs a params object."))));

    public void Notification(string method, Action handler, bool anyPhase = false) =>
        rpc.AddNotification(method, () => Notify(method, null, anyPhase, handler));

    /// <summary>The params as the handler's type, or InvalidParams naming what does not fit.</summary>
    private static TParams Read<TParams>(string method, JsonElement? json)
    {
        if (json is not { ValueKind: JsonValueKind.Object or JsonValueKind.Array } element)
            throw Errors.InvalidParams($"{method} needs a params object.");
        try
        {
            return element.Deserialize(LspJson.Info<TParams>()) ?? throw Errors.InvalidParams($"{method} needs a params object.");
        }
        catch (JsonException e)
        {
            throw Errors.InvalidParams($"{method}: the params do not fit the specification{(e.Path is { } path ? " at " + path : "")}.");
        }
    }

    private async Task<TResult> Run<TResult>(string method, JsonElement? p, bool anyPhase, Func<Task<TResult>> handler, CancellationToken ct)
    {
        var clock = MessageClock.Start(counting: log.IsEnabled(Serilog.Events.LogEventLevel.Debug));
        state.MessageReceived();
        try
        {
            if (!anyPhase) state.EnsureAccepts(method);
            Task<TResult> running;
            using (ThreadPoolSwitch.Dispatching()) running = handler();
            return await running.ConfigureAwait(false);
        }
        catch (LocalRpcException e)
        {
            log.Information("{Method:l} answered with error {Code}: {Message:l}", method, e.ErrorCode, e.Message);
            throw;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            log.Debug("{Method:l} cancelled", method);
            throw;
        }
        catch (Exception e)
        {
            log.Error(e, "{Method:l} failed", method);
            throw new LocalRpcException($"{method} failed: {e.Message}") { ErrorCode = ErrorCodes.InternalError };
        }
        finally
        {
            Trace("request", method, p, clock);
        }
    }

    private void Notify(string method, object? p, bool anyPhase, Action handler)
    {
        var clock = MessageClock.Start(counting: log.IsEnabled(Serilog.Events.LogEventLevel.Debug));
        state.MessageReceived();
        try
        {
            if (!anyPhase && !state.AcceptsNotifications)
            {
                log.Information("{Method:l} dropped: the server is {Phase:l}", method, state.Phase);
                return;
            }
            using (ThreadPoolSwitch.Dispatching()) handler();
        }
        catch (LocalRpcException e)
        {
            log.Warning("{Method:l} ignored: {Message:l}", method, e.Message);
        }
        catch (Exception e)
        {
            log.Error(e, "{Method:l} failed", method);
        }
        finally
        {
            Trace("notification", method, p, clock);
        }
    }

    /// <summary>Handling that took at least this long is logged (at debug level) with the collections that ran meanwhile.</summary>
    public static readonly TimeSpan Slow = TimeSpan.FromMilliseconds(5);

    private void Trace(string kind, string method, object? p, MessageClock clock)
    {
        var elapsed = clock.Elapsed;
        if (clock.Counting && elapsed >= Slow)
        {
            var (gen0, gen1, gen2, paused) = clock.CollectionsSince();
            log.Debug("{Method:l} took {Ms:F1} ms; meanwhile {Allocated:N0} KB allocated, collections gen0 {Gen0}, gen1 {Gen1}, gen2 {Gen2}, paused {Paused:F1} ms",
                method, elapsed.TotalMilliseconds, clock.AllocatedSince() >> 10, gen0, gen1, gen2, paused.TotalMilliseconds);
        }
        if (!trace.IsOn || method == Methods.SetTrace) return;
        string? verbose = !trace.IsVerbose || p is null ? null
            : "Params: " + (p is JsonElement json ? json.GetRawText() : JsonSerializer.Serialize(p, LspJson.Info(p.GetType())));
        client.Notify(Methods.LogTrace, new LogTraceParams($"Handled {kind} '{method}' in {elapsed.TotalMilliseconds:F1}ms.", verbose));
    }
}

/// <summary>
/// When a message's handling started, and the collector's counts then: a slow message is logged with
/// the collections that ran while it was handled (any thread's; a collection stops them all), which
/// tells a slow keystroke that waited for the collector from one that did slow work.
/// </summary>
internal readonly struct MessageClock
{
    private readonly long _started;
    private readonly int _gen0, _gen1, _gen2;
    private readonly TimeSpan _paused;
    private readonly long _allocated;

    private MessageClock(long started, bool counting, int gen0, int gen1, int gen2, TimeSpan paused, long allocated) =>
        (_started, Counting, _gen0, _gen1, _gen2, _paused, _allocated) = (started, counting, gen0, gen1, gen2, paused, allocated);

    /// <summary>Starts the clock; the collector's counts are read only when <paramref name="counting"/> (the debug log is on).</summary>
    public static MessageClock Start(bool counting) => counting
        ? new(Stopwatch.GetTimestamp(), true, GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration(), GC.GetTotalAllocatedBytes())
        : new(Stopwatch.GetTimestamp(), false, 0, 0, 0, TimeSpan.Zero, 0);

    /// <summary>Whether the collector's counts were read at the start (<see cref="CollectionsSince"/> means something).</summary>
    public bool Counting { get; }

    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(_started);

    /// <summary>Collections of each generation begun since the start (a gen2 counts in all three) and the time paused in them.</summary>
    public (int Gen0, int Gen1, int Gen2, TimeSpan Paused) CollectionsSince() =>
        (GC.CollectionCount(0) - _gen0, GC.CollectionCount(1) - _gen1, GC.CollectionCount(2) - _gen2, GC.GetTotalPauseDuration() - _paused);

    /// <summary>Bytes allocated since the start by every thread (the handler's own and whatever ran beside it).</summary>
    public long AllocatedSince() => GC.GetTotalAllocatedBytes() - _allocated;
}

/// <summary>Errors a handler throws to answer a request with an LSP error code.</summary>
public static class Errors
{
    public static LocalRpcException InvalidParams(string message) => new(message) { ErrorCode = ErrorCodes.InvalidParams };

    public static LocalRpcException RequestFailed(string message) => new(message) { ErrorCode = ErrorCodes.RequestFailed };
}
