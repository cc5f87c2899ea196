using OrbitLsp.Core.Analysis;
using OrbitLsp.Core.Review;
using OrbitLsp.Core.Text;

namespace OrbitLsp.Core.Tests.Review;

/// <summary>
/// <see cref="WorkspaceDue"/>, which keeps the due cards between calls, against a recomputation
/// from scratch over every card of every note, after random notes recorded and removed, grades
/// (of cards in notes, of orphans, histories carried over) and days.
/// </summary>
public sealed class WorkspaceDueTests
{
    private static readonly DateOnly Start = new(2026, 6, 1);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void Keeping_the_due_cards_gives_what_a_walk_over_every_card_gives(int seed)
    {
        var random = new Random(seed);
        // Few questions, so that edited cards (same question, another answer) take over orphans' histories.
        var pool = Enumerable.Range(0, 120).Select(i => new CardKey((ulong)random.Next(60) + 1, (ulong)i + 1000)).Distinct().ToArray();
        var prompts = new PromptIndex();
        var history = new ReviewHistory();
        var notes = new Dictionary<string, CardKey[]>(StringComparer.Ordinal);
        var due = new WorkspaceDue();
        var day = Start;
        int compared = 0;
        for (int step = 0; step < 600; step++)
        {
            int op = random.Next(10);
            if (op < 3 || notes.Count == 0)
            {
                // A note recorded (or replaced): some cards, a few of them twice.
                string file = $"/notes/{(char)('a' + random.Next(6))}/n{random.Next(15)}.md";
                var cards = Enumerable.Range(0, random.Next(0, 8)).Select(_ => pool[random.Next(pool.Length)]).ToArray();
                notes[file] = cards;
                prompts.Set(file, [.. cards.Select((c, i) => new PromptIndex.PromptHash(c.Question, c.Answer, new TextRange(new TextPosition(i, 0), new TextPosition(i, 1)), c))]);
            }
            else if (op == 3)
            {
                string file = notes.Keys.ElementAt(random.Next(notes.Count));
                notes.Remove(file);
                prompts.Remove(file);
            }
            else if (op < 8)
            {
                // A grade, most often of a card in a note; sometimes carrying an orphan's history over.
                var inNotes = notes.Values.SelectMany(c => c).ToArray();
                var card = inNotes.Length > 0 && random.Next(4) > 0 ? inNotes[random.Next(inNotes.Length)] : pool[random.Next(pool.Length)];
                var from = history.Resolve(card, null, k => Holds(notes, k));
                var gradeDay = day.AddDays(-random.Next(3));
                history.Apply(new ReviewEvent(card, (ReviewGrade)random.Next(1, 5), gradeDay, new DateTimeOffset(gradeDay.ToDateTime(new TimeOnly(random.Next(24), random.Next(60))), TimeSpan.Zero),
                    random.Next(3) == 0 ? "blue" : null, from is { } f && f != card ? f : null));
            }
            else if (op == 8) day = day.AddDays(random.Next(1, 15));
            if (random.Next(3) > 0)
            {
                var today = day.AddDays(random.Next(-5, 60));
                int limit = random.Next(4) == 0 ? 200 : random.Next(1, 12);
                var expected = Recompute(notes, history, today, limit);
                var actual = due.Due(prompts, history, today, limit);
                Assert.Equal(expected.Reviewed, actual.Reviewed);
                Assert.Equal(expected.New, actual.New);
                Assert.Equal(expected.Next?.Review?.Due, actual.Next?.Review?.Due);
                Assert.Equal(expected.First, actual.First);
                compared++;
            }
        }
        Assert.True(compared > 300);
    }

    [Fact]
    public void Grades_of_cards_with_a_history_walk_no_card_again()
    {
        var prompts = new PromptIndex();
        var history = new ReviewHistory();
        var cards = Enumerable.Range(0, 500).Select(i => new CardKey((ulong)i + 1, 7)).ToArray();
        for (int n = 0; n < 50; n++)
            prompts.Set($"/notes/n{n:D2}.md", [.. cards.Skip(n * 10).Take(10).Select((c, i) => new PromptIndex.PromptHash(c.Question, c.Answer, default, c))]);
        foreach (var c in cards.Take(400)) history.Apply(new ReviewEvent(c, ReviewGrade.Remembered, Start, new DateTimeOffset(Start.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)));
        var due = new WorkspaceDue();
        var today = Start.AddDays(30);
        var answer = due.Due(prompts, history, today, 20);
        Assert.Equal((400, 100), (answer.Reviewed, answer.New));
        Assert.Equal(1, due.Rebuilds);
        for (int i = 0; i < 50; i++)
        {
            var card = answer.First[0].Key;
            history.Apply(new ReviewEvent(card, ReviewGrade.Remembered, today, new DateTimeOffset(today.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)));
            answer = due.Due(prompts, history, today, 20);
            Assert.DoesNotContain(answer.First, e => e.Key == card);
        }
        Assert.Equal((350, 100), (answer.Reviewed, answer.New));
        Assert.Equal(1, due.Rebuilds);
        // A note changed: the cards without history are looked up again, once.
        prompts.Set("/notes/n00.md", [.. cards.Take(5).Select((c, i) => new PromptIndex.PromptHash(c.Question, c.Answer, default, c))]);
        var after = due.Due(prompts, history, today, 20);
        var fromScratch = new WorkspaceDue().Due(prompts, history, today, 20);
        Assert.Equal((fromScratch.Reviewed, fromScratch.New), (after.Reviewed, after.New));
        Assert.Equal(fromScratch.First, after.First);
        Assert.Equal(2, due.Rebuilds);
    }

    private static bool Holds(Dictionary<string, CardKey[]> notes, CardKey key) => notes.Values.Any(c => c.Contains(key));

    /// <summary>What the server computed before it kept anything: every distinct card of every note, scheduled and sorted.</summary>
    private static WorkspaceDue.Answer Recompute(Dictionary<string, CardKey[]> notes, ReviewHistory history, DateOnly today, int limit)
    {
        var firsts = new Dictionary<CardKey, (string File, int Index)>();
        foreach (var (file, cards) in notes)
            for (int i = 0; i < cards.Length; i++)
                if (!firsts.TryGetValue(cards[i], out var held) || string.CompareOrdinal(file, held.File) < 0 || (file == held.File && i < held.Index))
                    firsts[cards[i]] = (file, i);
        int reviewed = 0, fresh = 0;
        CardSchedule? next = null;
        var dueOnes = new List<WorkspaceDue.Entry>();
        foreach (var (key, (file, index)) in firsts)
        {
            var historyKey = history.Resolve(key, null, k => firsts.ContainsKey(k));
            var schedule = CardSchedule.Of(historyKey is { } k && history.TryGet(k, out var s) ? s : null, today);
            if (!schedule.IsDue)
            {
                if (next is null || schedule.DaysUntilDue < next.Value.DaysUntilDue) next = schedule;
                continue;
            }
            if (schedule.State == DueState.New) fresh++;
            else reviewed++;
            dueOnes.Add(new WorkspaceDue.Entry(file, index, key, historyKey, schedule));
        }
        var first = dueOnes.OrderBy(e => e.Schedule.State == DueState.New ? int.MaxValue : e.Schedule.DaysUntilDue)
            .ThenBy(e => e.File, StringComparer.Ordinal).ThenBy(e => e.Index).Take(limit).ToList();
        return new WorkspaceDue.Answer(reviewed, fresh, reviewed + fresh == 0 ? next : null, first);
    }
}
