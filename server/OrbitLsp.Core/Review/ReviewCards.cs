using OrbitLsp.Core.Analysis;
using System.Collections.Immutable;
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
    /// Made each time they are asked for: what is kept per analysis is their keys (<see cref="All"/>).
    /// </summary>
    public static IEnumerable<ReviewCard> Of(NoteAnalysis analysis, Func<Model.ReviewBlock, bool>? blockFilter = null) => Extract(analysis, blockFilter);

    /// <summary>
    /// The keys of the note's cards a reader can review (as <see cref="Of"/>), with their blocks and
    /// colours, made once per analysis: the code lenses' due counts of one version and the store's
    /// questions about the note share them (each used to extract and hash every card of the note
    /// again; a lens per block did so once per block). Only keys are kept, in one array: the cards
    /// themselves, with their texts, were some 10,000 objects for a 1 MB note, alive as long as the
    /// analysis, which every young collection after a typing pause copied.
    /// </summary>
    public static NoteReviewCards All(NoteAnalysis analysis) =>
        Cache.GetValue(analysis, a => new NoteReviewCards([.. Extract(a, null).Select(c => new CardPlace(c.Card.Block, c.Key, c.Card.Color))]));

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<NoteAnalysis, NoteReviewCards> Cache = new();

    private static IEnumerable<ReviewCard> Extract(NoteAnalysis analysis, Func<Model.ReviewBlock, bool>? blockFilter)
    {
        foreach (var card in CardExtractor.Extract(analysis, blockFilter))
            if (IsReviewable(card.Hidden, card.Question)) yield return new ReviewCard(card, CardKey.Of(card.Question, card.Answer));
    }

    private static bool IsReviewable(bool hidden, string question) => !hidden && question.Length > 0;

    /// <summary>
    /// The key and colour of the reviewable card (as <see cref="Of"/>) whose prompt touches
    /// <paramref name="offset"/> and overlaps <paramref name="shown"/> (what a hover shows), made
    /// from that prompt alone: a hover asks on every move, and making its block's cards (with their
    /// problems) allocated a kilobyte or more each time.
    /// </summary>
    public static (CardKey Key, string Color)? At(NoteAnalysis analysis, int offset, Text.TextSpan shown)
    {
        foreach (var (_, block) in CardExtractor.PublishedBlocks(analysis.Document))
        {
            if (!block.Span.Touches(offset)) continue;
            foreach (var prompt in block.Prompts)
                if (prompt.Span.Touches(offset) && prompt.Span.OverlapsWith(shown) && IsReviewable(block.IsHidden, prompt.Question))
                    return (CardKey.Of(prompt.Question, prompt.Answer), block.Color);
        }
        return null;
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

/// <summary>Where a reviewable card is (its published block, as <see cref="Card.Block"/>), its key and its block's colour.</summary>
public readonly record struct CardPlace(int Block, CardKey Key, string Color);

/// <summary>A note's reviewable cards in page order, as their places and keys, with the set of their keys.</summary>
public sealed class NoteReviewCards(ImmutableArray<CardPlace> places)
{
    public ImmutableArray<CardPlace> Places { get; } = places;

    /// <summary>The keys of the cards (a card published twice is one key).</summary>
    public IReadOnlySet<CardKey> Keys => _keys ??= Places.Select(c => c.Key).ToHashSet();
    private HashSet<CardKey>? _keys;

    /// <summary>How many cards of each published block (<see cref="Card.Block"/>) satisfy <paramref name="predicate"/>.</summary>
    public Dictionary<int, int> CountByBlock(Func<CardPlace, bool> predicate)
    {
        var counts = new Dictionary<int, int>();
        foreach (var card in Places)
            if (predicate(card)) counts[card.Block] = counts.GetValueOrDefault(card.Block) + 1;
        return counts;
    }
}
