using System.IO.Pipelines;
using OrbitLsp.LanguageServer.Lifecycle;
using OrbitLsp.LanguageServer.Logging;
using OrbitLsp.LanguageServer.Protocol;
using OrbitLsp.LanguageServer.Transport;
using OrbitLsp.Server.Tests.Infrastructure;

namespace OrbitLsp.Server.Tests;

/// <summary>
/// The connection dispatches one message at a time, in order; a handler's work after
/// <see cref="ThreadPoolSwitch"/> must leave that dispatch to the next message (a keystroke's
/// didChange after a semantic-tokens request), however the handler reached it.
/// </summary>
[Trait(TestServer.Trait, TestServer.HereOnly)]
public sealed class DispatchTests
{
    private sealed class Connection : IAsyncDisposable
    {
        private readonly Pipe _toServer = new(), _toClient = new();

        public Connection()
        {
            Rpc = LspConnection.Create(_toServer.Reader.AsStream(), _toClient.Writer.AsStream(), _ => { });
            Dispatch = new Dispatcher(Rpc, new ServerState(), new TraceSetting(), new ClientChannel(Rpc), Serilog.Core.Logger.None);
            Client = new LspTestClient(_toClient.Reader.AsStream(), _toServer.Writer.AsStream());
        }

        public LspRpc Rpc { get; }

        public Dispatcher Dispatch { get; }

        public LspTestClient Client { get; }

        public async ValueTask DisposeAsync()
        {
            _toServer.Writer.Complete();
            await Client.DisposeAsync();
            Rpc.Dispose();
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Work_after_the_switch_does_not_hold_up_the_next_message(bool awaitedACompletedTaskFirst)
    {
        await using var connection = new Connection();
        using var release = new ManualResetEventSlim();
        var onDispatchAfterSwitch = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var pinged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Dispatch.Request<Hover?>("test/slow", async ct =>
        {
            // An analysis already made is a completed task: awaiting it stays on the dispatch.
            if (awaitedACompletedTaskFirst) await Task.CompletedTask.ConfigureAwait(false);
            await ThreadPoolSwitch.Instance;
            onDispatchAfterSwitch.TrySetResult(ThreadPoolSwitch.OnDispatch);
            release.Wait(ct);
            return null;
        }, anyPhase: true);
        connection.Dispatch.Notification("test/ping", () => pinged.TrySetResult(), anyPhase: true);
        connection.Rpc.StartListening();

        var (_, slow) = await connection.Client.StartRequestAsync("test/slow", new { });
        Assert.False(await onDispatchAfterSwitch.Task.WaitAsync(LspTestClient.Deadline));
        await connection.Client.NotifyAsync("test/ping", new { });
        // Were the slow work still on the dispatch, the ping would wait for its release, which comes only after.
        await pinged.Task.WaitAsync(LspTestClient.Deadline);
        release.Set();
        await slow.WaitAsync(LspTestClient.Deadline);
    }

    [Fact]
    public async Task A_handler_runs_marked_as_on_the_dispatch_up_to_its_first_await_only()
    {
        await using var connection = new Connection();
        var seen = new TaskCompletionSource<(bool Before, bool AfterYield)>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Dispatch.Request<Hover?>("test/where", async ct =>
        {
            bool before = ThreadPoolSwitch.OnDispatch;
            await Task.Yield();
            seen.TrySetResult((before, ThreadPoolSwitch.OnDispatch));
            return null;
        }, anyPhase: true);
        connection.Rpc.StartListening();

        await connection.Client.RequestAsync("test/where", new { });
        Assert.Equal((true, false), await seen.Task.WaitAsync(LspTestClient.Deadline));
        Assert.False(ThreadPoolSwitch.OnDispatch);
    }
}
