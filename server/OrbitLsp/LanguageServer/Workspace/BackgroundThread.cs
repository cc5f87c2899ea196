using System.Runtime.InteropServices;

namespace OrbitLsp.LanguageServer.Workspace;

/// <summary>
/// Makes the calling thread yield the CPU to every other thread of the machine. .NET's
/// <see cref="Thread.Priority"/> changes nothing on Linux, so there the thread's nice value is
/// raised (which any process may do to its own threads): on two cores, indexing then takes only
/// what typing leaves.
/// </summary>
internal static class BackgroundThread
{
    private const int PrioProcess = 0;
    private const int Nicest = 19;

    /// <summary>True when the OS took the lower priority.</summary>
    public static bool Lower()
    {
        Thread.CurrentThread.Priority = ThreadPriority.Lowest;
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            // On Linux a thread id names the thread alone for setpriority.
            return SetPriority(PrioProcess, GetTid(), Nicest) == 0;
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
