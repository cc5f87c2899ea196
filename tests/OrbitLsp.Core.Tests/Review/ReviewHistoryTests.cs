using OrbitLsp.Core.Review;

namespace OrbitLsp.Core.Tests.Review;

public sealed class ReviewHistoryTests
{
    private static readonly DateOnly Monday = new(2026, 11, 30);

    private static ReviewEvent Graded(CardKey card, ReviewGrade grade, DateOnly day, string? color = null, CardKey? from = null) =>
        new(card, grade, day, new DateTimeOffset(day.ToDateTime(new TimeOnly(7, 30)), TimeSpan.Zero), color, from);

    [Theory]
    [InlineData("What is FSRS?", "What  is\tFSRS? ")]
    [InlineData("What is FSRS?", "What is FSRS?*")]
    [InlineData("What is FSRS?", "**What is FSRS?**")]
    [InlineData("What is FSRS?", "What is\nFSRS?")]
    public void A_card_keeps_its_key_when_only_white_space_or_edge_asterisks_change(string before, string after)
    {
        Assert.Equal(CardKey.Of(before, "An algorithm"), CardKey.Of(after, " An algorithm *"));
        Assert.Equal(CardKey.Normalize(before), CardKey.Normalize(after));
    }

    [Fact]
    public void Another_word_or_answer_is_another_card_and_the_key_reads_back_from_its_text()
    {
        var key = CardKey.Of("What is FSRS?", "An algorithm");
        Assert.NotEqual(key, CardKey.Of("What is FSRS ?", "An algorithm"));
        Assert.NotEqual(key, CardKey.Of("What is FSRS?", "A scheduler"));
        Assert.Equal(key.Question, CardKey.Of("What is FSRS?", "A scheduler").Question);
        Assert.Equal(32, key.ToString().Length);
        Assert.True(CardKey.TryParse(key.ToString(), out var parsed));
        Assert.Equal(key, parsed);
        Assert.False(CardKey.TryParse("not a key", out _));
        Assert.False(CardKey.TryParse(key.ToString().ToUpperInvariant(), out _));
    }

    [Fact]
    public void A_remembered_card_is_due_later_and_a_forgotten_one_the_next_day()
    {
        var history = new ReviewHistory();
        var a = CardKey.Of("Q1", "A1");
        var b = CardKey.Of("Q2", "A2");
        var remembered = history.Apply(Graded(a, ReviewGrade.Remembered, Monday));
        var forgotten = history.Apply(Graded(b, ReviewGrade.Forgotten, Monday));
        // Forgotten 1 day, Hard at least 1 more, so Remembered at least 3 (w2 alone would give 2).
        Assert.Equal(Monday.AddDays(3), remembered.Due);
        Assert.Equal(Monday.AddDays(1), forgotten.Due);
        Assert.Equal(1, forgotten.Reviews);
        var again = history.Apply(Graded(a, ReviewGrade.Remembered, remembered.Due));
        Assert.True(again.Due > remembered.Due.AddDays(2), $"due {again.Due}");
        Assert.Equal(2, again.Reviews);
        Assert.Equal(2, history.Count);
        Assert.Equal(3, history.Events);
    }

    [Fact]
    public void Due_counts_local_days_and_new_cards_are_due()
    {
        var history = new ReviewHistory();
        var key = CardKey.Of("Q", "A");
        var state = history.Apply(Graded(key, ReviewGrade.Remembered, Monday));
        Assert.Equal("due in 3 days", CardSchedule.Of(state, Monday).Describe());
        Assert.Equal("due tomorrow", CardSchedule.Of(state, Monday.AddDays(2)).Describe());
        Assert.Equal("due today", CardSchedule.Of(state, Monday.AddDays(3)).Describe());
        Assert.Equal("overdue by 3 days", CardSchedule.Of(state, Monday.AddDays(6)).Describe());
        Assert.False(CardSchedule.Of(state, Monday.AddDays(2)).IsDue);
        Assert.True(CardSchedule.Of(state, Monday.AddDays(3)).IsDue);
        var fresh = CardSchedule.Of(null, Monday);
        Assert.Equal(DueState.New, fresh.State);
        Assert.True(fresh.IsDue);
    }

    [Fact]
    public void An_edited_answer_takes_over_the_history_of_the_orphaned_card_with_its_question()
    {
        var history = new ReviewHistory();
        var old = CardKey.Of("Who explored inner alignment?", "Hubinger");
        var fixedCard = CardKey.Of("Who explored inner alignment?", "Hubinger et al.");
        var state = history.Apply(Graded(old, ReviewGrade.Remembered, Monday, "purple"));

        Assert.Equal(old, history.Resolve(fixedCard, "purple", _ => false));
        // While the old card is still in a note, it is its own card, and the new one is new.
        Assert.Null(history.Resolve(fixedCard, "purple", k => k == old));
        Assert.Null(history.Resolve(CardKey.Of("Another question?", "Hubinger"), null, _ => false));

        var next = history.Apply(Graded(fixedCard, ReviewGrade.Remembered, state.Due, "purple", from: old));
        Assert.Equal(2, next.Reviews);
        Assert.False(history.TryGet(old, out _));
        Assert.Equal(fixedCard, history.Resolve(fixedCard, null, _ => true));
    }

    [Fact]
    public void Of_several_orphans_with_the_question_the_same_colour_wins_then_the_last_reviewed()
    {
        var history = new ReviewHistory();
        var blue = CardKey.Of("Q", "blue answer");
        var red = CardKey.Of("Q", "red answer");
        var red2 = CardKey.Of("Q", "red answer, later");
        history.Apply(Graded(blue, ReviewGrade.Remembered, Monday, "blue"));
        history.Apply(Graded(red, ReviewGrade.Remembered, Monday, "red"));
        history.Apply(Graded(red2, ReviewGrade.Remembered, Monday.AddDays(1), "red"));
        var card = CardKey.Of("Q", "new answer");
        Assert.Equal(blue, history.Resolve(card, "blue", _ => false));
        Assert.Equal(red2, history.Resolve(card, "red", _ => false));
        Assert.Equal(red2, history.Resolve(card, "green", _ => false));
        Assert.Equal(red, history.Resolve(card, "red", k => k == red2));
    }

    [Fact]
    public void A_grade_written_before_the_last_one_counts_no_elapsed_days()
    {
        var history = new ReviewHistory();
        var key = CardKey.Of("Q", "A");
        var first = history.Apply(Graded(key, ReviewGrade.Remembered, Monday.AddDays(3)));
        var late = history.Apply(Graded(key, ReviewGrade.Remembered, Monday));
        Assert.Equal(first.LastReview, late.LastReview);
        Assert.Equal(first.Memory.Stability, late.Memory.Stability, 8);
    }

    [Fact]
    public void The_forecast_counts_due_new_learned_and_each_day()
    {
        var history = new ReviewHistory();
        var keys = Enumerable.Range(0, 4).Select(i => CardKey.Of($"Q{i}", "A")).ToArray();
        history.Apply(Graded(keys[0], ReviewGrade.Remembered, Monday));  // due in 3 days
        history.Apply(Graded(keys[1], ReviewGrade.Forgotten, Monday));   // due tomorrow
        history.Apply(Graded(keys[2], ReviewGrade.Forgotten, Monday.AddDays(-5))); // overdue
        var today = Monday;
        var schedules = keys.Select(k => CardSchedule.Of(history.TryGet(k, out var s) ? s : null, today)).ToList();
        var forecast = ReviewForecast.Of(schedules, orphans: 1, days: 30);
        Assert.Equal(4, forecast.Cards);
        Assert.Equal(1, forecast.Due);
        Assert.Equal(1, forecast.New);
        Assert.Equal(3, forecast.Learned);
        Assert.Equal(1, forecast.Orphans);
        Assert.Equal([1, 1, 0, 1], forecast.PerDay[..4]);
        Assert.Equal(3, forecast.PerDay.Sum());
    }

    [Fact]
    public void The_desired_retention_sets_the_interval()
    {
        var state = new MemoryState(10, 5);
        int at90 = new FsrsScheduler(0.9).Next(state, 10, ReviewGrade.Remembered).Interval;
        int at80 = new FsrsScheduler(0.8).Next(state, 10, ReviewGrade.Remembered).Interval;
        int at95 = new FsrsScheduler(0.95).Next(state, 10, ReviewGrade.Remembered).Interval;
        Assert.True(at95 < at90 && at90 < at80, $"{at95} < {at90} < {at80}");
        Assert.Throws<ArgumentOutOfRangeException>(() => new FsrsScheduler(1.0));
    }
}
