using OrbitLsp.Server.Tests.Infrastructure;

namespace OrbitLsp.Server.Tests;

/// <summary>What the warm-up after <c>initialized</c> leaves ready for the first note.</summary>
public sealed class WarmupTests
{
    /// <summary>
    /// A 1 MB note's first open in memory the process has already touched: its large objects (the
    /// text's string, the message's buffer, the line starts) land in the gaps the warm-up made, so
    /// the kernel hands out few fresh pages while the author waits. Counted as the process's minor
    /// page faults: about 1,100 without the gaps, 25–150 with them (native build, 2 cores).
    /// </summary>
    [NativeServerOnLinuxFact]
    public async Task The_first_large_note_opened_lands_in_memory_the_warm_up_touched()
    {
        await using var server = TestServer.ChildProcess("--log-level", "debug");
        await server.Client.InitializeAsync();
        await server.WaitForLogAsync("Warm-up done");
        string uri = "file:///first-open/large.md";
        string text = GeneratedNotes.Large(1_000_000);
        long before = MinorFaults(server);
        await server.Client.OpenAsync(uri, text);
        await server.Client.DiagnosticsAsync(uri, 1);
        long faults = MinorFaults(server) - before;
        Assert.True(faults < 400, $"the first 1 MB open took {faults} page faults (4 KB each: {faults * 4 / 1024} MB of fresh memory)");
        await server.Client.ShutdownAndExitAsync();
    }

    /// <summary>The server process's minor page faults so far (<c>/proc/PID/stat</c>, field 10).</summary>
    private static long MinorFaults(TestServer server)
    {
        string stat = File.ReadAllText($"/proc/{server.Process!.Id}/stat");
        return long.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[7]);
    }

    /// <summary>
    /// Runs only against a published native server (<c>ORBITLSP_TEST_SERVER</c>, as scripts/test.sh
    /// sets it) on Linux: a build with a runtime beside it compiles code during the first open,
    /// whose own memory is counted in the same faults.
    /// </summary>
    private sealed class NativeServerOnLinuxFactAttribute : FactAttribute
    {
        public NativeServerOnLinuxFactAttribute()
        {
            string? server = Environment.GetEnvironmentVariable("ORBITLSP_TEST_SERVER");
            if (!OperatingSystem.IsLinux()) Skip = "counts page faults in /proc";
            else if (string.IsNullOrEmpty(server)) Skip = "runs against the published native server (ORBITLSP_TEST_SERVER)";
            else if (Path.GetDirectoryName(Path.GetFullPath(server)) is { } folder
                && (File.Exists(Path.Combine(folder, "orbitlsp.dll")) || File.Exists(Path.Combine(folder, "libcoreclr.so"))))
                Skip = "the server tested is not the native build";
        }
    }
}
