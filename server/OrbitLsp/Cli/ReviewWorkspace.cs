using OrbitLsp.Core.Analysis;
using OrbitLsp.Core.Review;
using OrbitLsp.Reviews;

namespace OrbitLsp.Cli;

/// <summary>A card of a note on disk, for the terminal review.</summary>
internal sealed record DiskCard(string File, int Line, ReviewCard Review);

/// <summary>
/// What <c>orbitlsp review</c>, <c>stats</c> and <c>record</c> share: the workspace root, its review
/// store (the one the editors use) and the cards of the notes named.
/// </summary>
internal sealed class ReviewWorkspace
{
    public const string OptionsHelp = """
          --store PATH         the review store (default: .orbitlsp/reviews.jsonl in the workspace
                               root, the nearest folder above the first path with .orbitlsp/, .git
                               or .orbitlsp.yaml; a relative PATH is from that root)
          --retention R        the desired retention FSRS schedules for, 0.7-0.99 (default 0.9)
          --today YYYY-MM-DD   review as of another day than today (the local date)
        """;

    public static readonly HashSet<string> Options = ["store", "retention", "today"];

    private ReviewWorkspace(string root, ReviewStore store, List<DiskCard> cards, DateOnly today)
    {
        Root = root;
        Store = store;
        Cards = cards;
        Today = today;
        Keys = [.. cards.Select(c => c.Review.Key)];
    }

    public string Root { get; }

    public ReviewStore Store { get; }

    public List<DiskCard> Cards { get; }

    public HashSet<CardKey> Keys { get; }

    public DateOnly Today { get; }

    /// <summary>Opens the store and reads the cards; null (with the reason on stderr) when it cannot.</summary>
    public static ReviewWorkspace? Load(string command, Arguments args, TextWriter stderr, bool readNotes = true)
    {
        if (!TryOptions(command, args, stderr, out var scheduler, out var today)) return null;
        var paths = args.Paths.Count > 0 ? args.Paths : ["."];
        string root = FindRoot(paths[0]);
        ReviewStore store;
        try
        {
            store = ReviewStore.Open(ReviewStore.PathFor(root, args.Options.GetValueOrDefault("store")), scheduler);
        }
        catch (ReviewStoreException e)
        {
            stderr.Write($"orbitlsp {command}: {e.Message}\n");
            return null;
        }
        foreach (var p in store.Problems) stderr.Write($"orbitlsp {command}: {store.Path}:{p.Line}: {p.Message}\n");
        var cards = new List<DiskCard>();
        if (readNotes)
        {
            var checker = new Checker();
            var findings = new List<Finding>();
            foreach (var file in Workspace.NoteFiles.Expand(paths, (path, error) => stderr.Write($"orbitlsp {command}: {path}: {error}\n")))
            {
                if (checker.Analyze(file, findings) is not { BuildFailure: null } analysis) continue;
                foreach (var card in ReviewCards.Of(analysis))
                    cards.Add(new DiskCard(file, analysis.Document.GetPosition(card.Card.QuestionSpan.Start).Line + 1, card));
            }
        }
        return new ReviewWorkspace(root, store, cards, today);
    }

    public static bool TryOptions(string command, Arguments args, TextWriter stderr, out FsrsScheduler scheduler, out DateOnly today)
    {
        scheduler = FsrsScheduler.Default;
        today = DateOnly.FromDateTime(DateTime.Now);
        if (args.Options.TryGetValue("retention", out var r))
        {
            if (!double.TryParse(r, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double retention) || retention is < 0.7 or > 0.99)
            {
                stderr.Write($"orbitlsp {command}: --retention must be a number from 0.7 to 0.99, not '{r}'\n");
                return false;
            }
            scheduler = new FsrsScheduler(retention);
        }
        if (args.Options.TryGetValue("today", out var t) && !DateOnly.TryParseExact(t, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out today))
        {
            stderr.Write($"orbitlsp {command}: --today must be a date as YYYY-MM-DD, not '{t}'\n");
            return false;
        }
        return true;
    }

    public static string FindRoot(string path) => ReviewStore.FindRoot(path);

    /// <summary>The cards in review order (see <see cref="ReviewCards.Queue{T}"/>); a card published twice once.</summary>
    public List<QueuedCard<DiskCard>> Queue() =>
        Store.Read(history => ReviewCards.Queue(Cards.DistinctBy(c => c.Review.Key).Select(c => (c, c.Review.Key, (string?)c.Review.Card.Color)), history, Keys.Contains, Today));

    /// <summary>Cards with a history that none of the notes read holds.</summary>
    public int Orphans(IEnumerable<QueuedCard<DiskCard>> queue)
    {
        var used = queue.Where(q => q.HistoryKey is not null).Select(q => q.HistoryKey!.Value).ToHashSet();
        return Store.Read(h => h.Cards.Count(c => !used.Contains(c.Key)));
    }

    /// <summary>Records a grade given now; the local day is <see cref="Today"/>.</summary>
    public CardReviewState Record(QueuedCard<DiskCard> card, ReviewGrade grade) =>
        Store.Record(new ReviewEvent(card.Key, grade, Today, DateTimeOffset.UtcNow, card.Item.Review.Card.Color,
            card.HistoryKey is { } from && from != card.Key ? from : null));
}
