using OrbitLsp.Fuzz;
using OrbitLsp.Server.Tests.Infrastructure;

namespace OrbitLsp.Server.Tests;

/// <summary>
/// Ten thousand generated and mutated notes through the analysis, every feature of the server and
/// the command line (tests/OrbitLsp.Fuzz; README.md, "Reliability", has the million-case run).
/// </summary>
[Trait(TestServer.Trait, TestServer.HereOnly)]
public sealed class FuzzTests
{
    [Fact]
    public void Ten_thousand_generated_and_mutated_notes_pass_every_check()
    {
        var report = Fuzzer.Run(RepoRoot(), seed: 1, count: 10_000, jobs: Math.Min(2, Environment.ProcessorCount));
        Assert.True(report.Findings.Count == 0,
            $"{report.Findings.Count} findings; replay one with: dotnet run -c Release --project tests/OrbitLsp.Fuzz -- --seed 1 --dump N\n" +
            string.Join("\n", report.Findings.Take(20)));
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "OrbitLsp.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("The tests run inside the repository.");
    }
}
