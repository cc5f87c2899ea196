using System.Globalization;
using System.Text.Json;
using OrbitLsp.Core.Analysis;
using OrbitLsp.Core.Review;
using OrbitLsp.LanguageServer.Configuration;
using OrbitLsp.LanguageServer.Documents;
using OrbitLsp.LanguageServer.Features.Commands;
using OrbitLsp.LanguageServer.Lifecycle;
using OrbitLsp.LanguageServer.Transport;
using OrbitLsp.LanguageServer.Workspace;
using OrbitLsp.Reviews;

namespace OrbitLsp.LanguageServer.Features.Review;

/// <summary>
/// <c>orbit.reviewDue</c> <c>{ "scope": "note" | "workspace", "uri"?, "limit"?, "today"? }</c>: the due
/// cards of a note or of every indexed note, in review order (reviewed cards due today or overdue,
/// the most overdue first, then new ones); <c>orbit.recordReview</c>
/// <c>{ "id", "grade", "reviewedAt"?, "uri"? }</c>: appends a grade and answers the next due day.
/// </summary>
/// <remarks>
/// NOTE: the workspace scope asks the index, which keeps every note's card keys, and the history's
/// cards by due day (<see cref="WorkspaceDue"/>), and reads only the notes of the cards it returns
/// (at most <c>limit</c>, 200 by default).
/// </remarks>
public sealed class ReviewCommands(DocumentStore documents, ServerState state, SettingsService settings, WorkspaceIndex index, ReviewService reviews)
{
    public const string ReviewDue = "orbit.reviewDue";
    public const string RecordReview = "orbit.recordReview";
    public const int DefaultLimit = 200;

    public async Task<ReviewDueResult> DueAsync(JsonElement[]? arguments, CancellationToken ct)
    {
        var arg = Single(ReviewDue, arguments, "{ \"scope\": \"note\" | \"workspace\", \"uri\"?: string, \"limit\"?: number, \"today\"?: \"YYYY-MM-DD\" }");
        string scope = String(arg, "scope") ?? (String(arg, "uri") is null ? "workspace" : "note");
        if (scope is not ("note" or "workspace")) throw Errors.InvalidParams($"{ReviewDue}: \"scope\" must be \"note\" or \"workspace\", not \"{scope}\".");
        string? uri = String(arg, "uri");
        int limit = DefaultLimit;
        if (arg.TryGetProperty("limit", out var l) && l.ValueKind != JsonValueKind.Null && (!l.TryGetInt32(out limit) || limit < 1))
            throw Errors.InvalidParams($"{ReviewDue}: \"limit\" must be a number of 1 or more.");
        var today = ReviewService.Today;
        if (String(arg, "today") is { } t && !DateOnly.TryParseExact(t, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out today))
            throw Errors.InvalidParams($"{ReviewDue}: \"today\" must be a date as YYYY-MM-DD, not \"{t}\".");
        if (scope == "note")
        {
            if (uri is null) throw Errors.InvalidParams($"{ReviewDue}: \"scope\": \"note\" needs the note's \"uri\".");
            return await NoteAsync(uri, limit, today, ct).ConfigureAwait(false);
        }
        return await WorkspaceAsync(uri, limit, today, ct).ConfigureAwait(false);
    }

    private async Task<ReviewDueResult> NoteAsync(string uri, int limit, DateOnly today, CancellationToken ct)
    {
        var (analysis, _) = await PreviewSource.AnalysisOf(uri, documents, settings, ct).ConfigureAwait(false);
        var cards = ReviewCards.Of(analysis).ToList();
        var store = await reviews.StoreAsync(uri, ct).ConfigureAwait(false);
        // The keys of the cards just made (ReviewCards.All would extract and hash them all again).
        var inNotes = reviews.InNotes(cards.Select(c => c.Key).ToHashSet());
        // A card published twice is one card to readers (and to the store): listed once.
        var queue = store.Read(h => ReviewCards.Queue(cards.DistinctBy(c => c.Key).Select(c => (c, c.Key, (string?)c.Card.Color)), h, inNotes, today));
        var title = analysis.Document.FrontMatter?.Get("title")?.Value is { Length: > 0 } name ? name : Path.GetFileName(Uri.UnescapeDataString(uri));
        var due = queue.Where(q => q.Schedule.IsDue).ToList();
        var result = due.Take(limit).Select(q => Shape(uri, analysis, q.Item, q.HistoryKey, q.Schedule, store)).ToArray();
        return Result(title, today, due.Select(q => q.Schedule), queue.FirstOrDefault(q => !q.Schedule.IsDue).Schedule, result);
    }

    private async Task<ReviewDueResult> WorkspaceAsync(string? uri, int limit, DateOnly today, CancellationToken ct)
    {
        // Until the first pass is done the index lacks notes, and their cards would look not due.
        await index.Ready.WaitAsync(ct).ConfigureAwait(false);
        var store = await reviews.StoreAsync(uri, ct).ConfigureAwait(false);
        var inNotes = reviews.InNotes();

        // The counts and the first `limit` due cards in review order, from the cards due by day and
        // the cards with no history (see WorkspaceDue): nothing walks every card.
        var answer = store.Read(h => reviews.WorkspaceDue.Due(index.Notes.Prompts, h, today, limit));
        var due = answer.First;

        // The notes of the cards returned are read (the editor's text when open) for their text and
        // place, on every core: they are most often as many notes as cards.
        var notes = new Dictionary<string, (NoteAnalysis Analysis, List<ReviewCard> Cards)?>(StringComparer.Ordinal);
        foreach (var d in due) notes[d.File] = null;
        await Parallel.ForEachAsync(notes.Keys.ToArray(), new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = Environment.ProcessorCount },
            async (file, token) =>
            {
                (NoteAnalysis, List<ReviewCard>)? note;
                try
                {
                    var (analysis, _) = await PreviewSource.AnalysisOf(NoteUris.Uri(file), documents, settings, token).ConfigureAwait(false);
                    note = (analysis, ReviewCards.Of(analysis).ToList());
                }
                catch (StreamJsonRpc.LocalRpcException)
                {
                    note = null; // gone or unreadable since it was indexed
                }
                lock (notes) notes[file] = note;
            }).ConfigureAwait(false);

        var shaped = new List<ReviewDueCard>(due.Count);
        foreach (var d in due)
        {
            var (file, i, key) = (d.File, d.Index, d.Key);
            if (notes[file] is not { } n) continue;
            // The index's order of a note's cards is this order; a note edited since may have moved them.
            var card = i < n.Cards.Count && n.Cards[i].Key == key ? n.Cards[i] : n.Cards.FirstOrDefault(c => c.Key == key);
            if (card is null) continue;
            var schedule = store.Read(h =>
            {
                var k = h.Resolve(card.Key, card.Card.Color, inNotes);
                return (Key: k, Schedule: CardSchedule.Of(k is { } x && h.TryGet(x, out var s) ? s : null, today));
            });
            shaped.Add(Shape(NoteUris.Uri(file), n.Analysis, card, schedule.Key, schedule.Schedule, store));
        }
        return Result("Workspace", today, answer.Reviewed, answer.New, answer.Next, [.. shaped]);
    }

    private static ReviewDueResult Result(string title, DateOnly today, IEnumerable<CardSchedule> due, CardSchedule? next, ReviewDueCard[] cards)
    {
        int reviewed = 0, fresh = 0;
        foreach (var s in due)
        {
            if (s.State == DueState.New) fresh++;
            else reviewed++;
        }
        return Result(title, today, reviewed, fresh, next, cards);
    }

    private static ReviewDueResult Result(string title, DateOnly today, int reviewed, int fresh, CardSchedule? next, ReviewDueCard[] cards)
    {
        string? nextDue = reviewed + fresh == 0 && next is { Review: { } r } ? Day(r.Due) : null;
        return new ReviewDueResult(title, Day(today), reviewed, fresh, reviewed + fresh, nextDue, cards);
    }

    private ReviewDueCard Shape(string uri, NoteAnalysis analysis, ReviewCard card, CardKey? historyKey, CardSchedule schedule, ReviewStore store)
    {
        var doc = analysis.Document;
        var c = card.Card;
        int line = doc.Lines.GetLine(c.QuestionSpan.Start);
        var range = state.Encoder.ToRange(doc.Lines, doc.Text, Core.Text.TextSpan.FromBounds(doc.Lines.LineStart(line), doc.Lines.LineEnd(line, doc.Text)));
        var r = schedule.Review;
        return new ReviewDueCard(c.Question, c.Answer, c.Color, c.Block, c.Prompt, range, [.. c.Problems], c.Hidden, uri, card.Key.ToString(),
            schedule.State == DueState.New ? "new" : schedule.State == DueState.Due ? "due" : "later",
            r is { } d ? Day(d.Due) : null, r?.Memory.Stability, r?.Memory.Difficulty,
            r?.LastReviewedAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture), r?.Reviews ?? 0);
    }

    public async Task<RecordReviewResult> RecordAsync(JsonElement[]? arguments, CancellationToken ct)
    {
        var arg = Single(RecordReview, arguments, "{ \"id\": string, \"grade\": \"forgotten\" | \"hard\" | \"remembered\" | \"easy\", \"reviewedAt\"?: ISO 8601 time, \"uri\"?: string }");
        string id = String(arg, "id") ?? throw Errors.InvalidParams($"{RecordReview}: \"id\" (a card's id from orbit.reviewDue or orbit.previewReview) is required.");
        if (!CardKey.TryParse(id, out var key)) throw Errors.InvalidParams($"{RecordReview}: \"id\" {id} is not a card id (32 lower-case hex digits).");
        var grade = ReviewGrades.Parse(arg.TryGetProperty("grade", out var g) ? g.ValueKind == JsonValueKind.Number ? g.GetRawText() : g.GetString() : null)
            ?? throw Errors.InvalidParams($"{RecordReview}: \"grade\" must be \"forgotten\", \"hard\", \"remembered\" or \"easy\".");
        var at = DateTimeOffset.UtcNow;
        if (String(arg, "reviewedAt") is { } when && !DateTimeOffset.TryParse(when, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out at))
            throw Errors.InvalidParams($"{RecordReview}: \"reviewedAt\" must be an ISO 8601 time, not \"{when}\".");
        string? uri = String(arg, "uri");

        // The card must be in a note: the one named, else any indexed note.
        ReviewCard? card = null;
        string? file = uri is not null ? uri : index.Notes.Prompts.FileOfCard(key) is { } f ? NoteUris.Uri(f) : null;
        if (file is not null)
        {
            try
            {
                var (analysis, _) = await PreviewSource.AnalysisOf(file, documents, settings, ct).ConfigureAwait(false);
                card = ReviewCards.Of(analysis).FirstOrDefault(c => c.Key == key);
            }
            catch (StreamJsonRpc.LocalRpcException) when (uri is null)
            {
            }
        }
        if (card is null)
            throw Errors.InvalidParams($"{RecordReview}: no card with id {id} is in {(uri is null ? "the workspace's notes" : uri)}; ask orbit.reviewDue for the cards' ids.");

        var store = await reviews.StoreAsync(file, ct).ConfigureAwait(false);
        var inNotes = reviews.InNotes(new HashSet<CardKey> { key });
        var from = store.Read(h => h.Resolve(key, card.Card.Color, inNotes));
        CardReviewState next;
        try
        {
            next = store.Record(new ReviewEvent(key, grade, DateOnly.FromDateTime(at.ToLocalTime().DateTime), at.ToUniversalTime(), card.Card.Color,
                from is { } o && o != key ? o : null));
        }
        catch (ReviewStoreException e)
        {
            throw Errors.RequestFailed(e.Message);
        }
        reviews.GradeRecorded(state);
        var schedule = CardSchedule.Of(next, ReviewService.Today);
        return new RecordReviewResult(id, grade.Name(), Day(next.Due), next.Due.DayNumber - next.LastReview.DayNumber, schedule.Describe(),
            next.Memory.Stability, next.Memory.Difficulty, next.Reviews, next.Lapses);
    }

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static JsonElement Single(string command, JsonElement[]? arguments, string shape) =>
        arguments is [{ ValueKind: JsonValueKind.Object } arg] ? arg : throw Errors.InvalidParams($"{command} takes one argument: {shape}.");

    private static string? String(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(v.GetString()) ? v.GetString() : null;
}
