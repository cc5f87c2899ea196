using System.Text.Json;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace OrbitLsp.LanguageServer.Transport;

/// <summary>
/// LSP's Content-Length framing that survives a message whose body is not JSON: StreamJsonRpc would
/// close the connection, this answers it with ParseError (-32700, id null) and reads on. The
/// framing tells where the bad message ends, so the next one is read as usual.
/// </summary>
public sealed class TolerantMessageHandler(Stream output, Stream input, IJsonRpcMessageFormatter formatter, Action<Exception> onMalformed)
    : HeaderDelimitedMessageHandler(output, input, formatter)
{
    protected override async ValueTask<JsonRpcMessage?> ReadCoreAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return await base.ReadCoreAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (JsonException e)
            {
                onMalformed(e);
                var error = new JsonRpcError
                {
                    RequestId = new RequestId(null),
                    Error = new JsonRpcError.ErrorDetail { Code = JsonRpcErrorCode.ParseError, Message = "The message is not valid JSON: " + e.Message },
                };
                await WriteAsync(error, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
