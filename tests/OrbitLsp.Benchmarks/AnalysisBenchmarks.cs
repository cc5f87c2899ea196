using BenchmarkDotNet.Attributes;
using OrbitLsp.Core.Analysis;

namespace OrbitLsp.Benchmarks;

/// <summary>The whole analysis of one note (parse, checks, diagnostics), as every keystroke needs it.</summary>
[MemoryDiagnoser]
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
