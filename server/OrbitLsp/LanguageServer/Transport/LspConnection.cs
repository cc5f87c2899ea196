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
    public static JsonRpc Create(Stream input, Stream output, Action<string> onBadInput)
    {
        var formatter = new SystemTextJsonFormatter { JsonSerializerOptions = LspJson.Options };
        var handler = new TolerantMessageHandler(output, input, formatter, onBadInput);
        var rpc = new JsonRpc(handler)
        {
            SynchronizationContext = new NonConcurrentSynchronizationContext(sticky: false),
            CancelLocallyInvokedMethodsWhenConnectionIsClosed = true,
        };
        return rpc;
    }
}
