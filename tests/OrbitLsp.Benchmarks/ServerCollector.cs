using System.Diagnostics;

namespace OrbitLsp.Benchmarks;

/// <summary>
/// The collector settings the <c>orbitlsp</c> executable runs with (server/OrbitLsp/OrbitLsp.csproj:
/// workstation collector, no concurrent collection, a 2 MB gen-0 budget, ConserveMemory 7, no
/// tiered PGO), as environment variables, which the runtime reads before a runtimeconfig.json's
/// values. Keep them equal to that file's. The names are case-sensitive and a misspelt one is
/// ignored without a word (DOTNET_GCgen0MaxBudget is not read): <see cref="InEffect"/> asks the
/// collector what it runs with.
/// </summary>
public static class ServerCollector
{
    public static readonly IReadOnlyList<(string Name, string Value)> Variables =
    [
        ("DOTNET_gcServer", "0"),
        ("DOTNET_gcConcurrent", "0"),
        ("DOTNET_GCGen0MaxBudget", "200000"), // hexadecimal: 2 MB
        ("DOTNET_GCConserveMemory", "7"),
        ("DOTNET_TieredPGO", "0"),
    ];

    private const string Relaunched = "ORBITLSP_BENCHMARKS_RELAUNCHED";

    /// <summary>Whether this process's collector runs with the executable's settings.</summary>
    public static bool InEffect()
    {
        var config = GC.GetConfigurationVariables();
        string Get(string key) => config.TryGetValue(key, out var value) ? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "" : "";
        return Get("ServerGC") == "False" && Get("ConcurrentGC") == "False" && Get("GCGen0MaxBudget") == "2097152" && Get("GCConserveMem") == "7";
    }

    /// <summary>The settings in effect, as the collector reports them.</summary>
    public static string Describe()
    {
        var config = GC.GetConfigurationVariables();
        string Get(string key) => config.TryGetValue(key, out var value) ? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "?" : "?";
        return $"server {Get("ServerGC")}, concurrent {Get("ConcurrentGC")}, gen-0 budget at most {Get("GCGen0MaxBudget")} bytes, " +
            $"ConserveMemory {Get("GCConserveMem")}, RetainVM {Get("RetainVM")}{(InEffect() ? " (orbitlsp's settings)" : "")}";
    }

    /// <summary>Runs this program again with the executable's settings; returns its exit code.</summary>
    public static int Relaunch(string[] args)
    {
        if (Environment.GetEnvironmentVariable(Relaunched) is not null)
            throw new InvalidOperationException($"the collector ignored the settings it was started with: {Describe()}");
        string host = Environment.ProcessPath ?? throw new InvalidOperationException("no process path");
        var start = new ProcessStartInfo(host) { UseShellExecute = false };
        // Started as `dotnet OrbitLsp.Benchmarks.dll`: the host needs the assembly again.
        if (Path.GetFileNameWithoutExtension(host) == "dotnet") start.ArgumentList.Add(typeof(ServerCollector).Assembly.Location);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (name, value) in Variables) start.Environment[name] = value;
        start.Environment[Relaunched] = "1";
        using var child = Process.Start(start) ?? throw new InvalidOperationException("could not start " + host);
        child.WaitForExit();
        return child.ExitCode;
    }
}
