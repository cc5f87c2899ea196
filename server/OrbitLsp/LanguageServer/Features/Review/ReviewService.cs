using OrbitLsp.Core.Analysis;
using OrbitLsp.Core.Review;
using OrbitLsp.LanguageServer.Configuration;
using OrbitLsp.LanguageServer.Protocol;
using OrbitLsp.LanguageServer.Transport;
using OrbitLsp.LanguageServer.Workspace;
using OrbitLsp.Reviews;
using Serilog;

namespace OrbitLsp.LanguageServer.Features.Review;

/// <summary>
/// The workspace's review store as the server uses it: loaded in the background once the settings
/// are read after <c>initialized</c> (and again when they name another store or retention), at the
/// configured path (<c>orbitLsp.review.store</c>, relative to the first workspace folder;
/// <c>.orbitlsp/reviews.jsonl</c> by default), read again whenever another process appended to it,
/// and the schedule of any card as of the server's local day.
/// </summary>
/// <remarks>
/// NOTE: a store of a million grades takes a moment to load, so it is not loaded by the request
/// that first needs it: <see cref="Preload"/> loads it on a thread of its own, which waits while
/// an author waits for diagnostics (<see cref="ForegroundWork"/>), and requests wait for that load
/// (<see cref="StoreAsync"/>, <see cref="SchedulesForAsync"/>) instead of loading it again.
/// </remarks>
public sealed class ReviewService(WorkspaceIndex index, SettingsService settings, ClientChannel client, ILogger log)
{
    private readonly Lock _gate = new();
    private readonly Lock _loadGate = new();
    private Task _loading = Task.CompletedTask;
    private ReviewStore? _store;
    private string? _refused;
    private (string Path, double Retention) _opened;

    /// <summary>
    /// Loads the store of the current settings in the background (after the loads started before),
    /// unless it is loaded already. Nothing waits for it but the requests that need the store. Without
    /// a workspace folder nothing is loaded until a note asks (the store is then found from the note).
    /// </summary>
    public void Preload()
    {
        // Without a workspace folder the store is found from each note (see PathFor).
        if (index.Roots.FirstOrDefault() is null) return;
        lock (_loadGate)
        {
            var before = _loading;
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _loading = done.Task;
            var thread = new Thread(() =>
            {
                try
                {
                    before.Wait();
                    TryStore(pause: index.Foreground.WaitIdle);
                }
                catch (Exception e)
                {
                    log.Error(e, "Loading the review store failed");
                }
                finally
                {
                    done.SetResult();
                }
            }) { IsBackground = true, Name = "OrbitLsp review store", Priority = ThreadPriority.BelowNormal };
            thread.Start();
        }
    }

    /// <summary>Completes when the loads <see cref="Preload"/> started are done.</summary>
    public Task Loading
    {
        get
        {
            lock (_loadGate) return _loading;
        }
    }

    /// <summary>
    /// A grade was recorded: the lenses' due counts ("Review 4 prompts · 2 due") are asked for again
    /// when the client can refresh them (the hover is computed when shown).
    /// </summary>
    public void GradeRecorded(Lifecycle.ServerState state)
    {
        if (state.Client.Workspace?.CodeLens?.RefreshSupport != true) return;
        _ = RefreshLensesAsync();

        async Task RefreshLensesAsync()
        {
            try
            {
                await client.RequestAsync<object>(Methods.CodeLensRefresh, null, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                log.Warning("workspace/codeLens/refresh after a grade failed: {Message:l}", e.Message);
            }
        }
    }

    /// <summary>The store once the settings are read and the background load is done; a request error when it cannot be used.</summary>
    public async Task<ReviewStore> StoreAsync(string? uri, CancellationToken ct)
    {
        await settings.WaitLoadedAsync(ct).ConfigureAwait(false);
        await Loading.WaitAsync(ct).ConfigureAwait(false);
        return Store(uri);
    }

    /// <summary>The workspace's due cards, kept between requests (call it under the store's read).</summary>
    public WorkspaceDue WorkspaceDue { get; } = new();

    /// <summary>The author's day: the local date of this machine.</summary>
    public static DateOnly Today => DateOnly.FromDateTime(DateTime.Now);

    /// <summary>The store for a note's workspace, read up to date; a request error when it cannot be used.</summary>
    public ReviewStore Store(string? uri = null)
    {
        var (store, refused) = TryStore(uri);
        return store ?? throw Errors.RequestFailed(refused!);
    }

    /// <summary>The store, or null with the reason (a newer version, not a store, a lock held too long).</summary>
    public (ReviewStore? Store, string? Refused) TryStore(string? uri = null, Action? pause = null)
    {
        string path = PathFor(uri);
        double retention = settings.Client.DesiredRetention;
        lock (_gate)
        {
            if (_opened != (path, retention) || (_store is null && _refused is null))
            {
                _opened = (path, retention);
                _store = null;
                _refused = null;
                try
                {
                    var started = System.Diagnostics.Stopwatch.StartNew();
                    _store = ReviewStore.Open(path, new FsrsScheduler(retention), pause: pause);
                    log.Information("Review store {Path:l}: {Cards} card(s), {Events} grade(s), read in {Ms} ms", path, _store.History.Count, _store.History.Events, started.ElapsedMilliseconds);
                    foreach (var p in _store.Problems) log.Warning("{Path:l}:{Line}: {Message:l}", path, p.Line, p.Message);
                    if (_store.Problems.Count > 0)
                        client.ShowMessage(MessageType.Warning, $"{path}: {_store.Problems.Count} line(s) could not be read and are skipped (kept in the file): {string.Join("; ", _store.Problems.Take(3))}");
                }
                catch (ReviewStoreException e)
                {
                    _refused = e.Message;
                    log.Warning("Review store refused: {Message:l}", e.Message);
                    client.ShowMessage(MessageType.Error, e.Message);
                }
            }
        }
        if (_store is null) return (null, _refused);
        try
        {
            _store.Refresh();
        }
        catch (ReviewStoreException e)
        {
            lock (_gate)
            {
                _store = null;
                _refused = e.Message;
            }
            client.ShowMessage(MessageType.Error, e.Message);
            return (null, e.Message);
        }
        return (_store, null);
    }

    /// <summary>The store's file: the configured path (absolute, or from the workspace root) or the default at the root.</summary>
    /// <remarks>
    /// Asked by every hover and lens of a card. Without a workspace folder the root is looked for
    /// above the note (four file-system lookups a folder); the answer is kept for
    /// <see cref="RootLookupKept"/>, so that a <c>.git</c> made meanwhile counts soon.
    /// </remarks>
    public string PathFor(string? uri)
    {
        string? workspace = index.Roots.FirstOrDefault();
        string? configured = settings.Client.ReviewStore;
        var last = Volatile.Read(ref _lastPath);
        long now = Environment.TickCount64;
        if (last is not null && last.Workspace == workspace && last.Configured == configured
            && (workspace is not null || (last.Uri == uri && now - last.At < RootLookupKept.TotalMilliseconds)))
            return last.Path;
        string? root = workspace;
        if (root is null)
        {
            string? note = uri is null ? null : SettingsService.LocalPath(uri);
            root = note is null ? Environment.CurrentDirectory : ReviewStore.FindRoot(note);
        }
        string path = ReviewStore.PathFor(root, configured);
        Volatile.Write(ref _lastPath, new StorePath(workspace, uri, configured, path, now));
        return path;
    }

    /// <summary>How long a store's path found from a note (no workspace folder) is kept.</summary>
    public static readonly TimeSpan RootLookupKept = TimeSpan.FromSeconds(2);

    private sealed record StorePath(string? Workspace, string? Uri, string? Configured, string Path, long At);

    private StorePath? _lastPath;

    /// <summary>Whether some note (indexed, or the open <paramref name="also"/>) holds the card.</summary>
    public Func<CardKey, bool> InNotes(IReadOnlySet<CardKey>? also = null) =>
        key => (also?.Contains(key) ?? false) || index.Notes.Prompts.HoldsCard(key);

    /// <summary>The schedule of each card of a note, by its key and its block's colour, as of today (nothing when the store cannot be used), once the store is loaded.</summary>
    public async Task<Func<CardKey, string, CardSchedule>?> SchedulesForAsync(string uri, NoteAnalysis analysis, CancellationToken ct)
    {
        await settings.WaitLoadedAsync(ct).ConfigureAwait(false);
        await Loading.WaitAsync(ct).ConfigureAwait(false);
        if (TryStore(uri).Store is not { } store) return null;
        // The note's keys only when a card's own key has no history and one with its question
        // has: every card of the note made and hashed (3 ms for 3,000 cards) is not a hover's work.
        // NOTE: one delegate and one closure per call of this method; what the answer does per
        // card (once per card of the note for the code lenses) makes none.
        Func<CardKey, bool>? notes = null;
        Func<CardKey, bool> inNotes = key => (notes ??= InNotes(ReviewCards.All(analysis).Keys))(key);
        var today = Today;
        return (cardKey, color) => store.Read((cardKey, color, inNotes, today), static (h, card) =>
        {
            var key = h.Resolve(card.cardKey, card.color, card.inNotes);
            return CardSchedule.Of(key is { } k && h.TryGet(k, out var s) ? s : null, card.today);
        });
    }
}
