using OrbitLsp.Core.Analysis;

namespace OrbitLsp.Core.Review;

/// <summary>
/// The due cards of every note of a <see cref="PromptIndex"/>, as of a day: how many are due
/// (reviewed and new), the first ones in review order, and, when none is, the next due day. Keeps
/// between calls what does not change with a grade, so a call walks only the cards that are due.
/// </summary>
/// <remarks>
/// NOTE: a workspace holds 100,000 cards and more, and a review session asks for the due cards
/// after every grade. A call reads the history's cards by due day
/// (<see cref="ReviewHistory.ByDueDay"/>, kept up to date by each grade) up to the day, keeping
/// those some note publishes; and the cards of the notes that have no history of their own, kept
/// here from one walk over the index (made again only when a note changed or a history was lost),
/// which grades only shrink. Review order: the reviewed cards that are due, the most overdue first,
/// then the new ones; within the same day, by note (path, ordinal) and place in it. A card
/// published twice is one card, at its first place (<see cref="PromptIndex.PlaceOfCard"/>).
/// Not thread-safe as to the history: call it while no grade is applied (under the store's read).
/// </remarks>
public sealed class WorkspaceDue
{
    /// <summary>A due card: its note and place among the note's cards, its key, the key its history is kept under, its schedule.</summary>
    public readonly record struct Entry(string File, int Index, CardKey Key, CardKey? HistoryKey, CardSchedule Schedule);

    /// <param name="Reviewed">Reviewed cards due (today or overdue).</param>
    /// <param name="New">Cards never reviewed.</param>
    /// <param name="Next">When no card is due: the schedule of the card due soonest (null when there is none).</param>
    /// <param name="First">The first due cards in review order, at most the limit.</param>
    public sealed record Answer(int Reviewed, int New, CardSchedule? Next, IReadOnlyList<Entry> First);

    private readonly Lock _gate = new();
    private PromptIndex? _prompts;
    private long _promptsVersion;
    private ReviewHistory? _history;
    private long _removals;

    // The cards of the notes with no history of their own when last looked at, in review order
    // (note path, place), each at its first place.
    private List<(string File, int Index, CardKey Key)> _unreviewed = [];

    /// <summary>Times the cards without history were looked up in every note again (for tests).</summary>
    public int Rebuilds { get; private set; }

    public Answer Due(PromptIndex prompts, ReviewHistory history, DateOnly today, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        lock (_gate)
        {
            Refresh(prompts, history);
            int reviewed = 0, fresh = 0, stale = 0;
            CardSchedule? next = null;
            var picked = new List<(int Rank, Entry Entry)>();
            var newOnes = new List<Entry>();
            Func<CardKey, bool> inNotes = prompts.HoldsCard;

            // The cards without a history of their own: new, or an edited card that takes over the history of an orphan.
            foreach (var (file, index, key) in _unreviewed)
            {
                if (history.Contains(key))
                {
                    stale++; // graded since: read with the due days below
                    continue;
                }
                var historyKey = history.Resolve(key, null, inNotes);
                var schedule = CardSchedule.Of(historyKey is { } k && history.TryGet(k, out var s) ? s : null, today);
                if (!schedule.IsDue)
                {
                    if (next is null || schedule.DaysUntilDue < next.Value.DaysUntilDue) next = schedule;
                    continue;
                }
                var entry = new Entry(file, index, key, historyKey, schedule);
                if (schedule.State == DueState.New)
                {
                    fresh++;
                    if (newOnes.Count < limit) newOnes.Add(entry);
                }
                else
                {
                    reviewed++;
                    picked.Add((schedule.DaysUntilDue, entry));
                }
            }
            if (stale > 64 && stale * 2 > _unreviewed.Count) _unreviewed.RemoveAll(u => history.Contains(u.Key));

            // The cards with a history, by due day up to today: every one some note holds counts;
            // those of the days that can still be among the first `limit` are kept, with their place.
            int todayNumber = today.DayNumber, fromDays = 0;
            foreach (var (day, keys) in history.ByDueDay)
            {
                if (day > todayNumber) break;
                bool keep = fromDays < limit;
                foreach (var key in keys)
                {
                    if (keep)
                    {
                        if (!prompts.PlaceOfCard(key, out string? file, out int index)) continue;
                        history.TryGet(key, out var s);
                        picked.Add((day - todayNumber, new Entry(file, index, key, key, CardSchedule.Of(s, today))));
                        fromDays++;
                    }
                    else if (!prompts.HoldsCard(key)) continue;
                    reviewed++;
                }
            }

            if (reviewed + fresh == 0)
            {
                // Nothing is due: the soonest day a card some note holds is due on.
                foreach (var (day, keys) in history.ByDueDay)
                {
                    if (day <= todayNumber) continue;
                    if (next is { } n && n.DaysUntilDue <= day - todayNumber) break;
                    CardKey? held = null;
                    foreach (var key in keys)
                        if (prompts.HoldsCard(key))
                        {
                            held = key;
                            break;
                        }
                    if (held is not { } h) continue;
                    history.TryGet(h, out var s);
                    next = CardSchedule.Of(s, today);
                    break;
                }
            }

            picked.Sort((a, b) => a.Rank != b.Rank ? a.Rank.CompareTo(b.Rank) : ByPlace(a.Entry.File, a.Entry.Index, b.Entry.File, b.Entry.Index));
            var first = new List<Entry>(Math.Min(limit, picked.Count + newOnes.Count));
            foreach (var (_, entry) in picked)
            {
                if (first.Count == limit) break;
                first.Add(entry);
            }
            foreach (var entry in newOnes)
            {
                if (first.Count == limit) break;
                first.Add(entry);
            }
            return new Answer(reviewed, fresh, reviewed + fresh == 0 ? next : null, first);
        }
    }

    private static int ByPlace(string fileA, int indexA, string fileB, int indexB)
    {
        int file = string.CompareOrdinal(fileA, fileB);
        return file != 0 ? file : indexA.CompareTo(indexB);
    }

    /// <summary>Looks up the cards without a history again when a note changed, the history is another one, or lost a card.</summary>
    private void Refresh(PromptIndex prompts, ReviewHistory history)
    {
        if (ReferenceEquals(prompts, _prompts) && prompts.Version == _promptsVersion && ReferenceEquals(history, _history) && history.Removals == _removals)
            return;
        var all = prompts.AllCards(out long version);
        var firsts = new Dictionary<CardKey, (string File, int Index)>();
        foreach (var (file, index, key) in all)
        {
            if (history.Contains(key)) continue;
            if (!firsts.TryGetValue(key, out var held) || string.CompareOrdinal(file, held.File) < 0) firsts[key] = (file, index);
        }
        var unreviewed = new List<(string File, int Index, CardKey Key)>(firsts.Count);
        foreach (var (key, (file, index)) in firsts) unreviewed.Add((file, index, key));
        unreviewed.Sort((a, b) => ByPlace(a.File, a.Index, b.File, b.Index));
        (_unreviewed, _prompts, _promptsVersion, _history, _removals) = (unreviewed, prompts, version, history, history.Removals);
        Rebuilds++;
    }
}
