using System.Globalization;
using System.Text;

namespace OrbitLsp.Fuzz;

/// <summary>
/// <c>dotnet run -c Release --project tests/OrbitLsp.Fuzz -- [--seed N] [--count N] [--jobs N] [--case N] [--save DIR]</c>:
/// runs cases 0..count-1 of the seed (or the one case named, to replay a finding), prints what it
/// found, and with --save writes each finding's note to DIR. Exit status 1 when anything was found.
/// <c>--case N --count M</c> runs cases N..N+M-1; <c>--typing-only</c> runs only the typing check
/// (each case's text and edits are the same as in a full run, so a finding replays either way).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        int seed = 1, count = 10_000, jobs = Environment.ProcessorCount, first = 0;
        string? save = null;
        bool trace = false;
        for (int i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--seed": seed = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--count": count = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--jobs": jobs = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--case": first = int.Parse(Value(), CultureInfo.InvariantCulture); count = 1; jobs = 1; break;
                case "--save": save = Value(); break;
                case "--trace": trace = Fuzzer.TraceSteps = true; break;
                case "--typing-only": Fuzzer.TypingOnly = true; break;
                case "--text":
                    // The case's text alone (checks not run), as UTF-8.
                    var (generated, _) = Fuzzer.Generate(Seeds.Load(RepoRoot()), seed, int.Parse(Value(), CultureInfo.InvariantCulture));
                    using (var stdout = Console.OpenStandardOutput()) stdout.Write(new UTF8Encoding(false).GetBytes(generated.Text));
                    return 0;
                case "--dump":
                    // The case's text and the text typed from it, escaped, to turn a finding into a fixture.
                    var c = Fuzzer.RunCase(Seeds.Load(RepoRoot()), seed, int.Parse(Value(), CultureInfo.InvariantCulture), Directory.CreateTempSubdirectory("orbitlsp-fuzz-").FullName);
                    Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(new { c.Origin, c.Mutations, Client = c.Client?.ToString(), c.Text, c.TypedText, Typed = c.Typed.Select(v => v.Select(e => new { e.Start, e.End, e.Insert })), Failures = c.Failures.Select(f => f.Check + ": " + f.Detail) },
                        new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
                    return 0;
                default:
                    Console.Error.WriteLine($"unknown argument {args[i]}; usage: [--seed N] [--count N] [--jobs N] [--case N] [--save DIR] [--typing-only] [--trace] [--text N] [--dump N]");
                    return 2;
            }
        }
        string root = RepoRoot();
        Console.WriteLine($"seed {seed}, cases {first}..{first + count - 1}, {jobs} jobs, .NET {Environment.Version}, {Environment.ProcessorCount} cores");
        var report = Fuzzer.Run(root, seed, count, jobs, first, Console.WriteLine, trace);
        Console.WriteLine($"{report.Cases:N0} cases in {report.Elapsed:hh\\:mm\\:ss} ({report.Elapsed.TotalMilliseconds / Math.Max(1, report.Cases):F2} ms a case), {report.Characters / 1e6:F1} M characters");
        Console.WriteLine("seeds:     " + string.Join(", ", report.Origins.OrderByDescending(o => o.Value).Select(o => $"{o.Key} {o.Value:N0}")));
        Console.WriteLine("mutations: " + string.Join(", ", report.MutationCounts.OrderByDescending(o => o.Value).Select(o => $"{o.Key} {o.Value:N0}")));
        Console.WriteLine("slowest:   " + string.Join(", ", report.Slowest.Select(s => $"case {s.Case} {s.Time.TotalMilliseconds:F0} ms ({s.Length:N0} chars)")));
        Console.WriteLine("notes:     " + string.Join(", ", report.Notes.Select(n => $"{n.Key}: {n.Value:N0} cases")));
        Console.WriteLine($"findings:  {report.Findings.Count}");
        foreach (var group in report.Findings.GroupBy(f => (f.Check, Signature(f.Detail))).OrderByDescending(g => g.Count()))
        {
            var f = group.First();
            Console.WriteLine($"  {group.Count()} x {f.Check}: {f.Detail}");
            Console.WriteLine($"     first: {f.Replay} ({f.Origin}; mutations: {f.Mutations}; client: {f.Client}; {f.Text.Length} chars)");
        }
        if (save is not null)
        {
            Directory.CreateDirectory(save);
            foreach (var f in report.Findings.DistinctBy(f => f.Case))
                File.WriteAllText(Path.Combine(save, $"seed{f.Seed}-case{f.Case}.md"), f.Text, new UTF8Encoding(false));
        }
        return report.Findings.Count == 0 ? 0 : 1;
    }

    /// <summary>A finding's message without its numbers, so that one bug is listed once.</summary>
    private static string Signature(string detail) => new(detail.Select(c => char.IsDigit(c) ? '#' : c).ToArray());

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "OrbitLsp.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Run from inside the repository.");
    }
}
