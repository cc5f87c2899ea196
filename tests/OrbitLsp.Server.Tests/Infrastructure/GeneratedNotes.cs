using OrbitLsp.LatencyBenchmark;

namespace OrbitLsp.Server.Tests.Infrastructure;

/// <summary>The benchmark's deterministic notes, cached: big ones take time to make.</summary>
public static class GeneratedNotes
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, string> Cache = new();

    public static string Large(int chars) => Cache.GetOrAdd(chars, n => NoteGenerator.Generate(n));
}
