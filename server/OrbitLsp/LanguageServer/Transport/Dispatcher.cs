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
        var clock = Stopwatch.StartNew();
        state.MessageReceived();
        try
        {
            if (!anyPhase) state.EnsureAccepts(method);
            return await handler().ConfigureAwait(false);
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
        var clock = Stopwatch.StartNew();
        state.MessageReceived();
        try
        {
            if (!anyPhase && !state.AcceptsNotifications)
            {
                log.Information("{Method:l} dropped: the server is {Phase:l}", method, state.Phase);
                return;
            }
            handler();
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

    private void Trace(string kind, string method, object? p, Stopwatch clock)
    {
        if (!trace.IsOn || method == Methods.SetTrace) return;
        string? verbose = !trace.IsVerbose || p is null ? null
            : "Params: " + (p is JsonElement json ? json.GetRawText() : JsonSerializer.Serialize(p, LspJson.Info(p.GetType())));
        client.Notify(Methods.LogTrace, new LogTraceParams($"Handled {kind} '{method}' in {clock.Elapsed.TotalMilliseconds:F1}ms.", verbose));
    }
}

/// <summary>Errors a handler throws to answer a request with an LSP error code.</summary>
public static class Errors
{
    public static LocalRpcException InvalidParams(string message) => new(message) { ErrorCode = ErrorCodes.InvalidParams };

    public static LocalRpcException RequestFailed(string message) => new(message) { ErrorCode = ErrorCodes.RequestFailed };
}
