using System.Collections.Concurrent;
using System.Diagnostics;
using OrbitLsp.Core.Analysis;
using OrbitLsp.Core.Cards;

namespace OrbitLsp.Fuzz;

/// <summary>What went wrong in one case, with what is needed to make it again.</summary>
public sealed record Finding(int Seed, int Case, string Check, string Detail, string Origin, string Mutations, string Client, string Text)
{
    public string Replay => $"--seed {Seed} --case {Case}";

    public override string ToString() => $"case {Case} ({Origin}; mutations: {Mutations}; client: {Client}): {Check}: {Detail}";
}

/// <summary>One generated note and what was found wrong with it.</summary>
public sealed class Case(int seed, int index)
{
    private readonly List<(string Check, string Detail)> _failures = [];

    public int Seed { get; } = seed;

    public int Index { get; } = index;

    public string Origin { get; set; } = "";

    public List<string> Mutations { get; set; } = [];

    public Client? Client { get; set; }

    public string Text { get; set; } = "";

    /// <summary>The edits typed, one list a version (offsets in the text before each).</summary>
    public List<List<(int Start, int End, string Insert)>> Typed { get; } = [];

    /// <summary>The text after the edits typed into it, on which the features were asked.</summary>
    public string TypedText { get; set; } = "";

    public IReadOnlyList<(string Check, string Detail)> Failures => _failures;

    /// <summary>Something worth counting that is not a finding (a documented limit reached).</summary>
    public List<string> Notes { get; } = [];

    public void Note(string what) => Notes.Add(what);

    public void Fail(string check, string detail)
    {
        // The first few of a case are enough: one bug often breaks many answers.
        if (_failures.Count < 8) _failures.Add((check, detail));
    }

    /// <summary>The random source of this case alone: a case is made again from the seed and its index.</summary>
    public static Random RandomFor(int seed, int index) => new(unchecked(seed * 1_000_003 + index * 7919));
}

/// <summary>The result of a run: how many cases, how long, what was found.</summary>
public sealed record FuzzReport(int Seed, int Cases, TimeSpan Elapsed, IReadOnlyList<Finding> Findings, IReadOnlyDictionary<string, int> Origins,
    IReadOnlyDictionary<string, int> MutationCounts, IReadOnlyList<(int Case, TimeSpan Time, int Length)> Slowest, long Characters,
    IReadOnlyDictionary<string, int> Notes);

/// <summary>
/// Runs cases <c>0 .. count-1</c> of a seed: each a seed note (<see cref="Seeds"/>), mutated
/// (<see cref="Mutations"/>), through the analysis and cards, the language server's handlers
/// (<see cref="ServerChecks"/>) and the command line (<see cref="CliChecks"/>).
/// </summary>
public static class Fuzzer
{
    /// <summary>Names each step on stderr as it starts (--trace with one job): where a case hangs.</summary>
    public static bool TraceSteps { get; set; }

    /// <summary>
    /// Only the typing check (--typing-only): nothing before it draws on the case's random source,
    /// so its edits are those of a full run of the same case.
    /// </summary>
    public static bool TypingOnly { get; set; }

    public static FuzzReport Run(string repoRoot, int seed, int count, int jobs, int first = 0, Action<string>? progress = null, bool trace = false)
    {
        var seeds = Seeds.Load(repoRoot);
        var findings = new ConcurrentBag<Finding>();
        var origins = new ConcurrentDictionary<string, int>();
        var mutations = new ConcurrentDictionary<string, int>();
        var notes = new ConcurrentDictionary<string, int>();
        var slowest = new ConcurrentBag<(int, TimeSpan, int)>();
        long characters = 0;
        int done = 0;
        var clock = Stopwatch.StartNew();
        string temp = Directory.CreateTempSubdirectory("orbitlsp-fuzz-").FullName;
        try
        {
            Parallel.For(0, jobs, new ParallelOptions { MaxDegreeOfParallelism = jobs }, job =>
            {
                string folder = Directory.CreateDirectory(Path.Combine(temp, job.ToString())).FullName;
                var mySlowest = new List<(int Case, TimeSpan Time, int Length)>();
                for (int i = first + job; i < first + count; i += jobs)
                {
                    var caseClock = Stopwatch.StartNew();
                    if (trace) Console.Error.Write($"case {i} ");
                    var c = RunCase(seeds, seed, i, folder);
                    caseClock.Stop();
                    if (trace) Console.Error.WriteLine($"{caseClock.ElapsedMilliseconds} ms, {c.Text.Length} chars, {c.Origin}, {string.Join(" ", c.Mutations)}, heap {GC.GetTotalMemory(false) >> 20} MB");
                    Interlocked.Add(ref characters, c.Text.Length);
                    origins.AddOrUpdate(Kind(c.Origin), 1, (_, n) => n + 1);
                    foreach (var m in c.Mutations) mutations.AddOrUpdate(m, 1, (_, n) => n + 1);
                    foreach (var note in c.Notes) notes.AddOrUpdate(note, 1, (_, n) => n + 1);
                    foreach (var (check, detail) in c.Failures)
                        findings.Add(new Finding(seed, i, check, detail, c.Origin, string.Join(", ", c.Mutations), c.Client?.ToString() ?? "", c.Text));
                    mySlowest.Add((i, caseClock.Elapsed, c.Text.Length));
                    if (mySlowest.Count > 64) mySlowest = [.. mySlowest.OrderByDescending(s => s.Time).Take(16)];
                    int n = Interlocked.Increment(ref done);
                    if (progress is not null && n % 10_000 == 0)
                        progress($"{n:N0} cases, {clock.Elapsed:hh\\:mm\\:ss}, {findings.Count} findings");
                }
                foreach (var s in mySlowest) slowest.Add(s);
            });
        }
        finally
        {
            Directory.Delete(temp, recursive: true);
        }
        return new FuzzReport(seed, count, clock.Elapsed, [.. findings.OrderBy(f => f.Case)], origins, mutations,
            [.. slowest.OrderByDescending(s => s.Item2).Take(10)], characters, notes);
    }

    private static string Kind(string origin) => origin switch
    {
        _ when origin.StartsWith("hugo generator", StringComparison.Ordinal) => "generated (Hugo probes)",
        _ when origin.StartsWith("realistic generator", StringComparison.Ordinal) => "generated (realistic notes)",
        "broken-block generator" => "generated (broken blocks)",
        "pieces" => "generated (pieces)",
        _ => "repository notes",
    };

    /// <summary>Case <paramref name="index"/> of <paramref name="seed"/>: made from those two alone, so a finding can be replayed.</summary>
    public static Case RunCase(Seeds seeds, int seed, int index, string folder)
    {
        var (c, random) = Generate(seeds, seed, index);
        if (c.Failures.Count > 0) return c;
        string text = c.Text;
        var core = TraceSteps ? Stopwatch.StartNew() : null;
        if (!TypingOnly) CoreChecks(c, text);
        if (core is not null) Console.Error.Write($"[core {core.ElapsedMilliseconds} ms] ");
        try
        {
            new ServerChecks(c, text, c.Client!, random).Run();
        }
        catch (Exception e)
        {
            c.Fail("server", $"{e.GetType().Name}: {e.Message}");
        }
        if (TypingOnly) return c;
        var cli = TraceSteps ? Stopwatch.StartNew() : null;
        new CliChecks(c, folder).Run(text, random);
        if (cli is not null) Console.Error.Write($"[cli {cli.ElapsedMilliseconds} ms] ");
        return c;
    }

    /// <summary>The case's text and client, and the random source its checks go on with.</summary>
    public static (Case Case, Random Random) Generate(Seeds seeds, int seed, int index)
    {
        var c = new Case(seed, index);
        var random = Case.RandomFor(seed, index);
        try
        {
            var (origin, seedText) = seeds.Pick(random);
            c.Origin = origin;
            (c.Text, c.Mutations) = Mutations.Apply(seedText, random, seeds);
            c.Client = Client.Pick(random);
            if (TraceSteps) Console.Error.Write($"({origin}; {string.Join(" ", c.Mutations)}; {c.Text.Length} chars) ");
        }
        catch (Exception e)
        {
            c.Fail("generation", $"{e.GetType().Name}: {e.Message}");
        }
        return (c, random);
    }

    /// <summary>The analysis and the cards of any text: no exception, every span inside the text.</summary>
    private static void CoreChecks(Case c, string text)
    {
        try
        {
            var analysis = NoteAnalyzer.Analyze(text);
            var doc = analysis.Document;
            void Inside(string what, Core.Text.TextSpan span)
            {
                if (span.Start < 0 || span.Length < 0 || span.End > text.Length) c.Fail("analysis", $"{what} {span} outside a text of {text.Length}");
            }
            foreach (var d in analysis.Diagnostics)
            {
                Inside(d.Code, d.Span);
                foreach (var r in d.Related) Inside(d.Code + " related", r.Span);
                if (doc.GetOffset(doc.GetRange(d.Span).Start) != Core.Text.LineMap.Nameable(text, d.Span.Start, forward: false))
                    c.Fail("analysis", $"{d.Code}: its range does not map back to its offset");
            }
            foreach (var block in doc.Blocks)
            {
                Inside("block", block.Span);
                Inside("block inner", block.InnerSpan);
                foreach (var p in block.Prompts)
                {
                    Inside("prompt", p.Span);
                    Inside("question", p.QuestionSpan);
                }
            }
            foreach (var card in CardExtractor.Extract(analysis)) Inside("card", card.QuestionSpan);
        }
        catch (Exception e)
        {
            c.Fail("analysis", $"{e.GetType().Name}: {e.Message}");
        }
    }
}
