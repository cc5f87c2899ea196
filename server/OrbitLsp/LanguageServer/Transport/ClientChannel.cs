using OrbitLsp.LanguageServer.Protocol;
using Serilog;
using StreamJsonRpc;

namespace OrbitLsp.LanguageServer.Transport;

/// <summary>Messages the server sends to the client. A failure to send is logged, never thrown.</summary>
public sealed class ClientChannel(JsonRpc rpc)
{
    public ILogger Log { get; set; } = Serilog.Core.Logger.None;

    public Task NotifyAsync<T>(string method, T args) => Guard(method, () => rpc.NotifyWithParameterObjectAsync(method, args));

    public void Notify<T>(string method, T args) => _ = NotifyAsync(method, args);

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
            return (true, await rpc.InvokeWithParameterObjectAsync<T>(method, args, cancellationToken).ConfigureAwait(false));
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
