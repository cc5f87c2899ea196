using System.Diagnostics;
using OrbitLsp.Cli;
using OrbitLsp.Core.Review;
using OrbitLsp.Reviews;
using Spectre.Console.Testing;

namespace OrbitLsp.Core.Tests.Review;

/// <summary><c>orbitlsp review</c> and <c>orbitlsp stats</c> on notes in a temporary workspace.</summary>
public sealed class ReviewCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("orbitlsp-review-").FullName;

    private const string Note = """
        ---
        title: Alignment
        ---
        {{<orbit_review color="purple">}}
        Which team explored inner alignment?
        Hubinger et al.

        What is $E = mc^2$ called?
        Mass-energy equivalence

        Which team explored outer alignment?
        Krakovna et al.
        {{</orbit_review>}}

        """;

    public ReviewCliTests()
    {
        Directory.CreateDirectory(Path.Combine(_dir, ".git"));
        File.WriteAllText(Path.Combine(_dir, "alignment.md"), Note);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string StorePath => Path.Combine(_dir, ".orbitlsp", "reviews.jsonl");

    private static TestConsole Console()
    {
        var console = new TestConsole().Interactive();
        console.Profile.Width = 100;
        return console;
    }

    [Fact]
    public void Review_shows_due_cards_records_the_first_grade_and_brings_forgotten_cards_back()
    {
        var console = Console();
        // Card 1: remembered. Card 2: forgotten, so it comes back at the end. Card 3: skipped. Card 2 again: remembered (practice).
        foreach (var key in new[] { ConsoleKey.Spacebar, ConsoleKey.D2, ConsoleKey.Spacebar, ConsoleKey.D1, ConsoleKey.S, ConsoleKey.Spacebar, ConsoleKey.D2 })
            console.Input.PushKey(key);
        var err = new StringWriter();
        int exit = ReviewCommand.Run(["--today", "2026-12-04", _dir], console, err, interactive: true);
        Assert.True(exit == 0, err.ToString());
        string output = console.Output;
        Assert.Contains("1 of 3 · alignment.md:5 · new, never reviewed", output);
        Assert.Contains("What is $E = mc^2$ called?", output); // math as typed
        Assert.Contains("4 of 4 · alignment.md:8 · again, forgotten earlier", output);
        Assert.Contains("1 of 2 remembered (1 not graded)", output);
        Assert.Contains("in 3 days (Mon 7 Dec)", output);
        Assert.Contains("tomorrow (Sat 5 Dec)", output);

        var store = ReviewStore.Open(StorePath);
        Assert.Equal(2, store.History.Events);
        Assert.True(store.History.TryGet(CardKey.Of("Which team explored inner alignment?", "Hubinger et al."), out var first));
        Assert.Equal(new DateOnly(2026, 12, 7), first.Due);
        Assert.True(store.History.TryGet(CardKey.Of("What is $E = mc^2$ called?", "Mass-energy equivalence"), out var second));
        Assert.Equal(new DateOnly(2026, 12, 5), second.Due);

        // The next day only the forgotten card and the skipped (new) one are due.
        var next = Console();
        next.Input.PushKey(ConsoleKey.Q);
        ReviewCommand.Run(["--today", "2026-12-05", _dir], next, err, interactive: true);
        Assert.Contains("1 of 2 · alignment.md:8 · due today", next.Output);
    }

    [Fact]
    public void Review_without_a_terminal_says_so_and_nothing_due_says_when_next()
    {
        var err = new StringWriter();
        Assert.Equal(2, ReviewCommand.Run([_dir], Console(), err, interactive: false));
        Assert.Contains("needs a terminal", err.ToString());

        var store = ReviewStore.Open(StorePath);
        foreach (var (q, a) in new[] { ("Which team explored inner alignment?", "Hubinger et al."), ("What is $E = mc^2$ called?", "Mass-energy equivalence"), ("Which team explored outer alignment?", "Krakovna et al.") })
            store.Record(new ReviewEvent(CardKey.Of(q, a), ReviewGrade.Remembered, new DateOnly(2026, 12, 4), DateTimeOffset.UtcNow));
        var console = Console();
        Assert.Equal(0, ReviewCommand.Run(["--today", "2026-12-04", _dir], console, err, interactive: true));
        Assert.Contains("Nothing is due today. The next card is due in 3 days (3 card(s)).", console.Output);
    }

    [Fact]
    public void Stats_counts_due_new_learned_and_orphans_and_charts_the_next_30_days()
    {
        var store = ReviewStore.Open(StorePath);
        var day = new DateOnly(2026, 12, 1);
        store.Record(new ReviewEvent(CardKey.Of("Which team explored inner alignment?", "Hubinger et al."), ReviewGrade.Remembered, day, DateTimeOffset.UtcNow)); // due Dec 4
        store.Record(new ReviewEvent(CardKey.Of("What is $E = mc^2$ called?", "Mass-energy equivalence"), ReviewGrade.Forgotten, day.AddDays(3), DateTimeOffset.UtcNow)); // due Dec 5
        store.Record(new ReviewEvent(CardKey.Of("A card deleted from the note?", "Yes"), ReviewGrade.Remembered, day, DateTimeOffset.UtcNow));
        var console = Console();
        var err = new StringWriter();
        Assert.Equal(0, StatsCommand.Run(["--today", "2026-12-04", _dir], console, err));
        string output = console.Output;
        string[] lines = output.Split('\n');
        Assert.Contains(lines, l => l.Contains("Due today (reviewed, due or overdue)") && l.TrimEnd().EndsWith("1 │"));
        Assert.Contains(lines, l => l.Contains("New (never reviewed, due too)") && l.TrimEnd().EndsWith("1 │"));
        Assert.Contains(lines, l => l.Contains("Learned (reviewed at least once)") && l.TrimEnd().EndsWith("2 │"));
        Assert.Contains(lines, l => l.Contains("History kept, in no note") && l.TrimEnd().EndsWith("1 │"));
        Assert.Contains("Cards due per day", output);
        Assert.Contains(lines, l => l.Contains("today") && l.Contains("Fri 4 Dec") && l.Contains("+15"));
        Assert.Contains(lines, l => l.TrimStart().StartsWith("Sat 05 Dec") && l.TrimEnd().EndsWith("1"));
        Assert.Empty(err.ToString());
    }

    [Fact]
    public void Review_runs_in_a_real_terminal_driven_through_tmux()
    {
        string exe = Path.Combine(AppContext.BaseDirectory, "orbitlsp");
        string session = $"orbitlsp-review-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40];
        Tmux("new-session", "-d", "-s", session, "-x", "100", "-y", "30", "-c", _dir, $"'{exe}' review --today 2026-12-04 alignment.md; echo EXITED $?; sleep 60");
        try
        {
            WaitFor(session, "1 of 3 · alignment.md:5");
            Tmux("send-keys", "-t", session, "Space");
            WaitFor(session, "Hubinger et al.");
            Tmux("send-keys", "-t", session, "2");
            WaitFor(session, "2 of 3 · alignment.md:8");
            Tmux("send-keys", "-t", session, "q");
            string screen = WaitFor(session, "EXITED 0");
            Assert.Contains("1 of 1 remembered", screen);
        }
        finally
        {
            Tmux("kill-session", "-t", session);
        }
        var store = ReviewStore.Open(StorePath);
        Assert.Equal(1, store.History.Events);
    }

    private static string Tmux(params string[] args)
    {
        var p = Process.Start(new ProcessStartInfo("tmux", args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        string output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
        p.WaitForExit();
        return output;
    }

    /// <summary>Polls the pane until it shows <paramref name="text"/> (20 s at most).</summary>
    private static string WaitFor(string session, string text)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        string screen = "";
        while (DateTime.UtcNow < deadline)
        {
            screen = Tmux("capture-pane", "-p", "-t", session);
            if (screen.Contains(text)) return screen;
            Thread.Sleep(50);
        }
        throw new Xunit.Sdk.XunitException($"the terminal never showed '{text}'; it shows:\n{screen}");
    }
}
