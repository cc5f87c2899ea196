using System.Reflection;
using StreamJsonRpc;

namespace OrbitLsp.LanguageServer.Transport;

/// <summary>Registers delegates as LSP methods: one params object, deserialized whole.</summary>
public static class RpcRegistration
{
    public static void AddRequest<TParams, TResult>(this JsonRpc rpc, string method, Func<TParams, CancellationToken, Task<TResult>> handler) =>
        Add(rpc, method, handler);

    public static void AddRequest<TResult>(this JsonRpc rpc, string method, Func<CancellationToken, Task<TResult>> handler) =>
        Add(rpc, method, handler);

    public static void AddNotification<TParams>(this JsonRpc rpc, string method, Action<TParams> handler) =>
        Add(rpc, method, handler);

    public static void AddNotification(this JsonRpc rpc, string method, Action handler) =>
        Add(rpc, method, handler);

    private static void Add(JsonRpc rpc, string method, Delegate handler)
    {
        var attribute = new JsonRpcMethodAttribute(method) { UseSingleObjectParameterDeserialization = true };
        rpc.AddLocalRpcMethod(handler.GetMethodInfo(), handler.Target, attribute);
    }
}
