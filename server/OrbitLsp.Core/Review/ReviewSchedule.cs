namespace OrbitLsp.Core.Review;

public enum DueState
{
    /// <summary>Never reviewed: due, to be learned (see <see cref="CardSchedule"/>).</summary>
    New,

    /// <summary>Reviewed, and due today or overdue.</summary>
    Due,

    /// <summary>Reviewed, due on a later day.</summary>
    Later,
}

/// <summary>
/// When a card is due, as of the author's local day <c>today</c>.
/// </summary>
/// <remarks>
/// NOTE: a card never reviewed counts as due: it is a card the author wrote to learn, and Orbit
/// shows new prompts at once. Every count of due cards (code lens, hover, status bar, panel,
/// <c>orbitlsp review</c> and <c>stats</c>) includes them, and lists put them after the reviewed
/// cards that are due. Days are the author's local calendar days: a card graded at 23:50 and due
/// in one day is due at midnight, not 24 hours later.
/// </remarks>
public readonly record struct CardSchedule(DueState State, CardReviewState? Review, int DaysUntilDue)
{
    public static CardSchedule Of(CardReviewState? review, DateOnly today) => review is { } r
        ? new CardSchedule(r.Due <= today ? DueState.Due : DueState.Later, r, r.Due.DayNumber - today.DayNumber)
        : new CardSchedule(DueState.New, null, 0);

    public bool IsDue => State != DueState.Later;

    /// <summary>"new", "due today", "overdue by 2 days", "due tomorrow", "due in 3 days".</summary>
    public string Describe() => State switch
    {
        DueState.New => "new, never reviewed",
        _ when DaysUntilDue == 0 => "due today",
        _ when DaysUntilDue == -1 => "overdue by 1 day",
        _ when DaysUntilDue < 0 => $"overdue by {-DaysUntilDue} days",
        _ when DaysUntilDue == 1 => "due tomorrow",
        _ => $"due in {DaysUntilDue} days",
    };
}

/// <summary>What <c>orbitlsp stats</c> shows of the cards in the notes.</summary>
/// <param name="Due">Reviewed cards due today or overdue.</param>
/// <param name="New">Cards never reviewed (due as well).</param>
/// <param name="Learned">Cards reviewed at least once.</param>
/// <param name="Orphans">Cards with a history that no note holds any more.</param>
/// <param name="PerDay">Reviewed cards falling due on each of the next days (index 0 is today, overdue included).</param>
public sealed record ReviewForecast(int Cards, int Due, int New, int Learned, int Orphans, int[] PerDay)
{
    public static ReviewForecast Of(IEnumerable<CardSchedule> cards, int orphans, int days = 30)
    {
        int count = 0, due = 0, fresh = 0, learned = 0;
        var perDay = new int[days];
        foreach (var c in cards)
        {
            count++;
            if (c.State == DueState.New)
            {
                fresh++;
                continue;
            }
            learned++;
            if (c.State == DueState.Due) due++;
            int day = Math.Max(c.DaysUntilDue, 0);
            if (day < days) perDay[day]++;
        }
        return new ReviewForecast(count, due, fresh, learned, orphans, perDay);
    }
}
