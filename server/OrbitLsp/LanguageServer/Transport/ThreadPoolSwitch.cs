using System.Runtime.CompilerServices;

namespace OrbitLsp.LanguageServer.Transport;

/// <summary>
/// <c>await ThreadPoolSwitch.Instance</c> goes on on a thread-pool thread without a
/// synchronization context: it leaves the connection's one-at-a-time dispatch (see
/// <see cref="LspConnection"/>) free for the next message. Already there, it goes on at once.
/// </summary>
public readonly struct ThreadPoolSwitch : ICriticalNotifyCompletion
{
    public static ThreadPoolSwitch Instance => default;

    public ThreadPoolSwitch GetAwaiter() => this;

    public bool IsCompleted => SynchronizationContext.Current is null && Thread.CurrentThread.IsThreadPoolThread;

    public void GetResult()
    {
    }

    public void OnCompleted(Action continuation) => ThreadPool.QueueUserWorkItem(static c => c(), continuation, preferLocal: false);

    public void UnsafeOnCompleted(Action continuation) => ThreadPool.UnsafeQueueUserWorkItem(static c => c(), continuation, preferLocal: false);
}
