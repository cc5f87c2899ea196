namespace OrbitLsp.Core.Review;

/// <summary>
/// A grade given to a card. Orbit has two (Forgotten, Remembered); Hard and Easy are FSRS's other
/// two, offered only when the author turns them on. The numbers are FSRS's ratings (Again 1 …
/// Easy 4), which the store writes.
/// </summary>
public enum ReviewGrade
{
    Forgotten = 1,
    Hard = 2,
    Remembered = 3,
    Easy = 4,
}

public static class ReviewGrades
{
    /// <summary>The grade named by <paramref name="name"/> (forgotten, hard, remembered, easy; FSRS's again and good too), any case.</summary>
    public static ReviewGrade? Parse(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        "forgotten" or "again" or "1" => ReviewGrade.Forgotten,
        "hard" or "2" => ReviewGrade.Hard,
        "remembered" or "good" or "3" => ReviewGrade.Remembered,
        "easy" or "4" => ReviewGrade.Easy,
        _ => null,
    };

    public static string Name(this ReviewGrade grade) => grade switch
    {
        ReviewGrade.Forgotten => "forgotten",
        ReviewGrade.Hard => "hard",
        ReviewGrade.Remembered => "remembered",
        ReviewGrade.Easy => "easy",
        _ => throw new ArgumentOutOfRangeException(nameof(grade)),
    };
}
