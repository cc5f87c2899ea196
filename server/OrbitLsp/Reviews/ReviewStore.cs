using System.Text.Json;
using OrbitLsp.Core.Review;

namespace OrbitLsp.Reviews;

/// <summary>A line of the store that could not be read: reported, skipped, and left in the file.</summary>
public sealed record StoreProblem(int Line, string Message)
{
    public override string ToString() => $"line {Line}: {Message}";
}

/// <summary>A store this OrbitLsp must not read or write (a newer version, or not a review store at all).</summary>
public sealed class ReviewStoreException(string message) : Exception(message);

/// <summary>
/// A workspace's review state, kept outside the notes (by default <c>.orbitlsp/reviews.jsonl</c> at
/// the workspace root): an append-only log of grades, the source of truth, and a snapshot that
/// folds in the log up to a byte offset so that loading reads only what came after it.
/// </summary>
/// <remarks>
/// NOTE: writers (editor windows, the command line) append one line at a time under an exclusive
/// lock on <c>reviews.jsonl.lock</c>, after reading what the others appended, so no grade is lost
/// and every process replays the same order. The log is never rewritten: a line that cannot be
/// read is reported with its number, skipped, and stays in the file; a line cut short by a crash
/// is ended before the next grade is appended, so the two never merge. A log of a newer version,
/// or a file that is no review log, is refused and left untouched. The snapshot is only a cache
/// (rewritten whole, atomically, by whichever process has read 10,000 grades past it); when it
/// does not match the log, its retention or version, the log is replayed from the start.
/// </remarks>
public sealed class ReviewStore
{
    public const string DefaultRelativePath = ".orbitlsp/reviews.jsonl";

    /// <summary>Grades read past the snapshot before a new snapshot is written.</summary>
    public int SnapshotEvery { get; init; } = 10_000;

    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(30);

    private readonly Lock _gate = new();
    private readonly List<StoreProblem> _problems = [];
    private StoreProblem? _cutShort;
    private string? _id;
    private long _offset;
    private int _lines;
    private long _snapshotOffset;
    private long _sinceSnapshot;
    private Action? _pause;

    private ReviewStore(string path, FsrsScheduler scheduler)
    {
        Path = System.IO.Path.GetFullPath(path);
        Scheduler = scheduler;
        History = new ReviewHistory(scheduler);
    }

    public string Path { get; }

    public string SnapshotPath => System.IO.Path.ChangeExtension(Path, null) + ".snapshot.jsonl";

    public string LockPath => Path + ".lock";

    public FsrsScheduler Scheduler { get; }

    /// <summary>Every card's state, as of the last <see cref="Refresh"/>. Read it under <see cref="Read{T}"/> when other threads record.</summary>
    public ReviewHistory History { get; private set; }

    /// <summary>The lines that could not be read, with their numbers.</summary>
    public IReadOnlyList<StoreProblem> Problems
    {
        get
        {
            lock (_gate) return _cutShort is null ? [.. _problems] : [.. _problems, _cutShort];
        }
    }

    /// <summary>
    /// The store at <paramref name="path"/> (which need not exist yet), loaded. Throws <see cref="ReviewStoreException"/>
    /// for a store it must not use. <paramref name="pause"/>, when given, is called every few thousand lines read (a
    /// server loading in the background waits there while an author waits for something else).
    /// </summary>
    public static ReviewStore Open(string path, FsrsScheduler? scheduler = null, int snapshotEvery = 10_000, Action? pause = null)
    {
        var store = new ReviewStore(path, scheduler ?? FsrsScheduler.Default) { SnapshotEvery = snapshotEvery, _pause = pause };
        lock (store._gate)
        {
            store.RefreshLocked();
            if (store._sinceSnapshot >= store.SnapshotEvery) store.WriteSnapshotLocked();
            store._pause = null;
        }
        return store;
    }

    /// <summary>Runs <paramref name="read"/> on the history while no grade is being applied.</summary>
    public T Read<T>(Func<ReviewHistory, T> read)
    {
        lock (_gate) return read(History);
    }

    /// <summary>The same, with what <paramref name="read"/> needs passed in: a static lambda then makes no closure per call (a code lens request asks once per card of the note).</summary>
    public T Read<TState, T>(TState state, Func<ReviewHistory, TState, T> read)
    {
        lock (_gate) return read(History, state);
    }

    /// <summary>Reads what other processes appended since the last call (everything again if the log was replaced).</summary>
    public void Refresh()
    {
        lock (_gate) RefreshLocked();
    }

    /// <summary>Appends one grade (after the grades others appended) and returns the card's new state.</summary>
    public CardReviewState Record(ReviewEvent e)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        using var exclusive = AcquireLock();
        lock (_gate)
        {
            RefreshLocked();
            using (var log = new FileStream(Path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete))
            {
                if (log.Length == 0) log.Write(ReviewLines.Header(Guid.NewGuid().ToString("N")));
                else
                {
                    log.Seek(-1, SeekOrigin.End);
                    if (log.ReadByte() != '\n') log.WriteByte((byte)'\n');
                }
                log.Seek(0, SeekOrigin.End);
                log.Write(ReviewLines.Event(e));
                log.Flush();
            }
            RefreshLocked();
            var state = History.TryGet(e.Card, out var s) ? s : throw new InvalidOperationException("the grade just written was not read back");
            if (_sinceSnapshot >= SnapshotEvery) WriteSnapshotLocked();
            return state;
        }
    }

    private FileStream AcquireLock()
    {
        var deadline = DateTime.UtcNow + LockTimeout;
        while (true)
        {
            try
            {
                // FileShare.None is an exclusive advisory lock (flock) on Unix, a sharing lock on Windows.
                return new FileStream(LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(1);
            }
            catch (IOException e)
            {
                throw new ReviewStoreException($"{LockPath} stayed locked by another process for {LockTimeout.TotalSeconds:0} s ({e.Message}).");
            }
        }
    }

    private void Reset()
    {
        History = new ReviewHistory(Scheduler);
        _problems.Clear();
        _cutShort = null;
        _id = null;
        _offset = _lines = 0;
        _snapshotOffset = _sinceSnapshot = 0;
    }

    /// <summary>
    /// How long before a read the log's last write must lie for its time and length to tell that
    /// nothing changed since: a file system keeps times to a clock tick (a few milliseconds, two
    /// seconds on FAT), and a write within the same tick as the one seen leaves the same time.
    /// </summary>
    internal static readonly TimeSpan Settled = TimeSpan.FromSeconds(2);

    /// <summary>The log's length and last write as read at the last refresh that opened it, and whether that write had settled then (see <see cref="Settled"/>).</summary>
    private (long Length, DateTime Written, bool Settled) _seen;

    /// <summary>How often a refresh opened the log, for tests.</summary>
    internal int FileReads { get; private set; }

    private void RefreshLocked()
    {
        // Asked on every hover and lens of a card: no exception (and its stack trace) when there is
        // no store yet, and no opening of the log when its length and time say it is as last read
        // (each opening cost a 64 KB buffer and a parse of the header, and with a last line cut
        // short a 1 MB one).
        var file = new FileInfo(Path);
        long length = file.Exists ? file.Length : 0;
        if (length == 0)
        {
            if (_id is not null) Reset();
            _seen = default;
            return;
        }
        var written = file.LastWriteTimeUtc;
        if (_id is not null && _seen is { Settled: true } seen && seen.Length == length && seen.Written == written) return;
        bool settled = written < DateTime.UtcNow - Settled;
        FileReads++;
        using var log = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16);
        string id = ReadHeader(log);
        if (_id != id || length < _offset)
        {
            Reset();
            _id = id;
            LoadSnapshot(log.Length);
        }
        if (_offset == 0)
        {
            // The header is line 1.
            log.Position = 0;
            int end = FirstLineLength(log);
            _offset = end;
            _lines = 1;
        }
        ReadFrom(log);
        _seen = (length, written, settled);
    }

    /// <summary>The log's id; refuses a log of a newer version or a file that is no review log.</summary>
    private string ReadHeader(FileStream log)
    {
        log.Position = 0;
        int length = FirstLineLength(log);
        var buffer = new byte[Math.Min(length, 4096)];
        log.Position = 0;
        log.ReadExactly(buffer);
        var header = ReviewLines.ReadHeader(buffer.AsSpan().TrimEnd((byte)'\n'));
        if (header is not { Kind: ReviewLines.LogKind } h || !h.Root.TryGetProperty("id", out var idValue) || idValue.GetString() is not { Length: > 0 } id)
            throw new ReviewStoreException($"{Path} is not an OrbitLsp review store: its first line is not {{\"orbitlsp\":\"reviews\",\"version\":…,\"id\":…}}. It is left as it is; move it away or set another store path.");
        if (h.Version > ReviewLines.Version)
            throw new ReviewStoreException($"{Path} was written by a newer OrbitLsp (review store version {h.Version}; this one reads version {ReviewLines.Version}). It is left as it is: update OrbitLsp to review with it.");
        if (h.Version < 1)
            throw new ReviewStoreException($"{Path} has no valid version in its first line. It is left as it is.");
        return id;
    }

    private static int FirstLineLength(FileStream log)
    {
        int n = 0, b;
        while ((b = log.ReadByte()) >= 0)
        {
            n++;
            if (b == '\n') break;
            if (n > 4096) break;
        }
        return n;
    }

    /// <summary>Reads the complete lines from the offset on; a last line without its end waits (it may be being written).</summary>
    private void ReadFrom(FileStream log)
    {
        _cutShort = null;
        long length = log.Length;
        if (length <= _offset) return;
        log.Position = _offset;
        byte[]? rest = ForEachLine(log, line =>
        {
            Consume(line);
            _offset += line.Length + 1;
            return true;
        });
        if (rest is not null) _cutShort = new StoreProblem(_lines + 1, $"cut short (no line end): {ReviewLines.Show(rest)}; skipped until it is ended");
    }

    private delegate bool LineReader(ReadOnlySpan<byte> line);

    /// <summary>
    /// Hands each complete line (without its end) from the stream's position on to <paramref name="read"/>
    /// until it returns false; the bytes after the last line end, if any, are returned.
    /// </summary>
    private static byte[]? ForEachLine(Stream stream, LineReader read)
    {
        var buffer = new byte[1 << 20];
        int kept = 0;
        while (true)
        {
            int got = stream.Read(buffer, kept, buffer.Length - kept);
            if (got == 0) break;
            int filled = kept + got, start = 0;
            while (true)
            {
                int nl = buffer.AsSpan(start, filled - start).IndexOf((byte)'\n');
                if (nl < 0) break;
                if (!read(buffer.AsSpan(start, nl))) return null;
                start += nl + 1;
            }
            kept = filled - start;
            if (kept == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2); // a line longer than the buffer
            else if (kept > 0) Array.Copy(buffer, start, buffer, 0, kept);
        }
        return kept > 0 ? buffer[..kept] : null;
    }

    private void Consume(ReadOnlySpan<byte> line)
    {
        if ((++_lines & 4095) == 0) _pause?.Invoke();
        if (line.Trim(" \t\r"u8).IsEmpty) return;
        if (ReviewLines.TryReadEvent(line, out var e, out string? error))
        {
            History.Apply(e);
            _sinceSnapshot++;
        }
        else _problems.Add(new StoreProblem(_lines, $"{error}: {ReviewLines.Show(line)}; skipped"));
    }

    /// <summary>Writes the snapshot of everything read so far (the next load reads only the grades after it).</summary>
    public void WriteSnapshot()
    {
        lock (_gate) WriteSnapshotLocked();
    }

    private void WriteSnapshotLocked()
    {
        if (_id is null) return;
        string temp = $"{SnapshotPath}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1))
            using (var lines = new ReviewLines.LineWriter(file))
            {
                lines.Raw(ReviewLines.Line(w =>
                {
                    w.WriteString("orbitlsp", ReviewLines.SnapshotKind);
                    w.WriteNumber("version", ReviewLines.Version);
                    w.WriteString("log", _id);
                    w.WriteNumber("offset", _offset);
                    w.WriteNumber("lines", _lines);
                    w.WriteNumber("events", History.Events);
                    w.WriteNumber("retention", Scheduler.DesiredRetention);
                    w.WriteStartArray("problems");
                    foreach (var p in _problems)
                    {
                        w.WriteStartObject();
                        w.WriteNumber("line", p.Line);
                        w.WriteString("message", p.Message);
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                }));
                foreach (var (card, s) in History.Cards) lines.State(card, s);
            }
            File.Move(temp, SnapshotPath, overwrite: true);
            _snapshotOffset = _offset;
            _sinceSnapshot = 0;
        }
        catch (IOException)
        {
            // A cache: the log still holds everything.
            File.Delete(temp);
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>Takes the snapshot's states when it folds in this log (same id, retention and version, an offset at a line end); else nothing.</summary>
    private void LoadSnapshot(long logLength)
    {
        if (!File.Exists(SnapshotPath)) return;
        try
        {
            using var file = new FileStream(SnapshotPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1);
            ReviewHistory? history = null;
            long offset = 0;
            int lines = 0;
            var problems = new List<StoreProblem>();
            bool whole = true;
            byte[]? rest = ForEachLine(file, line =>
            {
                if (history is null)
                {
                    if (ReviewLines.ReadHeader(line) is not { Kind: ReviewLines.SnapshotKind, Version: ReviewLines.Version } h) return whole = false;
                    var root = h.Root;
                    if (root.GetProperty("log").GetString() != _id || root.GetProperty("retention").GetDouble() != Scheduler.DesiredRetention) return whole = false;
                    offset = root.GetProperty("offset").GetInt64();
                    if (offset <= 0 || offset > logLength || !EndsLine(offset)) return whole = false;
                    history = new ReviewHistory(Scheduler) { Events = root.GetProperty("events").GetInt64() };
                    lines = root.GetProperty("lines").GetInt32();
                    foreach (var p in root.GetProperty("problems").EnumerateArray())
                        problems.Add(new StoreProblem(p.GetProperty("line").GetInt32(), p.GetProperty("message").GetString() ?? ""));
                    return true;
                }
                if (!ReviewLines.TryReadState(line, out var card, out var state)) return whole = false;
                history.Set(card, state);
                if ((history.Count & 4095) == 0) _pause?.Invoke();
                return true;
            });
            // A snapshot is written whole and then moved in place: one cut short or with a bad line is not used.
            if (!whole || rest is not null || history is null) return;
            History = history;
            _offset = _snapshotOffset = offset;
            _lines = lines;
            _problems.AddRange(problems);
        }
        catch (Exception e) when (e is IOException or JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            // A snapshot that cannot be read is rebuilt from the log.
        }
    }

    private bool EndsLine(long offset)
    {
        using var log = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1);
        log.Position = offset - 1;
        return log.ReadByte() == '\n';
    }

    /// <summary>The store's file for a workspace root and a configured path (absolute, or relative to the root; the default when empty).</summary>
    public static string PathFor(string root, string? configured) =>
        System.IO.Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? System.IO.Path.Combine(root, DefaultRelativePath) : System.IO.Path.Combine(root, configured));

    /// <summary>The workspace root of a path: the nearest folder at or above it with <c>.orbitlsp/</c>, <c>.git</c> or <c>.orbitlsp.yaml</c>; else its folder.</summary>
    public static string FindRoot(string path)
    {
        string start = System.IO.Path.GetFullPath(Directory.Exists(path) ? path : System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path)) ?? ".");
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            string at = dir.FullName;
            if (Directory.Exists(System.IO.Path.Combine(at, ".orbitlsp")) || Directory.Exists(System.IO.Path.Combine(at, ".git"))
                || File.Exists(System.IO.Path.Combine(at, ".git")) || File.Exists(System.IO.Path.Combine(at, Core.Config.OrbitConfig.FileName)))
                return at;
        }
        return start;
    }
}
