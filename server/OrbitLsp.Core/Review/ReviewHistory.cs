using System.Runtime.InteropServices;

namespace OrbitLsp.Core.Review;

/// <summary>
/// The review state of every card a store has seen, replayed from its events in the order they
/// were written (the store's order is the only order: an event is never moved before an earlier
/// one, so loading and recording one event at a time always agree). A card removed from its
/// notes keeps its history here (an orphan): it is no longer shown, and comes back if the card does.
/// </summary>
public sealed class ReviewHistory(FsrsScheduler? scheduler = null)
{
    private readonly Dictionary<CardKey, CardReviewState> _cards = [];

    // The recorded cards by question, for Resolve: the first, and the rare others apart.
    private readonly Dictionary<ulong, CardKey> _byQuestion = [];
    private readonly Dictionary<ulong, List<CardKey>> _moreByQuestion = [];

    public FsrsScheduler Scheduler { get; } = scheduler ?? FsrsScheduler.Default;

    /// <summary>Cards with at least one grade (orphans included).</summary>
    public int Count => _cards.Count;

    /// <summary>Events replayed (a snapshot counts those it folded in).</summary>
    public long Events { get; set; }

    public IEnumerable<KeyValuePair<CardKey, CardReviewState>> Cards => _cards;

    public bool TryGet(CardKey card, out CardReviewState state) => _cards.TryGetValue(card, out state);

    public bool Contains(CardKey card) => _cards.ContainsKey(card);

    /// <summary>Counts the cards that lost their history (a history carried to another card); a reader that kept which cards have none looks again when it changed.</summary>
    public long Removals { get; private set; }

    // The cards by due day (day number), made when first asked for and then kept up to date by
    // every grade: a reader of the due cards walks only those.
    private SortedDictionary<int, HashSet<CardKey>>? _byDue;

    /// <summary>
    /// Every card with a history by the day it is due (day number), soonest first. Made on the first
    /// call (one walk over the cards), then kept up to date by each grade (O(log days)), so that
    /// loading a store pays nothing for it.
    /// </summary>
    public IReadOnlyDictionary<int, HashSet<CardKey>> ByDueDay
    {
        get
        {
            if (_byDue is null)
            {
                var byDue = new Dictionary<int, HashSet<CardKey>>();
                foreach (var (card, s) in _cards)
                {
                    ref var set = ref CollectionsMarshal.GetValueRefOrAddDefault(byDue, s.Due.DayNumber, out _);
                    (set ??= []).Add(card);
                }
                _byDue = new SortedDictionary<int, HashSet<CardKey>>(byDue);
            }
            return _byDue;
        }
    }

    private void Dated(CardKey card, int? was, int? now)
    {
        if (_byDue is null || was == now) return;
        if (was is { } w && _byDue.TryGetValue(w, out var old))
        {
            old.Remove(card);
            if (old.Count == 0) _byDue.Remove(w);
        }
        if (now is { } n)
        {
            if (!_byDue.TryGetValue(n, out var set)) _byDue[n] = set = [];
            set.Add(card);
        }
    }

    /// <summary>Applies one grade and returns the card's new state.</summary>
    public CardReviewState Apply(in ReviewEvent e)
    {
        Events++;
        if (e.From is { } from && from != e.Card && !_cards.ContainsKey(e.Card) && _cards.TryGetValue(from, out var carried))
        {
            Remove(from);
            Set(e.Card, carried);
        }
        // One look-up per grade (a store's load applies a million).
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_cards, e.Card, out bool existed);
        if (existed)
        {
            var s = slot;
            int elapsed = e.Day.DayNumber - s.LastReview.DayNumber;
            var (memory, interval) = Scheduler.Next(s.Memory, elapsed, e.Grade);
            var day = e.Day > s.LastReview ? e.Day : s.LastReview;
            slot = new CardReviewState(memory, day, day.AddDays(interval), e.At > s.LastReviewedAt ? e.At : s.LastReviewedAt,
                s.Reviews + 1, s.Lapses + (e.Grade == ReviewGrade.Forgotten ? 1 : 0), e.Color ?? s.Color);
            var now = slot;
            Dated(e.Card, s.Due.DayNumber, now.Due.DayNumber);
            return now;
        }
        var (first, days) = Scheduler.Next(null, 0, e.Grade);
        var next = slot = new CardReviewState(first, e.Day, e.Day.AddDays(days), e.At, 1, 0, e.Color);
        AddQuestion(e.Card);
        Dated(e.Card, null, next.Due.DayNumber);
        return next;
    }

    /// <summary>Records a card's state as a snapshot gave it.</summary>
    public void Set(CardKey card, CardReviewState state)
    {
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_cards, card, out bool existed);
        int? was = existed ? slot.Due.DayNumber : null;
        slot = state;
        if (!existed) AddQuestion(card);
        Dated(card, was, state.Due.DayNumber);
    }

    private void AddQuestion(CardKey card)
    {
        if (!_byQuestion.TryAdd(card.Question, card))
        {
            ref var more = ref CollectionsMarshal.GetValueRefOrAddDefault(_moreByQuestion, card.Question, out _);
            (more ??= []).Add(card);
        }
    }

    private void Remove(CardKey card)
    {
        if (!_cards.Remove(card, out var gone)) return;
        Removals++;
        Dated(card, gone.Due.DayNumber, null);
        _moreByQuestion.TryGetValue(card.Question, out var more);
        if (_byQuestion.TryGetValue(card.Question, out var first) && first == card)
        {
            if (more is { Count: > 0 })
            {
                _byQuestion[card.Question] = more[0];
                more.RemoveAt(0);
            }
            else _byQuestion.Remove(card.Question);
        }
        else more?.Remove(card);
        if (more is { Count: 0 }) _moreByQuestion.Remove(card.Question);
    }

    /// <summary>
    /// The card whose history a card in the notes has: its own when it has one; else, when its
    /// answer (or question wording around it) was edited, the recorded card with the same question
    /// that is in no note any more (<paramref name="isInNotes"/> false): of several, the one of the
    /// same colour, then the one reviewed last. Null for a card never reviewed.
    /// </summary>
    /// <remarks>
    /// NOTE: a quick fix that pairs a shifted block correctly, or an answer corrected after a
    /// review, changes the published text and so the key; carrying the history over by question
    /// keeps the author's progress. The next grade writes the link (<see cref="ReviewEvent.From"/>),
    /// so the store's replay moves the history for good.
    /// </remarks>
    public CardKey? Resolve(CardKey card, string? color, Func<CardKey, bool> isInNotes)
    {
        if (_cards.ContainsKey(card)) return card;
        if (!_byQuestion.TryGetValue(card.Question, out var first)) return null;
        CardKey? best = null;
        CardReviewState bestState = default;
        Consider(first);
        if (_moreByQuestion.TryGetValue(card.Question, out var more))
            foreach (var other in more) Consider(other);
        return best;

        void Consider(CardKey candidate)
        {
            if (isInNotes(candidate)) return;
            var s = _cards[candidate];
            if (best is null || Better(s, bestState))
            {
                best = candidate;
                bestState = s;
            }
        }

        bool Better(CardReviewState a, CardReviewState b)
        {
            bool aColor = string.Equals(a.Color, color, StringComparison.Ordinal), bColor = string.Equals(b.Color, color, StringComparison.Ordinal);
            return aColor != bColor ? aColor : a.LastReviewedAt > b.LastReviewedAt;
        }
    }
}
