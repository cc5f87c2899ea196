using System.Diagnostics;
using System.Text;
using OrbitLsp.Core.Review;
using OrbitLsp.Reviews;

namespace OrbitLsp.Core.Tests.Review;

/// <summary>The review store on disk: the log, the snapshot, the lock, bad lines and newer versions.</summary>
public sealed class ReviewStoreTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("orbitlsp-store-").FullName;
    private static readonly DateOnly Day = new(2026, 12, 1);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string StorePath => Path.Combine(_dir, ".orbitlsp", "reviews.jsonl");

    private static ReviewEvent Graded(int card, ReviewGrade grade, int day = 0) =>
        new(new CardKey(7, (ulong)card), grade, Day.AddDays(day), new DateTimeOffset(Day.AddDays(day).ToDateTime(new TimeOnly(8, 0)), TimeSpan.Zero), "blue");

    [Fact]
    public void A_grade_is_one_line_after_a_header_and_reads_back_the_same()
    {
        var store = ReviewStore.Open(StorePath);
        Assert.Equal(0, store.History.Count);
        var state = store.Record(Graded(1, ReviewGrade.Remembered));
        store.Record(Graded(2, ReviewGrade.Forgotten));
        var lines = File.ReadAllLines(StorePath);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("{\"orbitlsp\":\"reviews\",\"version\":1,\"id\":\"", lines[0]);
        Assert.Equal($"{{\"card\":\"{new CardKey(7, 1)}\",\"grade\":3,\"day\":\"2026-12-01\",\"at\":\"2026-12-01T08:00:00.000Z\",\"color\":\"blue\"}}", lines[1]);

        var again = ReviewStore.Open(StorePath);
        Assert.True(again.History.TryGet(new CardKey(7, 1), out var read));
        Assert.Equal(state, read);
        Assert.Equal(2, again.History.Events);
        Assert.Empty(again.Problems);
    }

    [Fact]
    public void A_store_sees_what_another_appended()
    {
        var a = ReviewStore.Open(StorePath);
        var b = ReviewStore.Open(StorePath);
        a.Record(Graded(1, ReviewGrade.Remembered));
        b.Record(Graded(2, ReviewGrade.Remembered));
        a.Refresh();
        Assert.Equal(2, a.History.Count);
        Assert.Equal(2, b.History.Count);
    }

    [Fact]
    public void A_log_unchanged_since_a_settled_write_is_not_opened_again_and_any_change_is_read()
    {
        var a = ReviewStore.Open(StorePath);
        var b = ReviewStore.Open(StorePath);
        a.Record(Graded(1, ReviewGrade.Remembered));
        // Written moments ago: another write in the same clock tick would leave the same time and
        // length, so each refresh reads.
        int reads = a.FileReads;
        a.Refresh();
        a.Refresh();
        Assert.Equal(reads + 2, a.FileReads);

        File.SetLastWriteTimeUtc(StorePath, DateTime.UtcNow - ReviewStore.Settled - TimeSpan.FromSeconds(1));
        a.Refresh();
        reads = a.FileReads;
        for (int i = 0; i < 3; i++) a.Refresh();
        Assert.Equal(reads, a.FileReads);

        // Another's grade: read at the next refresh.
        b.Record(Graded(2, ReviewGrade.Remembered));
        a.Refresh();
        Assert.Equal(2, a.History.Count);
        // The log replaced by a longer one of another store, its time set back: read anew.
        var settledAt = DateTime.UtcNow - TimeSpan.FromMinutes(5);
        File.SetLastWriteTimeUtc(StorePath, settledAt);
        a.Refresh();
        File.Delete(StorePath);
        var c = ReviewStore.Open(StorePath);
        for (int i = 3; i < 6; i++) c.Record(Graded(i, ReviewGrade.Remembered));
        File.SetLastWriteTimeUtc(StorePath, settledAt);
        a.Refresh();
        Assert.Equal(3, a.History.Count);
        Assert.False(a.History.TryGet(new CardKey(7, 1), out _));
    }

    [Fact]
    public void The_snapshot_folds_in_the_log_and_loading_from_it_gives_what_replaying_gives()
    {
        {
            var store = ReviewStore.Open(StorePath, snapshotEvery: 50);
            var random = new Random(3);
            for (int i = 0; i < 180; i++) store.Record(Graded(random.Next(40), (ReviewGrade)random.Next(1, 5), i / 10));
            Assert.True(File.Exists(store.SnapshotPath));
            var fromSnapshot = ReviewStore.Open(StorePath);
            string snapshot = File.ReadAllText(store.SnapshotPath);
            Assert.Contains("\"offset\":", snapshot);
            File.Delete(store.SnapshotPath);
            var replayed = ReviewStore.Open(StorePath, snapshotEvery: 1_000);
            Assert.False(File.Exists(store.SnapshotPath));
            Assert.Equal(180, fromSnapshot.History.Events);
            Assert.Equal(replayed.History.Cards.OrderBy(c => c.Key.Answer).Select(c => (c.Key, c.Value.Due, c.Value.Reviews, c.Value.Lapses)),
                fromSnapshot.History.Cards.OrderBy(c => c.Key.Answer).Select(c => (c.Key, c.Value.Due, c.Value.Reviews, c.Value.Lapses)));
            foreach (var (key, state) in replayed.History.Cards)
            {
                Assert.True(fromSnapshot.History.TryGet(key, out var s));
                Assert.Equal(state.Memory.Stability, s.Memory.Stability, 10);
                Assert.Equal(state.Memory.Difficulty, s.Memory.Difficulty, 10);
            }
            // Marked, the snapshot shows which load used it: one with its retention does, one with another does not.
            File.WriteAllText(store.SnapshotPath, snapshot.Replace("\"events\":150", "\"events\":1"));
            Assert.Equal(1 + 30, ReviewStore.Open(StorePath).History.Events);
            var other = ReviewStore.Open(StorePath, new FsrsScheduler(0.8));
            Assert.Equal(180, other.History.Events);
            // A snapshot with a line that is no card state, or cut short, is not used: the log is replayed.
            var marked = snapshot.Replace("\"events\":150", "\"events\":1");
            File.WriteAllText(store.SnapshotPath, marked.Replace("\"reviews\":", "\"reviews\":\"x\",\"r\":"));
            Assert.Equal(180, ReviewStore.Open(StorePath, snapshotEvery: 1_000).History.Events);
            File.WriteAllText(store.SnapshotPath, marked[..^20]);
            Assert.Equal(180, ReviewStore.Open(StorePath, snapshotEvery: 1_000).History.Events);
        }
    }

    [Fact]
    public void A_corrupt_line_is_reported_with_its_number_skipped_and_kept_by_the_next_write()
    {
        var store = ReviewStore.Open(StorePath);
        store.Record(Graded(1, ReviewGrade.Remembered));
        File.AppendAllText(StorePath, "{\"card\":\"zz\",\"grade\":3}\nnot json at all\n");
        store.Record(Graded(2, ReviewGrade.Remembered));

        var reopened = ReviewStore.Open(StorePath);
        Assert.Equal(["line 3: no \"card\" of 32 hex digits: {\"card\":\"zz\",\"grade\":3}; skipped", "line 4: not JSON"],
            reopened.Problems.Select(p => p.ToString().Split(" (")[0].Split(": not JSON")[0] + (p.Message.StartsWith("not JSON") ? ": not JSON" : "")));
        Assert.Equal(2, reopened.History.Count);
        var lines = File.ReadAllLines(StorePath);
        Assert.Equal(5, lines.Length);
        Assert.Equal("not json at all", lines[3]);
    }

    [Fact]
    public void A_line_cut_short_is_reported_and_ended_before_the_next_grade_so_the_two_never_merge()
    {
        var store = ReviewStore.Open(StorePath);
        store.Record(Graded(1, ReviewGrade.Remembered));
        File.AppendAllText(StorePath, "{\"card\":\"00000000000000070000000000000002\",\"gra");
        var reader = ReviewStore.Open(StorePath);
        Assert.Equal(["line 3: cut short (no line end)"], reader.Problems.Select(p => p.ToString().Split(':')[0] + ":" + p.ToString().Split(':')[1]));

        store.Record(Graded(3, ReviewGrade.Remembered));
        var lines = File.ReadAllLines(StorePath);
        Assert.Equal(4, lines.Length);
        Assert.EndsWith("\"gra", lines[2]);
        var reopened = ReviewStore.Open(StorePath);
        Assert.Equal(2, reopened.History.Count);
        Assert.Single(reopened.Problems);
        Assert.Equal(3, reopened.Problems[0].Line);
        Assert.StartsWith("not JSON", reopened.Problems[0].Message);
    }

    [Fact]
    public void A_store_of_a_newer_version_is_refused_and_left_untouched()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(StorePath)!);
        string future = "{\"orbitlsp\":\"reviews\",\"version\":2,\"id\":\"abc\"}\n{\"card\":\"x\",\"shape\":\"new\"}\n";
        File.WriteAllText(StorePath, future);
        var e = Assert.Throws<ReviewStoreException>(() => ReviewStore.Open(StorePath));
        Assert.Contains("written by a newer OrbitLsp (review store version 2; this one reads version 1)", e.Message);
        Assert.Contains("left as it is", e.Message);
        Assert.Equal(future, File.ReadAllText(StorePath));
    }

    [Fact]
    public void A_file_that_is_no_review_store_is_refused_and_left_untouched()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(StorePath)!);
        File.WriteAllText(StorePath, "my own notes\n");
        var e = Assert.Throws<ReviewStoreException>(() => ReviewStore.Open(StorePath));
        Assert.Contains("is not an OrbitLsp review store", e.Message);
        Assert.Equal("my own notes\n", File.ReadAllText(StorePath));
    }

    [Fact]
    public void A_store_replaced_by_a_newer_version_while_open_refuses_the_next_grade()
    {
        var store = ReviewStore.Open(StorePath);
        store.Record(Graded(1, ReviewGrade.Remembered));
        string future = "{\"orbitlsp\":\"reviews\",\"version\":3,\"id\":\"other\"}\n";
        File.WriteAllText(StorePath, future);
        Assert.Throws<ReviewStoreException>(() => store.Record(Graded(2, ReviewGrade.Remembered)));
        Assert.Equal(future, File.ReadAllText(StorePath));
    }

    [Fact]
    public async Task Two_processes_writing_10000_grades_each_at_once_lose_none()
    {
        const int each = 10_000;
        string exe = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "orbitlsp.exe" : "orbitlsp");
        var writers = new List<Process>();
        var inputs = new List<string>();
        for (int w = 0; w < 2; w++)
        {
            var text = new StringBuilder();
            for (int i = 0; i < each; i++)
                text.Append(new CardKey((ulong)w + 100, (ulong)i)).Append(i % 3 == 0 ? " forgotten " : " remembered ").Append("2026-12-01T09:00:00Z\n");
            inputs.Add(text.ToString());
        }
        for (int w = 0; w < 2; w++)
        {
            var start = new ProcessStartInfo(exe, ["record", "--store", StorePath, "-"])
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = _dir,
            };
            writers.Add(Process.Start(start)!);
        }
        // Both are started before either gets its input, so they write at the same time.
        var feeding = writers.Select((p, w) => Task.Run(() =>
        {
            p.StandardInput.Write(inputs[w]);
            p.StandardInput.Close();
        })).ToArray();
        await Task.WhenAll(feeding);
        var outputs = writers.Select(p => Task.Run(() => (p.StandardOutput.ReadToEnd(), p.StandardError.ReadToEnd()))).ToArray();
        foreach (var (p, o) in writers.Zip(outputs))
        {
            await p.WaitForExitAsync();
            var (stdout, stderr) = await o;
            Assert.True(p.ExitCode == 0, $"exit {p.ExitCode}: {stderr}");
            Assert.Contains($"{each} grade(s) recorded", stdout);
        }

        var lines = File.ReadAllLines(StorePath);
        Assert.Equal(2 * each + 1, lines.Length);
        var store = ReviewStore.Open(StorePath);
        Assert.Empty(store.Problems);
        Assert.Equal(2 * each, store.History.Events);
        Assert.Equal(2 * each, store.History.Count);
        // The writers' grades interleave: each appended after reading the other's.
        int switches = lines.Skip(1).Select(l => l[9..25]).Zip(lines.Skip(2).Select(l => l[9..25])).Count(p => p.First != p.Second);
        Assert.True(switches > 1, $"the two writers' lines switched {switches} times");
    }
}
