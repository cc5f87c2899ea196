using System.Collections.Concurrent;
using System.Diagnostics;
using OrbitLsp.Core.Analysis;
using OrbitLsp.Core.Text;
using OrbitLsp.LanguageServer.Configuration;
using OrbitLsp.LanguageServer.Documents;
using OrbitLsp.LanguageServer.Lifecycle;
using OrbitLsp.LanguageServer.Protocol;
using OrbitLsp.LanguageServer.Transport;
using OrbitLsp.Workspace;
using Serilog;

namespace OrbitLsp.LanguageServer.Workspace;

/// <summary>
/// Every note under the workspace folders, indexed on one background thread (a <see cref="NoteIndex"/>):
/// all of them after <c>initialized</c> and after a settings change, with work-done progress; then
/// the notes the editor or the file watcher says changed. An open note is indexed from the
/// editor's text (once typing pauses), a closed one from disk.
/// </summary>
/// <remarks>
/// NOTE: one thread does all the writing; a pass over 1,000 notes or more is read and analysed by
/// a worker process at a low priority (<see cref="IndexWorkerProcess"/>), so the requests and the
/// typing keep a core and the server's heap sees only what the index keeps. The index is read
/// (workspace symbols and diagnostics, OL090) while it is written.
/// </remarks>
public sealed class WorkspaceIndex(DocumentStore documents, ServerState state, SettingsService settings, ClientChannel client, ILogger log,
    LanguageServerOptions options)
{

    private static readonly TimeSpan ReportEvery = TimeSpan.FromMilliseconds(200);

    private readonly ConcurrentDictionary<string, byte> _pending = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _waitingForPause = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _indexedGeneration = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _open = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _signal = new(0);
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _crawlRequested;
    private int _progressTokens;
    private string[] _roots = [];

    public NoteIndex Notes { get; private set; } = new();

    /// <summary>What the index yields to: diagnostics an author waits for.</summary>
    public ForegroundWork Foreground { get; } = new();

    /// <summary>
    /// Advanced each time <see cref="Changed"/> is raised: cross-note results are recomputed per
    /// epoch, not per indexed note (which, while indexing, would be at every keystroke).
    /// </summary>
    public long Epoch => Interlocked.Read(ref _epoch);

    private long _epoch;
    private TaskCompletionSource _nextChange = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes the next time <see cref="Changed"/> is raised.</summary>
    public Task NextChange => Volatile.Read(ref _nextChange).Task;

    /// <summary>Done when the first indexing of the workspace folders has finished.</summary>
    public Task Ready => _ready.Task;

    /// <summary>Called on the indexing thread after the index changed (a batch of notes, or a whole pass).</summary>
    public Action<bool>? Changed { get; set; }

    public IReadOnlyList<string> Roots => _roots;

    /// <summary>Starts the indexing thread; the first pass waits for the client's settings.</summary>
    public void Start(InitializeParams? p)
    {
        _roots = RootsOf(p);
        if (state.Encoder == PositionEncoder.Utf8) Notes = new NoteIndex(rangeOf: Utf8Range);
        if (_roots.Length == 0) _ready.TrySetResult();
        else Reindex();
        if (state.Client.Workspace?.DidChangeWatchedFiles?.DynamicRegistration == true) _ = RegisterWatchersAsync();
        var thread = new Thread(Run) { IsBackground = true, Name = "OrbitLsp index", Priority = ThreadPriority.BelowNormal };
        thread.Start();
        log.Information("Workspace: {Count} folder(s) {Roots:l}", _roots.Length, string.Join(", ", _roots));
    }

    /// <summary>
    /// Workspace folders were added or removed: the next pass indexes the new ones and drops the
    /// notes of the removed ones (unless open in the editor).
    /// </summary>
    public void FoldersChanged(IEnumerable<WorkspaceFolder> added, IEnumerable<WorkspaceFolder> removed)
    {
        var gone = LocalFolders(removed.Select(f => f.Uri), mustExist: false).ToHashSet(StringComparer.Ordinal);
        var roots = _roots.Where(r => !gone.Contains(r)).Concat(LocalFolders(added.Select(f => f.Uri))).Distinct(StringComparer.Ordinal).ToArray();
        log.Information("Workspace folders now {Count}: {Roots:l}", roots.Length, string.Join(", ", roots));
        bool hadNotes = _roots.Length > 0;
        _roots = roots;
        if (roots.Length > 0 || hadNotes) RequestPass();
    }

    /// <summary>Indexes every note again (settings, a <c>.orbitlsp.yaml</c> or a <c>.gitignore</c> changed).</summary>
    public void Reindex()
    {
        if (_roots.Length == 0) return;
        RequestPass();
    }

    private void RequestPass()
    {
        Interlocked.Exchange(ref _crawlRequested, 1);
        _signal.Release();
    }

    /// <summary>
    /// A note was opened or changed in the editor: indexed from the editor's text once typing
    /// pauses (<see cref="TypingPause"/>), so the index never competes with the diagnostics of an edit (or of the opening).
    /// </summary>
    public void DocumentChanged(string uri, bool opened)
    {
        if (opened) _open[NoteUris.Key(uri)] = uri;
        if (_waitingForPause.TryAdd(uri, 0)) _ = AfterPauseAsync(uri);
    }

    /// <summary>A note was closed: the disk's text takes its place (or it goes, when not a workspace note).</summary>
    public void DocumentClosed(string uri)
    {
        _open.TryRemove(NoteUris.Key(uri), out _);
        Enqueue(uri);
    }

    /// <summary>A note was closed, created, changed or deleted on disk: indexed again from what is there now.</summary>
    public void Enqueue(string uri)
    {
        _pending[uri] = 0;
        _signal.Release();
    }

    /// <summary>A folder was deleted: its notes go.</summary>
    public void FolderDeleted(string uri)
    {
        string prefix = NoteUris.Key(uri).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        foreach (var key in Notes.Keys)
            if (key.StartsWith(prefix, StringComparison.Ordinal)) _pending[NoteUris.Uri(key)] = 0;
        _signal.Release();
    }

    private async Task AfterPauseAsync(string uri)
    {
        await TypingPause.WaitAsync(documents, state, uri).ConfigureAwait(false);
        _waitingForPause.TryRemove(uri, out _);
        Enqueue(uri);
    }

    private void Run()
    {
        try
        {
            settings.WaitLoadedAsync(options.Stopping).GetAwaiter().GetResult();
            while (!options.Stopping.IsCancellationRequested)
            {
                _signal.Wait(options.Stopping);
                var changed = Change.None;
                if (Interlocked.Exchange(ref _crawlRequested, 0) == 1)
                {
                    IndexFolders();
                    changed = Change.Disk;
                }
                changed = (Change)Math.Max((int)changed, (int)DrainPending());
                if (changed != Change.None) RaiseChanged(changed == Change.Disk);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e)
        {
            log.Error(e, "The workspace index stopped");
        }
    }

    /// <summary>The notes whose index entry is due: the editor's text for open ones, the disk's for the rest.</summary>
    private void RaiseChanged(bool disk)
    {
        Interlocked.Increment(ref _epoch);
        var reached = Interlocked.Exchange(ref _nextChange, new(TaskCreationOptions.RunContinuationsAsynchronously));
        Changed?.Invoke(disk);
        reached.TrySetResult();
    }

    private enum Change { None, Editor, Disk }

    private Change DrainPending()
    {
        var changed = Change.None;
        foreach (var uri in _pending.Keys)
        {
            _pending.TryRemove(uri, out _);
            Foreground.WaitIdle();
            try
            {
                changed = (Change)Math.Max((int)changed, (int)Update(uri));
            }
            catch (Exception e)
            {
                log.Error(e, "Indexing {Uri:l} failed", uri);
            }
        }
        return changed;
    }

    /// <summary>Notes indexed on their own during a pass (index thread only): the worker's older reading of them is not recorded.</summary>
    private readonly HashSet<string> _updatedDuringPass = new(StringComparer.Ordinal);

    private Change Update(string uri)
    {
        string key = NoteUris.Key(uri);
        _updatedDuringPass.Add(key);
        if (documents.Get(uri) is { IsNote: true } open)
        {
            var basis = open.Basis;
            if (_indexedGeneration.TryGetValue(uri, out int done) && done == basis.Generation) return Change.None;
            Notes.Set(key, basis.Analysis);
            _indexedGeneration[uri] = basis.Generation;
            return Change.Editor;
        }
        _indexedGeneration.TryRemove(uri, out _);
        if (Path.IsPathRooted(key) && File.Exists(key) && _roots.Any(r => NoteFiles.IsIncluded(r, key)))
        {
            Notes.SetFromDisk(key, settings.ForPath(key));
            return Change.Disk;
        }
        return Notes.Remove(key) ? Change.Disk : Change.None;
    }

    /// <summary>
    /// An open note in a pass: from the editor's text, now, unless indexed from it already. Its
    /// entry otherwise waits for a typing pause, which a client that keeps asking postpones up to a
    /// second, and a pass that left it out made <see cref="Ready"/> true of an index without it: a
    /// window reloaded with a note open counted none of its cards as due.
    /// </summary>
    private void IndexOpen(string uri)
    {
        if (_indexedGeneration.ContainsKey(uri)) return;
        try
        {
            Update(uri);
        }
        catch (Exception e)
        {
            log.Error(e, "Indexing {Uri:l} failed", uri);
        }
    }

    /// <summary>One pass over the workspace folders, with progress when the client shows it.</summary>
    private void IndexFolders()
    {
        var clock = Stopwatch.StartNew();
        var (gen0, gen1, gen2, paused) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration());
        long allocated = GC.GetAllocatedBytesForCurrentThread();
        var files = NoteFiles.Expand(_roots, (dir, why) => log.Warning("Cannot list {Dir:l}: {Why:l}", dir, why))
            .Select(Path.GetFullPath).Distinct(StringComparer.Ordinal).ToList();
        string? token = StartProgress(files.Count);
        var seen = new HashSet<string>(files, StringComparer.Ordinal);
        _updatedDuringPass.Clear();
        var lastReport = Stopwatch.StartNew();
        var lastChanged = Stopwatch.StartNew();
        int done = 0;
        void Indexed()
        {
            done++;
            if (lastReport.Elapsed >= ReportEvery)
            {
                lastReport.Restart();
                _ = DrainPending();
                if (token is not null) client.Notify(Methods.Progress, new ProgressParams(token, WorkDoneProgress.Report($"{done} of {files.Count} notes", done * 100 / files.Count)));
            }
            if (lastChanged.Elapsed >= TimeSpan.FromSeconds(1))
            {
                lastChanged.Restart();
                RaiseChanged(false);
            }
        }

        // Many notes are read and analysed in a worker process (its collections never stop this
        // one's threads); whatever it leaves is indexed here.
        bool inWorker = false;
        if (files.Count > 0 && files.Count >= options.IndexInWorkerFrom
            && IndexWorkerProcess.TryStart(new IndexWorker.Header(state.Encoder == PositionEncoder.Utf8, true, settings.Client.Rules), options.IndexWorkerStart(), log) is { } worker)
        {
            using (worker)
                foreach (var (path, entry, failure) in worker.Index(files, options.Stopping))
                {
                    Foreground.WaitIdle();
                    if (failure is not null) log.Error("Indexing {Path:l} failed: {Failure:l}", path, failure);
                    // An open note is indexed from the editor; one changed meanwhile was indexed again already.
                    else if (_open.TryGetValue(path, out string? uri)) IndexOpen(uri);
                    else if (!_updatedDuringPass.Contains(path)) Notes.Set(entry!);
                    Indexed();
                }
            inWorker = done > 0;
        }
        for (int i = done; i < files.Count; i++)
        {
            if (options.Stopping.IsCancellationRequested) return;
            string path = files[i];
            Foreground.WaitIdle();
            if (_open.TryGetValue(path, out string? uri)) IndexOpen(uri);
            else
            {
                try
                {
                    Notes.SetFromDisk(path, settings.ForPath(path));
                }
                catch (Exception e)
                {
                    log.Error(e, "Indexing {Path:l} failed", path);
                }
            }
            Indexed();
        }
        if (options.Stopping.IsCancellationRequested) return;
        // Notes gone from disk since the last pass, unless open in the editor.
        foreach (var key in Notes.Keys.ToList())
            if (!seen.Contains(key) && !_open.ContainsKey(key)) Notes.Remove(key);
        if (token is not null)
        {
            client.Notify(Methods.Progress, new ProgressParams(token, WorkDoneProgress.Report($"{files.Count} of {files.Count} notes", 100)));
            client.Notify(Methods.Progress, new ProgressParams(token, WorkDoneProgress.End($"{files.Count} notes indexed")));
        }
        var full = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        log.Information("Indexed {Count} notes ({Where:l}) in {Ms} ms, allocating {AllocatedMb} MB on this thread; collections meanwhile {Gen0}/{Gen1}/{Gen2} (gen 0/1/2), paused {Paused} ms; "
            + "the last full collection paused {FullPause:F1} ms, {Compacted:l}, heap {HeapMb} MB",
            files.Count, inWorker ? "in a worker process" : "in this process", clock.ElapsedMilliseconds, (GC.GetAllocatedBytesForCurrentThread() - allocated) >> 20, GC.CollectionCount(0) - gen0, GC.CollectionCount(1) - gen1, GC.CollectionCount(2) - gen2,
            (long)(GC.GetTotalPauseDuration() - paused).TotalMilliseconds, full.PauseDurations[0].TotalMilliseconds, full.Compacted ? "compacting" : "not compacting", full.HeapSizeBytes >> 20);
        _ready.TrySetResult();
    }

    private string? StartProgress(int total)
    {
        if (state.Client.Window?.WorkDoneProgress != true) return null;
        string token = $"orbitlsp/index/{Interlocked.Increment(ref _progressTokens)}";
        // The token may be used once the client has answered (its answer is null); a client that
        // answers with an error refused it, and hears nothing of this pass.
        if (!client.RequestAcceptedAsync(Methods.WorkDoneProgressCreate, new WorkDoneProgressCreateParams(token), options.Stopping).GetAwaiter().GetResult())
            return null;
        client.Notify(Methods.Progress, new ProgressParams(token, WorkDoneProgress.Begin("Indexing notes", $"0 of {total} notes")));
        return token;
    }

    private async Task RegisterWatchersAsync()
    {
        var watchers = new DidChangeWatchedFilesRegistrationOptions([new Protocol.FileSystemWatcher("**/*.md"), new Protocol.FileSystemWatcher("**/" + Core.Config.OrbitConfig.FileName),
            new Protocol.FileSystemWatcher("**/.gitignore")]);
        await client.RequestAsync<object>(Methods.RegisterCapability,
            new RegistrationParams([new Registration("orbitlsp/watched-files", Methods.DidChangeWatchedFiles, watchers)]), options.Stopping).ConfigureAwait(false);
    }

    private static string[] RootsOf(InitializeParams? p)
    {
        var uris = p?.WorkspaceFolders is { Length: > 0 } folders ? folders.Select(f => f.Uri) : p?.RootUri is { } root ? [root] : [];
        return [.. LocalFolders(uris).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The full local paths of folder URIs (of those that exist, unless told otherwise).</summary>
    private static IEnumerable<string> LocalFolders(IEnumerable<string> uris, bool mustExist = true) =>
        uris.Select(SettingsService.LocalPath).OfType<string>().Select(Path.GetFullPath).Where(p => !mustExist || Directory.Exists(p));

    /// <summary>A span of an analysed note in UTF-8 positions (for clients that chose them).</summary>
    internal static TextRange Utf8Range(NoteAnalysis analysis, TextSpan span)
    {
        var r = PositionEncoder.Utf8.ToRange(analysis.Document.Lines, analysis.Document.Text, span);
        return new(new(r.Start.Line, r.Start.Character), new(r.End.Line, r.End.Character));
    }
}
