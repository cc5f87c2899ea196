using System.IO.Pipelines;
using System.Runtime.InteropServices;

namespace OrbitLsp.LanguageServer.Transport;

/// <summary>
/// The connection without trips through the thread pool, so that a quick request is read, answered
/// and written by one thread. Over the pool (the input read as a pool task each time, each message's
/// dispatch posted to another pool thread, its answer pumped to the output by a third, the write
/// itself run as a fourth), a hover woke about six threads and took 0.16 ms of CPU for 0.05 ms of
/// work, and each thread woken could find its core taken (on two cores, often by the client's own
/// threads) and wait a millisecond or more. With these, a hover wakes about one thread and takes
/// about 0.1 ms of CPU (README, Latency).
/// <list type="bullet">
/// <item><see cref="BlockingInput"/>: the input read where the connection reads it, blocking that
/// thread until bytes come; the connection's reading of messages then stays on one pool thread
/// (the pool's minimum leaves room for it, see the project file).</item>
/// <item><see cref="InlineDispatch"/> runs what the connection dispatches on the thread that
/// dispatches it, in order: the handlers' code up to its first await, the hover's whole work when its
/// analysis is there.</item>
/// <item><see cref="OutputThread"/> writes on the answering thread when that cannot wait for the
/// client (the pipe empty, the message within its capacity), and otherwise hands the bytes to a
/// thread of its own: the reading thread never waits for a client that does not read.</item>
/// </list>
/// </summary>
internal static class StdioThreads
{
    /// <summary>File descriptor 1: what <see cref="Console.OpenStandardOutput()"/> writes to.</summary>
    public const int StandardOutput = 1;
}

/// <summary>
/// Runs posted work in the order it is posted, on the posting thread when nothing posted is running
/// (otherwise the thread running it runs this too, after). The connection posts each message's
/// dispatch from the thread that read it, so handlers run there one at a time in protocol order, as
/// <c>NonConcurrentSynchronizationContext</c> ran them on pool threads.
/// </summary>
internal sealed class InlineDispatch(Action<Exception> onError) : SynchronizationContext
{
    private readonly Queue<(SendOrPostCallback Work, object? State)> _queue = new();
    private readonly Lock _gate = new();
    private bool _running;

    public override void Post(SendOrPostCallback d, object? state)
    {
        lock (_gate)
        {
            _queue.Enqueue((d, state));
            if (_running) return;
            _running = true;
        }
        while (true)
        {
            (SendOrPostCallback Work, object? State) next;
            lock (_gate)
            {
                if (!_queue.TryDequeue(out next))
                {
                    _running = false;
                    return;
                }
            }
            try
            {
                next.Work(next.State);
            }
            catch (Exception e)
            {
                onError(e);
            }
        }
    }

    public override void Send(SendOrPostCallback d, object? state) =>
        throw new NotSupportedException("The connection's dispatch is posted to, never sent to.");

    public override SynchronizationContext CreateCopy() => this;
}

/// <summary>
/// The output as the connection writes it (see <see cref="StdioThreads"/>). A write goes straight to
/// the stream when nothing is waiting to be written and the stream can take it without waiting: a
/// pipe (Linux; <paramref name="descriptor"/>) that holds nothing unread and has room for the whole
/// message. Otherwise it is copied to a queue that a thread of its own writes out in order; past
/// <see cref="MaxQueued"/> bytes queued, a write completes only once the queue has room again (the
/// connection then waits for the client, as it waited for a full pipe before).
/// </summary>
internal sealed class OutputThread : Stream
{
    /// <summary>Bytes queued for the client before a write waits.</summary>
    public const int MaxQueued = 1 << 20;

    private readonly Stream _target;
    private readonly int? _descriptor;
    private readonly Lock _gate = new();
    private readonly Queue<byte[]> _queue = new();
    private readonly SemaphoreSlim _work = new(0);
    private long _queued;
    private bool _writing;
    private bool _done;
    private Exception? _failed;
    private TaskCompletionSource? _room;

    /// <param name="target">Where the bytes go.</param>
    /// <param name="descriptor">The file descriptor <paramref name="target"/> writes to, when it is a
    /// pipe whose fill can be read; null writes everything through the thread.</param>
    public OutputThread(Stream target, int? descriptor)
    {
        _target = target;
        _descriptor = descriptor is { } fd && PipeFill.Capacity(fd) > 0 ? fd : null;
        new Thread(Run) { IsBackground = true, Name = "OrbitLsp output" }.Start();
    }

    /// <summary>Writes made on the writing thread itself (tests read it).</summary>
    internal long DirectWrites { get; private set; }

    /// <summary>Nothing queued and nothing being written (tests read it).</summary>
    internal bool Idle
    {
        get { lock (_gate) return _queue.Count == 0 && !_writing; }
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Task? wait = null;
        lock (_gate)
        {
            if (_failed is { } failed) return ValueTask.FromException(new IOException("The output failed.", failed));
            if (_done) return ValueTask.FromException(new ObjectDisposedException(nameof(OutputThread)));
            if (_queue.Count == 0 && !_writing && _descriptor is { } fd && PipeFill.CanTakeWithoutWaiting(fd, buffer.Length))
            {
                _writing = true;
            }
            else
            {
                _queue.Enqueue(buffer.ToArray());
                _queued += buffer.Length;
                if (_queued > MaxQueued)
                {
                    _room ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    wait = _room.Task;
                }
                _work.Release();
                return wait is null ? ValueTask.CompletedTask : new ValueTask(wait.WaitAsync(cancellationToken));
            }
        }
        try
        {
            _target.Write(buffer.Span);
            DirectWrites++;
        }
        finally
        {
            lock (_gate) _writing = false;
        }
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override void Flush()
    {
    }

    private void Run()
    {
        while (true)
        {
            _work.Wait();
            byte[]? next;
            TaskCompletionSource? room = null;
            var spin = new SpinWait();
            while (true)
            {
                lock (_gate)
                {
                    // A direct write still under way was made before anything was queued: it goes first.
                    if (!_writing) break;
                }
                spin.SpinOnce();
            }
            lock (_gate)
            {
                if (!_queue.TryDequeue(out next))
                {
                    if (_done) break;
                    continue;
                }
                _writing = true;
            }
            try
            {
                _target.Write(next);
            }
            catch (Exception e)
            {
                lock (_gate)
                {
                    _failed = e;
                    _queue.Clear();
                    (room, _room) = (_room, null);
                }
                room?.TrySetException(e);
                return;
            }
            finally
            {
                lock (_gate)
                {
                    _writing = false;
                    _queued -= next.Length;
                    if (_queued <= MaxQueued / 2) (room, _room) = (_room, null);
                }
            }
            room?.TrySetResult();
        }
        _target.Dispose();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            lock (_gate) _done = true;
            _work.Release();
        }
        base.Dispose(disposing);
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}

/// <summary>
/// How full a pipe is (Linux): a write to a pipe that holds nothing unread and is no longer than the
/// pipe's capacity cannot wait for the reader. Anything else (another system, not a pipe, a call that
/// fails) says it might.
/// </summary>
internal static class PipeFill
{
    private const int GetPipeSize = 1032; // F_GETPIPE_SZ
    private const nuint BytesUnread = 0x541B; // FIONREAD

    /// <summary>The pipe's capacity in bytes; 0 when <paramref name="descriptor"/> is not a pipe or it cannot be told.</summary>
    public static int Capacity(int descriptor)
    {
        if (!OperatingSystem.IsLinux()) return 0;
        try
        {
            int size = Fcntl(descriptor, GetPipeSize);
            return size > 0 ? size : 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return 0;
        }
    }

    public static bool CanTakeWithoutWaiting(int descriptor, int bytes)
    {
        try
        {
            return bytes <= Capacity(descriptor) && Ioctl(descriptor, BytesUnread, out int unread) == 0 && unread == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [DllImport("libc", EntryPoint = "fcntl")]
    private static extern int Fcntl(int fd, int cmd);

    [DllImport("libc", EntryPoint = "ioctl")]
    private static extern int Ioctl(int fd, nuint request, out int value);
}

/// <summary>
/// A stream whose reads complete on the calling thread, blocking it until bytes come: the
/// connection's read loop, which awaits each read, then goes on on the same thread instead of
/// waiting for a pool thread to run the read (what the console's stream does) and another to go on.
/// The reads themselves are the stream's as before, into the same buffers (the first large note
/// then lands in the memory the warm-up touched, see <see cref="Warmup"/>).
/// </summary>
internal sealed class BlockingInput(Stream source) : Stream
{
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => new(source.Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromResult(source.Read(buffer, offset, count));

    public override int Read(byte[] buffer, int offset, int count) => source.Read(buffer, offset, count);

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) source.Dispose();
        base.Dispose(disposing);
    }
}
