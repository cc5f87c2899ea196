namespace OrbitLsp.Core.Review;

/// <summary>
/// One grade, as the store keeps it: which card, the grade, the author's local calendar day it
/// was given on (what scheduling counts in) and the instant (UTC, for the record and ordering
/// by people), the block's colour, and the card whose history this card took over (<see cref="From"/>).
/// </summary>
public readonly record struct ReviewEvent(CardKey Card, ReviewGrade Grade, DateOnly Day, DateTimeOffset At, string? Color = null, CardKey? From = null);

/// <summary>What the store knows of one card after replaying its grades.</summary>
/// <param name="LastReview">The local day of the last grade.</param>
/// <param name="Due">The local day the card is due on: <see cref="LastReview"/> plus FSRS's interval.</param>
public readonly record struct CardReviewState(MemoryState Memory, DateOnly LastReview, DateOnly Due, DateTimeOffset LastReviewedAt,
    int Reviews, int Lapses, string? Color);
