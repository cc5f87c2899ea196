using System.Diagnostics.CodeAnalysis;
using Microsoft.VisualStudio.Threading;
using StreamJsonRpc;

namespace OrbitLsp.LanguageServer.Transport;

/// <summary>
/// JSON-RPC over a pair of streams with LSP's Content-Length headers and System.Text.Json.
/// Incoming messages are dispatched one at a time in the order they arrive, so a handler's code
/// up to its first await (where document mutations happen) runs in protocol order.
/// </summary>
public static class LspConnection
{
    public static LspRpc Create(Stream input, Stream output, Action<string> onBadInput, Action<long, TimeSpan, TimeSpan, int>? onLargeMessage = null)
    {
        var handler = new TolerantMessageHandler(output, input, NewFormatter(), onBadInput) { LargeMessageRead = onLargeMessage };
        var rpc = new LspRpc(handler)
        {
            SynchronizationContext = new NonConcurrentSynchronizationContext(sticky: false),
            CancelLocallyInvokedMethodsWhenConnectionIsClosed = true,
        };
        return rpc;
    }

    /// <summary>
    /// StreamJsonRpc's System.Text.Json formatter over <see cref="LspJson.Options"/>, whose only
    /// resolver is the generated <see cref="LspJsonContext"/>.
    /// </summary>
    /// <remarks>
    /// StreamJsonRpc 2.26 marks the whole formatter as not hardened against trimming and dynamic
    /// code, yet documents it as the formatter for UTF-8 JSON in a native (AOT) program under
    /// conditions (docs/nativeAOT.md of vs-streamjsonrpc) that the server keeps: the user data is
    /// serialized only through a <c>JsonSerializerContext</c> (no reflection-based resolver), no
    /// proxies (<c>Attach</c>), no <c>AddLocalRpcTarget</c> over an object, parameter objects sent
    /// through <see cref="LspRpc"/> (not the reflecting <c>...WithParameterObjectAsync(object)</c>),
    /// and none of the exotic types whose converters close generics at run time (IProgress,
    /// IAsyncEnumerable, pipes, streams, marshalable objects; exceptions travel as LSP errors with
    /// a code and a message, never serialized). The server's tests run against the native build
    /// (scripts/test.sh).
    /// </remarks>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Used as StreamJsonRpc's NativeAOT guidance allows: see remarks.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Used as StreamJsonRpc's NativeAOT guidance allows: see remarks.")]
    public static SystemTextJsonFormatter NewFormatter() => new() { JsonSerializerOptions = LspJson.Options };
}

/// <summary>
/// The connection, with a way to send a params object that reflects over nothing: the object goes
/// to the formatter whole and is written with its generated contract, as LSP wants it (one JSON
/// object). StreamJsonRpc's public <c>NotifyWithParameterObjectAsync(string, object)</c> does the
/// same with this formatter, but is marked as reflecting over the object (other formatters split
/// it into named arguments).
/// </summary>
public sealed class LspRpc(IJsonRpcMessageHandler handler) : JsonRpc(handler)
{
    /// <summary>A notification whose params are <paramref name="parameters"/> (a class; none when null).</summary>
    public Task NotifyWithParamsAsync(string method, object? parameters) =>
        InvokeCoreAsync<object>(RequestId.NotSpecified, method, parameters is null ? null : [parameters], CancellationToken.None, isParameterObject: true);

    /// <summary>A request whose params are <paramref name="parameters"/> (a class; none when null), its result read as <typeparamref name="T"/>.</summary>
    public Task<T> RequestWithParamsAsync<T>(string method, object? parameters, CancellationToken cancellationToken) =>
        InvokeCoreAsync<T>(CreateNewRequestId(), method, parameters is null ? null : [parameters], cancellationToken, isParameterObject: true);
}
