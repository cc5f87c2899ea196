using System.Runtime.InteropServices;

namespace OrbitLsp.LanguageServer.Workspace;

/// <summary>
/// Makes the calling thread yield the CPU to the machine's ordinary threads: the index worker's
/// (<c>orbitlsp index-worker</c>) analysing thread. .NET's <see cref="Thread.Priority"/> changes
/// nothing on Linux, so there the thread's nice value is raised (which any process may do to its
/// own threads): on two cores, indexing then takes mostly what typing leaves.
/// </summary>
/// <remarks>
/// NOTE: the server's own index thread keeps its priority. It only records what the worker sends,
/// and the collections its allocations start stop every thread of the server: run at a low
/// priority they would keep the typing waiting while the worker has the other core.
/// </remarks>
internal static class BackgroundThread
{
    private const int PrioProcess = 0;
    // Not 19: at the lowest priority a busy machine (a build, a test run) starves the index for
    // minutes; at 10 the thread still gets about a tenth of a contended core.
    private const int Nice = 10;

    /// <summary>True when the OS took the lower priority.</summary>
    public static bool Lower()
    {
        Thread.CurrentThread.Priority = ThreadPriority.Lowest;
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            // On Linux a thread id names the thread alone for setpriority.
            return SetPriority(PrioProcess, GetTid(), Nice) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    // Plain int arguments: nothing to marshal.
    [DllImport("libc", EntryPoint = "setpriority")]
    private static extern int SetPriority(int which, int who, int prio);

    [DllImport("libc", EntryPoint = "gettid")]
    private static extern int GetTid();
}
