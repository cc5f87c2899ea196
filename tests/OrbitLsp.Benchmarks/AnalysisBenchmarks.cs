using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using OrbitLsp.Core.Analysis;

namespace OrbitLsp.Benchmarks;

/// <summary>The whole analysis of one note (parse, checks, diagnostics), as every keystroke needs it.</summary>
[MemoryDiagnoser]
[Config(typeof(GcSettings))]
public class AnalysisBenchmarks
{
    private string _note = "";

    [Params(1, 10)]
    public int Megabytes { get; set; }

    [GlobalSetup]
    public void Setup() => _note = SampleNotes.Create(Megabytes * 1024 * 1024);

    [Benchmark]
    public int Analyze() => NoteAnalyzer.Analyze(_note).Diagnostics.Length;
}

/// <summary>
/// Two jobs: the runtime's default collector (what a library user of the core gets), and the
/// settings the <c>orbitlsp</c> executable runs with (server/OrbitLsp/OrbitLsp.csproj: no
/// concurrent collection, a 2 MB gen-0 budget, ConserveMemory 7), which is how the command line
/// and the language server analyse notes. Keep the second job's values equal to that file's.
/// </summary>
public class GcSettings : ManualConfig
{
    public GcSettings()
    {
        AddJob(Job.Default.WithId("default-gc"));
        // The variables of ServerCollector (DOTNET_GCgen0MaxBudget, spelt so before, was ignored).
        AddJob(Job.Default.WithId("orbitlsp-gc").WithGcConcurrent(false).WithEnvironmentVariables(
            [.. ServerCollector.Variables.Select(v => new EnvironmentVariable(v.Name, v.Value))]));
    }
}
