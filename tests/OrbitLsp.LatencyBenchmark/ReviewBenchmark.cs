using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using OrbitLsp.Core.Review;

namespace OrbitLsp.LatencyBenchmark;

/// <summary>
/// <c>--reviews</c>: spaced review at scale. A workspace of 10,000 notes with 10 cards each
/// (100,000 cards) and a review store of 1,000,000 grades (10 per card, spread over the last
/// year, so that some cards are due today); then loading the store in a process of its own (the
/// published orbitlsp: time, CPU time and peak memory, with and without the snapshot), and
/// <c>orbit.reviewDue</c> over the published server once the workspace is indexed (the workspace
/// and a note, with and without a limit, 500 times each, a grade recorded after each).
/// </summary>
public static class ReviewBenchmark
{
    private const int Notes = 10_000;
    private const int CardsPerNote = 10;
    private const int GradesPerCard = 10;
    private const int Requests = 500;
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    public static async Task RunAsync(string server)
    {
        string root = Path.Combine(Path.GetTempPath(), "orbitlsp-review-bench");
        var today = DateOnly.FromDateTime(DateTime.Now);
        Generate(root, today);
        string store = Path.Combine(root, ".orbitlsp", "reviews.jsonl");
        var rows = new List<(string What, string Figure, string Target)>();
        Console.Error.WriteLine($"workspace: {root}, store {new FileInfo(store).Length / 1e6:F0} MB");

        // Loading: the published orbitlsp in a process of its own (`orbitlsp record -`, which opens the
        // store and then reads grades from stdin), so its time and peak memory are the store's and the
        // runtime's alone; three times each, without the snapshot (the whole log replayed) and with it.
        string snapshot = Path.ChangeExtension(store, null) + ".snapshot.jsonl";
        foreach (bool withSnapshot in new[] { false, true })
        {
            var runs = new List<(double Ms, double Cpu, double Mb)>();
            for (int i = 0; i < 3; i++)
            {
                if (!withSnapshot) File.Delete(snapshot);
                runs.Add(Load(server, root, store));
            }
            rows.Add((withSnapshot ? $"loading the store from its snapshot ({Notes * CardsPerNote:N0} cards) and the log after it"
                    : $"loading the store: {Notes * CardsPerNote * GradesPerCard:N0} grades replayed (no snapshot; then writes it)",
                $"{Range(runs.Select(r => r.Ms), "F0")} ms (CPU {Range(runs.Select(r => r.Cpu), "F0")} ms), peak RSS {Range(runs.Select(r => r.Mb), "F0")} MB",
                "≤ 1 s, ≤ 150 MB"));
        }

        // The server: index, then orbit.reviewDue.
        using var client = new StdioClient(server);
        string rootUri = new Uri(root).AbsoluteUri;
        await client.Request("initialize", new
        {
            processId = Environment.ProcessId,
            rootUri,
            workspaceFolders = new[] { new { uri = rootUri, name = "notes" } },
            capabilities = new { window = new { workDoneProgress = true } },
        }).Answered.WaitAsync(Timeout);
        long initialized = client.Notify("initialized", new { });
        await client.ProgressEnded.WaitAsync(Timeout);
        rows.Add(("initialized → index done", $"{Ms(initialized, Stopwatch.GetTimestamp()) / 1000:F2} s", ""));

        var (firstMs, first) = await client.RequestJson("workspace/executeCommand", new { command = "orbit.reviewDue", arguments = new[] { new { scope = "workspace" } } }, Timeout);
        rows.Add(("first orbit.reviewDue (the store was loaded in the background)", $"{firstMs:F0} ms: {first.GetProperty("total").GetInt32():N0} due ({first.GetProperty("new").GetInt32():N0} new), {first.GetProperty("cards").GetArrayLength()} returned", ""));
        string someNote = new Uri(Path.Combine(root, "n042", "note-4217.md")).AbsoluteUri;
        foreach (var (label, argument) in new (string, object)[]
        {
            ("orbit.reviewDue, workspace (200 cards returned)", new { scope = "workspace" }),
            ("orbit.reviewDue, workspace, limit 20", new { scope = "workspace", limit = 20 }),
            ("orbit.reviewDue, one note", new { scope = "note", uri = someNote }),
            ("orbit.reviewDue, one note, limit 3", new { scope = "note", uri = someNote, limit = 3 }),
        })
        {
            // Each request after a grade recorded (as in a review session), so that nothing can be
            // answered from the last request's result.
            var times = new List<double>();
            double cpuBefore = client.CpuMs();
            for (int i = 0; i < Requests; i++)
            {
                var (ms, due) = await client.RequestJson("workspace/executeCommand", new { command = "orbit.reviewDue", arguments = new[] { argument } }, Timeout);
                times.Add(ms);
                if (due.GetProperty("cards") is { ValueKind: JsonValueKind.Array } cards && cards.GetArrayLength() > 0)
                    await client.RequestJson("workspace/executeCommand", new { command = "orbit.recordReview", arguments = new[] { new { id = cards[0].GetProperty("id").GetString(), grade = "remembered" } } }, Timeout);
            }
            double cpu = (client.CpuMs() - cpuBefore) / Requests;
            rows.Add(($"{label}: p50 / p99 / max of {Requests} (server CPU per request and grade)", $"{Pct(times, 50):F1} / {Pct(times, 99):F1} / {times.Max():F1} ms (CPU {cpu:F1} ms)", "p99 ≤ 50 ms"));
        }
        rows.Add(("peak RSS of the server (VmHWM)", $"{client.PeakRssMb():F0} MB", ""));
        client.Exit(Timeout);

        Console.WriteLine($"{"measure",-78} | {"result",-40} | target");
        Console.WriteLine(new string('-', 78) + "-|-" + new string('-', 40) + "-|-------");
        foreach (var (what, figure, target) in rows) Console.WriteLine($"{what,-78} | {figure,-40} | {target}");
    }

    /// <summary>
    /// Runs <c>orbitlsp record --store STORE -</c> and gives it a line that is no grade: the error about
    /// it comes once the store is loaded; then its time from the start, its CPU time and peak RSS are read.
    /// </summary>
    private static (double Ms, double CpuMs, double PeakMb) Load(string server, string root, string store)
    {
        var start = StdioClient.StartInfo(server, "record", "--store", store, "-");
        start.RedirectStandardInput = true;
        start.WorkingDirectory = root;
        long started = Stopwatch.GetTimestamp();
        using var p = Process.Start(start)!;
        p.StandardInput.WriteLine("loaded?");
        p.StandardInput.Flush();
        string? said = p.StandardError.ReadLine();
        double ms = Ms(started, Stopwatch.GetTimestamp());
        if (said is null || !said.Contains("stdin:1", StringComparison.Ordinal)) throw new InvalidOperationException($"orbitlsp record said: {said}");
        double peak = StdioClient.StatusMb(p.Id, "VmHWM"), cpu = StdioClient.CpuMs(p.Id);
        p.StandardInput.Close();
        p.WaitForExit();
        return (ms, cpu, peak);
    }

    private static string Range(IEnumerable<double> values, string format)
    {
        var v = values.ToList();
        return v.Min().ToString(format, CultureInfo.InvariantCulture) + "–" + v.Max().ToString(format, CultureInfo.InvariantCulture);
    }

    /// <summary>The notes (10 cards each, in 100 folders) and the store, made once per day (the grades end today).</summary>
    private static void Generate(string root, DateOnly today)
    {
        string marker = Path.Combine(root, $".generated-{today:yyyy-MM-dd}");
        if (File.Exists(marker)) return;
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        Directory.CreateDirectory(root);
        var random = new Random(12);
        var keys = new List<CardKey>(Notes * CardsPerNote);
        for (int n = 0; n < Notes; n++)
        {
            string dir = Path.Combine(root, $"n{n / 100:D3}");
            Directory.CreateDirectory(dir);
            var text = new StringBuilder($"---\ntitle: Note {n}\n---\n\nSome prose about topic {n}.\n\n");
            for (int b = 0; b < CardsPerNote / 5; b++)
            {
                text.Append("{{< orbit_review color=\"blue\" >}}\n");
                for (int c = 0; c < 5; c++)
                {
                    string q = $"What is fact {c} of block {b} in note {n}?", a = $"Answer {n}.{b}.{c}, with $x^{c}$";
                    keys.Add(CardKey.Of(q, a));
                    text.Append(q).Append('\n').Append(a).Append("\n\n");
                }
                text.Append("{{< /orbit_review >}}\n\nMore prose.\n\n");
            }
            File.WriteAllText(Path.Combine(dir, $"note-{n}.md"), text.ToString());
        }
        // 1,000,000 grades: each card's ten, in the order they were given, days apart as FSRS scheduled them
        // (mostly on time, some late), ending at most a year ago and at the latest today.
        var fsrs = FsrsScheduler.Default;
        var events = new List<(int Day, int Card, int Grade)>(keys.Count * GradesPerCard);
        for (int k = 0; k < keys.Count; k++)
        {
            int day = today.DayNumber - 365 + random.Next(200);
            MemoryState? state = null;
            int last = day;
            for (int g = 0; g < GradesPerCard && day <= today.DayNumber; g++)
            {
                int grade = random.Next(10) < 2 ? 1 : 3;
                events.Add((day, k, grade));
                var (next, interval) = fsrs.Next(state, day - last, (ReviewGrade)grade);
                state = next;
                last = day;
                day += random.Next(4) == 0 ? interval + random.Next(interval + 1) : interval;
            }
            for (int g = events.Count % GradesPerCard; g != 0 && g < GradesPerCard; g++) events.Add((last, k, 3)); // same day: keeps 10 per card
        }
        events.Sort((a, b) => a.Day.CompareTo(b.Day));
        Directory.CreateDirectory(Path.Combine(root, ".orbitlsp"));
        using (var log = new StreamWriter(Path.Combine(root, ".orbitlsp", "reviews.jsonl"), false, new UTF8Encoding(false), 1 << 20))
        {
            log.Write("{\"orbitlsp\":\"reviews\",\"version\":1,\"id\":\"bench\"}\n");
            foreach (var (day, card, grade) in events)
            {
                var date = DateOnly.FromDayNumber(day);
                log.Write(string.Create(CultureInfo.InvariantCulture,
                    $"{{\"card\":\"{keys[card]}\",\"grade\":{grade},\"day\":\"{date:yyyy-MM-dd}\",\"at\":\"{date:yyyy-MM-dd}T07:{card % 60:D2}:00.000Z\",\"color\":\"blue\"}}\n"));
            }
        }
        File.WriteAllText(marker, "");
    }

    private static double Ms(long from, long to) => (to - from) * 1000.0 / Stopwatch.Frequency;

    private static double Pct(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}
