using System.Runtime.CompilerServices;

namespace OrbitLsp.LanguageServer.Transport;

/// <summary>
/// <c>await ThreadPoolSwitch.Instance</c> goes on on a thread-pool thread, off the connection's
/// one-at-a-time dispatch (see <see cref="LspConnection"/>), which is then free for the next
/// message. Already off it, on the pool without a synchronization context, it goes on at once.
/// </summary>
/// <remarks>
/// The dispatch runs on pool threads too, and sets no synchronization context while it runs a
/// handler (its context is not sticky), so neither tells whether a handler is still on it: the
/// <see cref="Dispatcher"/> marks the thread while it runs a handler's code up to its first await
/// (<see cref="OnDispatch"/>). Before that mark, work after this await stayed on the dispatch, and
/// a semantic-tokens request held the next keystroke's didChange for 12 ms.
/// </remarks>
public readonly struct ThreadPoolSwitch : ICriticalNotifyCompletion
{
    public static ThreadPoolSwitch Instance => default;

    [ThreadStatic]
    private static bool t_onDispatch;

    /// <summary>Whether this thread is running a handler for the dispatch (its code up to its first await).</summary>
    public static bool OnDispatch => t_onDispatch;

    /// <summary>Marks this thread as the dispatch's until the result is disposed.</summary>
    internal static DispatchMark Dispatching()
    {
        bool outer = t_onDispatch;
        t_onDispatch = true;
        return new DispatchMark(outer);
    }

    internal readonly struct DispatchMark(bool outer) : IDisposable
    {
        public void Dispose() => t_onDispatch = outer;
    }

    public ThreadPoolSwitch GetAwaiter() => this;

    public bool IsCompleted => !t_onDispatch && SynchronizationContext.Current is null && Thread.CurrentThread.IsThreadPoolThread;

    public void GetResult()
    {
    }

    public void OnCompleted(Action continuation) => ThreadPool.QueueUserWorkItem(static c => c(), continuation, preferLocal: false);

    public void UnsafeOnCompleted(Action continuation) => ThreadPool.UnsafeQueueUserWorkItem(static c => c(), continuation, preferLocal: false);
}
