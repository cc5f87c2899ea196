using OrbitLsp.Core.Analysis;
using OrbitLsp.Core.Cards;

namespace OrbitLsp.Core.Review;

/// <summary>A card readers can review, with its key.</summary>
public sealed record ReviewCard(Card Card, CardKey Key);

/// <summary>One card to review: where it is (<typeparamref name="T"/>), its key, the key its history is kept under, and when it is due.</summary>
public readonly record struct QueuedCard<T>(T Item, CardKey Key, CardKey? HistoryKey, CardSchedule Schedule);

/// <summary>Which cards of a note are reviewed, and in what order the due ones come.</summary>
public static class ReviewCards
{
    /// <summary>
    /// The note's cards a reader can review: published, not hidden in an HTML comment, with a
    /// question (the prompts <see cref="PromptIndex.PublishedPrompts"/> gives, in page order).
    /// </summary>
    public static IEnumerable<ReviewCard> Of(NoteAnalysis analysis, Func<Model.ReviewBlock, bool>? blockFilter = null)
    {
        foreach (var card in CardExtractor.Extract(analysis, blockFilter))
            if (!card.Hidden && card.Question.Length > 0) yield return new ReviewCard(card, CardKey.Of(card.Question, card.Answer));
    }

    /// <summary>
    /// Every card with its schedule as of <paramref name="today"/>, in review order: the reviewed
    /// cards that are due, the most overdue first, then the new ones in the order given, then the
    /// cards due later, soonest first. <paramref name="isInNotes"/> tells which keys some note
    /// holds (for <see cref="ReviewHistory.Resolve"/>).
    /// </summary>
    public static List<QueuedCard<T>> Queue<T>(IEnumerable<(T Item, CardKey Key, string? Color)> cards, ReviewHistory history,
        Func<CardKey, bool> isInNotes, DateOnly today)
    {
        var queue = new List<QueuedCard<T>>();
        foreach (var (item, key, color) in cards)
        {
            var historyKey = history.Resolve(key, color, isInNotes);
            CardReviewState? state = historyKey is { } k && history.TryGet(k, out var s) ? s : null;
            queue.Add(new QueuedCard<T>(item, key, historyKey, CardSchedule.Of(state, today)));
        }
        // A stable sort: new cards keep the order given.
        return [.. queue.Select((c, i) => (c, i)).OrderBy(x => Rank(x.c.Schedule)).ThenBy(x => x.c.Schedule.State == DueState.New ? 0 : x.c.Schedule.DaysUntilDue)
            .ThenBy(x => x.i).Select(x => x.c)];
    }

    private static int Rank(CardSchedule s) => s.State switch { DueState.Due => 0, DueState.New => 1, _ => 2 };
}
