using System.Diagnostics;
using System.Text.Json;
using OrbitLsp.Core.Review;

namespace OrbitLsp.Core.Tests.Review;

/// <summary>
/// FSRS against ts-fsrs 5.4.2 (npm, pinned in package.json; <c>npm ci</c> installs it): 10,000
/// random review histories replayed by both, every review compared.
/// </summary>
public sealed class FsrsDifferentialTests
{
    private const int Histories = 10_000;
    private static readonly double[] Retentions = [0.9, 0.8, 0.85, 0.95, 0.7, 0.97];

    [Fact]
    public void Ten_thousand_random_histories_give_ts_fsrs_intervals_to_the_day_and_its_memory_within_1e_6()
    {
        var random = new Random(20261204);
        var histories = new List<(double Retention, List<(int Day, int Grade)> Reviews)>();
        for (int h = 0; h < Histories; h++)
        {
            double retention = Retentions[h % Retentions.Length];
            var fsrs = new FsrsScheduler(retention);
            int day = 20_000 + random.Next(1000), count = 1 + random.Next(h % 10 == 0 ? 40 : 15);
            var reviews = new List<(int, int)>();
            MemoryState? state = null;
            for (int i = 0; i < count; i++)
            {
                int grade = random.Next(10) switch { 0 or 1 => 1, 2 => 2, 9 => 4, _ => 3 };
                reviews.Add((day, grade));
                var (next, interval) = fsrs.Next(state, 0, (ReviewGrade)grade);
                state = next;
                // Mostly on the due day, sometimes early (the same day too) or late.
                day += random.Next(6) switch { 0 => 0, 1 => random.Next(interval + 1), 2 => interval + random.Next(3 * interval + 30), _ => interval };
            }
            histories.Add((retention, reviews));
        }

        var expected = RunTsFsrs(histories);

        int compared = 0;
        for (int h = 0; h < histories.Count; h++)
        {
            var (retention, reviews) = histories[h];
            var history = new ReviewHistory(new FsrsScheduler(retention));
            var card = new CardKey(1, (ulong)h);
            for (int i = 0; i < reviews.Count; i++)
            {
                var (day, grade) = reviews[i];
                var at = DateTimeOffset.UnixEpoch.AddDays(day).AddHours(12);
                var state = history.Apply(new ReviewEvent(card, (ReviewGrade)grade, DateOnly.FromDayNumber(DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber + day), at));
                var (s, d, scheduled, dueIn) = expected[h][i];
                string where = $"history {h} (retention {retention}), review {i + 1} of {reviews.Count}: day {day}, grade {grade}";
                Assert.True(Math.Abs(state.Memory.Stability - s) <= 1e-6, $"{where}: stability {state.Memory.Stability}, ts-fsrs {s}");
                Assert.True(Math.Abs(state.Memory.Difficulty - d) <= 1e-6, $"{where}: difficulty {state.Memory.Difficulty}, ts-fsrs {d}");
                int interval = state.Due.DayNumber - state.LastReview.DayNumber;
                Assert.True(interval == scheduled && interval == dueIn, $"{where}: interval {interval} days, ts-fsrs {scheduled} (due in {dueIn})");
                compared++;
            }
        }
        Assert.True(compared > 50_000, $"{compared} reviews compared");
    }

    private static List<List<(double S, double D, int Scheduled, int DueIn)>> RunTsFsrs(List<(double Retention, List<(int Day, int Grade)> Reviews)> histories)
    {
        string root = Snapshot.RepoRoot;
        string package = Path.Combine(root, "node_modules", "ts-fsrs", "package.json");
        Assert.True(File.Exists(package), $"ts-fsrs is not installed ({package}): run 'npm ci' in {root} first.");
        string dir = Directory.CreateTempSubdirectory("orbitlsp-fsrs-").FullName;
        try
        {
            string input = Path.Combine(dir, "histories.json"), output = Path.Combine(dir, "results.json");
            File.WriteAllText(input, JsonSerializer.Serialize(histories.Select(h => new
            {
                retention = h.Retention,
                reviews = h.Reviews.Select(r => new[] { r.Day, r.Grade }),
            })));
            var start = new ProcessStartInfo("node", [Path.Combine(root, "tests", "fsrs", "ts-fsrs-oracle.mjs"), input, output])
            {
                RedirectStandardError = true,
                WorkingDirectory = root,
            };
            using var node = Process.Start(start)!;
            string err = node.StandardError.ReadToEnd();
            node.WaitForExit();
            Assert.True(node.ExitCode == 0, $"node failed: {err}");
            using var json = JsonDocument.Parse(File.ReadAllText(output));
            Assert.Equal("5.4.2", json.RootElement.GetProperty("version").GetString());
            return [.. json.RootElement.GetProperty("results").EnumerateArray().Select(history => history.EnumerateArray()
                .Select(r => (r[0].GetDouble(), r[1].GetDouble(), r[2].GetInt32(), r[3].GetInt32())).ToList())];
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
