namespace OrbitLsp.Core.Review;

/// <summary>How the editors say when a card is due.</summary>
public static class ReviewText
{
    /// <summary>The hover's line: "Review: due in 3 days (Mon 7 Dec) · stability 12.3 days · 4 reviews".</summary>
    public static string Hover(CardSchedule schedule, bool markdown)
    {
        string label = markdown ? "**Review:**" : "Review:";
        if (schedule.Review is not { } r) return $"{label} new, never reviewed (due now)";
        string day = r.Due.ToString("ddd d MMM", System.Globalization.CultureInfo.InvariantCulture);
        return $"{label} {schedule.Describe()} ({day}) · stability {r.Memory.Stability:0.#} days · {(r.Reviews == 1 ? "1 review" : $"{r.Reviews} reviews")}, last on {r.LastReview:yyyy-MM-dd}";
    }
}
