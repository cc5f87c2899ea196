using System.IO.Pipes;
using System.Text;
using OrbitLsp.LanguageServer.Transport;

namespace OrbitLsp.Server.Tests;

/// <summary>The connection's own threads (<see cref="StdioThreads"/>): order kept, and no writer waits for a client that does not read.</summary>
public sealed class StdioThreadsTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Writes_to_an_output_that_cannot_take_them_return_at_once_and_arrive_in_order()
    {
        var target = new HeldStream();
        var output = new OutputThread(target, descriptor: null);
        var first = output.WriteAsync("one "u8.ToArray());
        // The thread is inside the target's write now, held; the writer is not.
        Assert.True(target.Entered.Wait(Patience));
        var second = output.WriteAsync("two "u8.ToArray());
        var third = output.WriteAsync("three"u8.ToArray());
        Assert.True(first.IsCompleted && second.IsCompleted && third.IsCompleted);
        target.Release.Set();
        await WaitUntilAsync(() => target.Text == "one two three");
        Assert.Equal(0, output.DirectWrites);
    }

    [Fact]
    public async Task Past_the_queue_limit_a_write_waits_for_room_and_the_writing_thread_is_not_held()
    {
        var target = new HeldStream();
        var output = new OutputThread(target, descriptor: null);
        byte[] chunk = new byte[OutputThread.MaxQueued / 4];
        var writes = Enumerable.Range(0, 8).Select(_ => output.WriteAsync(chunk)).ToList();
        // Four fill the queue to its limit (the one being written counts until it is out); the fifth goes over it.
        Assert.True(writes.Take(4).All(w => w.IsCompleted));
        Assert.False(writes[4].IsCompleted);
        target.Release.Set();
        foreach (var write in writes) await write.AsTask().WaitAsync(Patience);
        await WaitUntilAsync(() => target.Length == 8L * chunk.Length);
    }

    [Fact]
    public async Task Into_an_empty_pipe_a_write_is_made_by_the_writer_and_into_an_unread_one_by_the_thread()
    {
        if (!OperatingSystem.IsLinux()) return;
        using var server = new AnonymousPipeServerStream(PipeDirection.Out);
        using var client = new AnonymousPipeClientStream(PipeDirection.In, server.ClientSafePipeHandle);
        int descriptor = (int)server.SafePipeHandle.DangerousGetHandle();
        var output = new OutputThread(server, descriptor);
        await output.WriteAsync("first"u8.ToArray());
        Assert.Equal(1, output.DirectWrites);
        // "first" is still in the pipe, unread: the next goes through the thread, after it.
        await output.WriteAsync(" second"u8.ToArray());
        Assert.Equal(1, output.DirectWrites);
        byte[] read = new byte[64];
        int n = 0;
        while (n < "first second".Length) n += await client.ReadAsync(read.AsMemory(n)).AsTask().WaitAsync(Patience);
        Assert.Equal("first second", Encoding.ASCII.GetString(read, 0, n));
        // Read out: the pipe is empty again, and the writer writes.
        await WaitUntilAsync(() => output.Idle && PipeFill.CanTakeWithoutWaiting(descriptor, 10));
        await output.WriteAsync("third"u8.ToArray());
        Assert.Equal(2, output.DirectWrites);
    }

    [Fact]
    public async Task A_client_that_reads_nothing_never_holds_the_writer()
    {
        if (!OperatingSystem.IsLinux()) return;
        using var server = new AnonymousPipeServerStream(PipeDirection.Out);
        using var client = new AnonymousPipeClientStream(PipeDirection.In, server.ClientSafePipeHandle);
        var output = new OutputThread(server, (int)server.SafePipeHandle.DangerousGetHandle());
        byte[] message = new byte[10_000];
        // Far more than the pipe holds (64 KB): the thread is held in a write, the writer never is
        // (until the queue is over its limit, and then only as a task that waits).
        for (int i = 0; i < 50; i++) Assert.True(output.WriteAsync(message).IsCompleted);
        byte[] drain = new byte[1 << 16];
        long total = 0;
        while (total < 50L * message.Length) total += await client.ReadAsync(drain).AsTask().WaitAsync(Patience);
        Assert.Equal(50L * message.Length, total);
    }

    [Fact]
    public void Work_posted_while_other_work_runs_runs_after_it_in_order_on_the_same_thread()
    {
        var errors = new List<Exception>();
        var dispatch = new InlineDispatch(errors.Add);
        var ran = new List<string>();
        int thread = Environment.CurrentManagedThreadId;
        dispatch.Post(_ =>
        {
            ran.Add("first starts");
            dispatch.Post(_ => ran.Add($"second on {(Environment.CurrentManagedThreadId == thread ? "the posting thread" : "another")}"), null);
            dispatch.Post(_ => throw new InvalidOperationException("third fails"), null);
            dispatch.Post(_ => ran.Add("fourth"), null);
            ran.Add("first ends");
        }, null);
        Assert.Equal(["first starts", "first ends", "second on the posting thread", "fourth"], ran);
        Assert.Equal("third fails", Assert.Single(errors).Message);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The condition did not come true.");
            await Task.Delay(5);
        }
    }

    /// <summary>A stream whose first write waits until <see cref="Release"/> is set: a client that has stopped reading.</summary>
    private sealed class HeldStream : Stream
    {
        private readonly MemoryStream _written = new();

        public ManualResetEventSlim Entered { get; } = new();

        public ManualResetEventSlim Release { get; } = new();

        public string Text
        {
            get { lock (_written) return Encoding.ASCII.GetString(_written.ToArray()); }
        }

        public override long Length
        {
            get { lock (_written) return _written.Length; }
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Entered.Set();
            Release.Wait();
            lock (_written) _written.Write(buffer);
        }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
