using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using OrbitLsp.LanguageServer.Logging;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace OrbitLsp.Server.Tests;

public sealed partial class CollectionLogTests
{
    private sealed class Lines : ILogEventSink
    {
        public ConcurrentQueue<string> All { get; } = new();

        public void Emit(LogEvent logEvent) => All.Enqueue(logEvent.RenderMessage(CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"^Collection #(\d+) \(gen(\d)(, compacting)?\) paused the server \d+\.\d ms; \d+ KB survived it$")]
    private static partial Regex Line();

    private static void Collect(int generation)
    {
        GC.Collect(generation, GCCollectionMode.Forced, blocking: true);
        GC.WaitForPendingFinalizers();
    }

    [Fact]
    public void Each_collection_that_pauses_long_enough_is_logged_with_its_number_and_generation()
    {
        var lines = new Lines();
        using var stopping = new CancellationTokenSource();
        long before = GC.GetGCMemoryInfo(GCKind.Any).Index;
        CollectionLog.Start(new LoggerConfiguration().MinimumLevel.Debug().WriteTo.Sink(lines).CreateLogger(), stopping.Token, TimeSpan.Zero);
        for (int i = 0; i < 3; i++) Collect(0);
        Collect(2);
        stopping.Cancel();
        // A look already under way (another test's collection) ends before this one's finalizers do.
        Collect(0);
        long after = GC.GetGCMemoryInfo(GCKind.Any).Index;

        var found = lines.All.Select(l => Line().Match(l)).ToList();
        Assert.All(found, m => Assert.True(m.Success));
        var numbers = found.Select(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        Assert.All(numbers, n => Assert.InRange(n, before + 1, after));
        Assert.Equal(numbers.Count, numbers.Distinct().Count());
        Assert.Contains(found, m => m.Groups[2].Value is "0" or "1");
        Assert.Contains(found, m => m.Groups[2].Value == "2");
    }

    [Fact]
    public void Short_pauses_are_not_logged()
    {
        var lines = new Lines();
        using var stopping = new CancellationTokenSource();
        CollectionLog.Start(new LoggerConfiguration().MinimumLevel.Debug().WriteTo.Sink(lines).CreateLogger(), stopping.Token, TimeSpan.FromHours(1));
        for (int i = 0; i < 3; i++) Collect(0);
        Collect(2);
        stopping.Cancel();
        Assert.Empty(lines.All);
    }

    [Fact]
    public void Nothing_is_logged_above_debug_or_once_stopped()
    {
        var quiet = new Lines();
        using var never = new CancellationTokenSource();
        CollectionLog.Start(new LoggerConfiguration().MinimumLevel.Information().WriteTo.Sink(quiet).CreateLogger(), never.Token, TimeSpan.Zero);
        var stopped = new Lines();
        using var stopping = new CancellationTokenSource();
        CollectionLog.Start(new LoggerConfiguration().MinimumLevel.Debug().WriteTo.Sink(stopped).CreateLogger(), stopping.Token, TimeSpan.Zero);
        Collect(0);
        Assert.NotEmpty(stopped.All);
        stopping.Cancel();
        Collect(0);
        int count = stopped.All.Count;
        for (int i = 0; i < 3; i++) Collect(0);
        Collect(2);
        Assert.Empty(quiet.All);
        Assert.Equal(count, stopped.All.Count);
    }
}
