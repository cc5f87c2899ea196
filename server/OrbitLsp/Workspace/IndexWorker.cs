using System.Buffers;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Text;
using OrbitLsp.Core.Analysis;
using OrbitLsp.Core.Config;
using OrbitLsp.Core.Diagnostics;
using OrbitLsp.Core.Ide;
using OrbitLsp.Core.Model;
using OrbitLsp.Core.Text;

namespace OrbitLsp.Workspace;

/// <summary>
/// Indexing in a child process, <c>orbitlsp index-worker</c>: the server sends note paths, the
/// worker reads and analyses each and sends back what the index keeps of it (a <see cref="NoteEntry"/>).
/// The analyses' garbage, many times the size of the notes, is then collected in the worker's
/// heap: the collections it causes never stop the server's threads, so typing stays as fast
/// while a workspace is indexed.
/// </summary>
/// <remarks>
/// The wire is binary (<see cref="BinaryWriter"/> values), both ways over the worker's stdin and
/// stdout. To the worker: a header (<see cref="Header"/>), then one path per note; closing stdin
/// ends it. From the worker: one record per path, in order: an entry, or a failure message.
/// </remarks>
public static class IndexWorker
{
    public const string Command = "index-worker";

    private const int Magic = 0x58494C4F; // "OLIX"
    private const int WireVersion = 1;
    private const byte EntryRecord = 1, FailedRecord = 2;

    private static readonly UTF8Encoding Utf8 = new(false, throwOnInvalidBytes: true);

    /// <summary>What the worker needs besides the paths: positions in UTF-8 or UTF-16, whether to keep questions, and the client's rule settings.</summary>
    public sealed record Header(bool Utf8Positions, bool KeepQuestions, RuleSettings ClientRules);

    /// <summary>The worker's side: reads the header and paths from <paramref name="input"/> until it closes, answering each on <paramref name="output"/>.</summary>
    public static int Run(Stream input, Stream output, Func<NoteAnalysis, TextSpan, TextRange>? utf8Range)
    {
        using var reader = new BinaryReader(input, Utf8, leaveOpen: true);
        using var writer = new BinaryWriter(new BufferedStream(output, 1 << 16), Utf8, leaveOpen: false);
        var header = ReadHeader(reader);
        var index = new NoteIndex(header.KeepQuestions, header.Utf8Positions ? utf8Range : null);
        var configs = new ConfigLocator();
        while (TryReadPath(reader) is { } path)
        {
            try
            {
                var settings = (configs.ForNote(path)?.Settings ?? RuleSettings.Default).With(header.ClientRules);
                var entry = index.ComputeFromDisk(path, settings);
                using (entry.Questions)
                {
                    writer.Write(EntryRecord);
                    Write(writer, entry);
                }
            }
            catch (Exception e)
            {
                writer.Write(FailedRecord);
                writer.Write(e.ToString());
            }
            writer.Flush();
        }
        return 0;
    }

    private static string? TryReadPath(BinaryReader reader)
    {
        try
        {
            return reader.ReadString();
        }
        catch (EndOfStreamException)
        {
            return null;
        }
    }

    public static void WriteHeader(BinaryWriter w, Header header)
    {
        w.Write(Magic);
        w.Write(WireVersion);
        w.Write(header.Utf8Positions);
        w.Write(header.KeepQuestions);
        w.Write(header.ClientRules.Overrides.Count);
        foreach (var (code, severity) in header.ClientRules.Overrides)
        {
            w.Write(code);
            w.Write((byte)(severity is { } s ? (int)s : 0));
        }
    }

    public static Header ReadHeader(BinaryReader r)
    {
        if (r.ReadInt32() != Magic || r.ReadInt32() != WireVersion) throw new InvalidDataException("not an index-worker header of this version");
        bool utf8 = r.ReadBoolean(), keepQuestions = r.ReadBoolean();
        var overrides = ImmutableDictionary.CreateBuilder<string, Severity?>(StringComparer.OrdinalIgnoreCase);
        for (int i = ReadCount(r); i > 0; i--)
        {
            string code = r.ReadString();
            byte severity = r.ReadByte();
            overrides[code] = severity == 0 ? null : (Severity)severity;
        }
        return new Header(utf8, keepQuestions, new RuleSettings(overrides.ToImmutable()));
    }

    /// <summary>
    /// Reads one answer: the entry, or (entry null) why the worker could not make it. The entry's
    /// prompts are read into <paramref name="prompts"/> (grown when too small), so the entry is
    /// valid only until the buffer is used again. A pass of 10,000
    /// notes would otherwise allocate about 10 MB of prompt arrays that live only until recorded.
    /// </summary>
    public static (NoteEntry? Entry, string? Failure) ReadRecord(BinaryReader r, ref PromptIndex.PromptHash[]? prompts) =>
        r.ReadByte() switch
        {
            EntryRecord => (ReadEntry(r, ref prompts), null),
            FailedRecord => (null, r.ReadString()),
            var other => throw new InvalidDataException($"unknown record {other}"),
        };

    public static void Write(BinaryWriter w, NoteEntry e)
    {
        w.Write(e.Key);
        w.Write(e.Diagnostics.Length);
        foreach (var d in e.Diagnostics)
        {
            w.Write(d.Rule.Code);
            w.Write((byte)d.Severity);
            Write(w, d.Range);
            w.Write(d.Message);
            w.Write(d.Related.IsDefault ? 0 : d.Related.Length);
            if (d.Related.IsDefault) continue;
            foreach (var p in d.Related)
            {
                w.Write(p.File is not null);
                if (p.File is not null) w.Write(p.File);
                Write(w, p.Range);
                w.Write(p.Message);
            }
        }
        w.Write(e.Questions.Texts);
        w.Write(e.Questions.Count);
        for (int i = 0; i < e.Questions.Count; i++)
        {
            var q = e.Questions.EntryAt(i);
            w.Write(q.Start);
            w.Write(q.Length);
            Write(w, q.Range);
            Write(w, q.QuestionRange);
            w.Write((byte)q.Form);
            w.Write(q.BlockIndex);
        }
        w.Write((byte)(e.DuplicateSeverity is { } s ? (int)s : 0));
        w.Write(e.DuplicateSuppressedAt.Length);
        foreach (var p in e.DuplicateSuppressedAt) Write(w, p);
        w.Write(e.Prompts.Count);
        foreach (var p in e.Prompts)
        {
            w.Write(p.Question);
            w.Write(p.Answer);
            Write(w, p.Range);
            w.Write(p.Card.Question);
            w.Write(p.Card.Answer);
        }
    }

    private static NoteEntry ReadEntry(BinaryReader r, ref PromptIndex.PromptHash[]? buffer)
    {
        string key = r.ReadString();
        var diagnostics = ImmutableArray.CreateBuilder<IndexedDiagnostic>(ReadCount(r));
        for (int i = diagnostics.Capacity; i > 0; i--)
        {
            var rule = Rules.Find(r.ReadString()) ?? throw new InvalidDataException("unknown rule");
            var severity = (Severity)r.ReadByte();
            var range = ReadRange(r);
            string message = r.ReadString();
            var related = ImmutableArray.CreateBuilder<IndexedPlace>(ReadCount(r));
            for (int j = related.Capacity; j > 0; j--)
            {
                string? file = r.ReadBoolean() ? r.ReadString() : null;
                related.Add(new IndexedPlace(file, ReadRange(r), r.ReadString()));
            }
            diagnostics.Add(new IndexedDiagnostic(rule, severity, range, message, related.MoveToImmutable()));
        }
        var questions = ReadQuestions(r);
        byte duplicateSeverity = r.ReadByte();
        var suppressed = ImmutableArray.CreateBuilder<TextPosition>(ReadCount(r));
        for (int i = suppressed.Capacity; i > 0; i--) suppressed.Add(ReadPosition(r));
        int count = ReadCount(r);
        if (count > (buffer?.Length ?? 0)) buffer = new PromptIndex.PromptHash[Math.Max(count, 2 * (buffer?.Length ?? 0))];
        for (int i = 0; i < count; i++) buffer![i] = new PromptIndex.PromptHash(r.ReadUInt64(), r.ReadUInt64(), ReadRange(r), new Core.Review.CardKey(r.ReadUInt64(), r.ReadUInt64()));
        return new NoteEntry(key, diagnostics.MoveToImmutable(),
            questions,
            duplicateSeverity == 0 ? null : (Severity)duplicateSeverity, suppressed.MoveToImmutable(), new ArraySegment<PromptIndex.PromptHash>(buffer ?? [], 0, count));
    }

    /// <summary>
    /// A note's questions, read straight into their native block: the server's heap gets no
    /// string or array for them (buffers come from the shared pools).
    /// </summary>
    private static IndexedQuestions ReadQuestions(BinaryReader r)
    {
        // As BinaryWriter.Write(string) wrote it: the UTF-8 length in bytes, then the bytes.
        int byteCount = r.Read7BitEncodedInt();
        if (byteCount < 0 || byteCount > MaxTextBytes) throw new InvalidDataException($"a text of {byteCount} bytes");
        byte[] bytes = ArrayPool<byte>.Shared.Rent(byteCount);
        char[] chars = ArrayPool<char>.Shared.Rent(byteCount);
        IndexedQuestions.Entry[]? entries = null;
        try
        {
            r.BaseStream.ReadExactly(bytes, 0, byteCount);
            // Decoded as BinaryReader.ReadString would: a broken sequence becomes U+FFFD.
            int charCount = Encoding.UTF8.GetChars(bytes, 0, byteCount, chars, 0);
            int count = ReadCount(r);
            entries = ArrayPool<IndexedQuestions.Entry>.Shared.Rent(count);
            for (int i = 0; i < count; i++)
                entries[i] = new IndexedQuestions.Entry(r.ReadInt32(), r.ReadInt32(), ReadRange(r), ReadRange(r), (BlockForm)r.ReadByte(), r.ReadInt32());
            return IndexedQuestions.FromParts(chars.AsSpan(0, charCount), entries.AsSpan(0, count)) ?? throw new InvalidDataException("a question outside its texts");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
            ArrayPool<char>.Shared.Return(chars);
            if (entries is not null) ArrayPool<IndexedQuestions.Entry>.Shared.Return(entries);
        }
    }

    private const int MaxTextBytes = 256 << 20;

    /// <summary>A count of items to follow, refused when no note could have so many (a broken stream must not allocate gigabytes).</summary>
    private static int ReadCount(BinaryReader r)
    {
        int count = r.ReadInt32();
        if (count < 0 || count > MaxCount) throw new InvalidDataException($"a count of {count} items");
        return count;
    }

    private const int MaxCount = 1_000_000;

    private static void Write(BinaryWriter w, TextRange range)
    {
        Write(w, range.Start);
        Write(w, range.End);
    }

    private static void Write(BinaryWriter w, TextPosition p)
    {
        w.Write(p.Line);
        w.Write(p.Character);
    }

    private static TextRange ReadRange(BinaryReader r) => new(ReadPosition(r), ReadPosition(r));

    private static TextPosition ReadPosition(BinaryReader r) => new(r.ReadInt32(), r.ReadInt32());

    /// <summary>
    /// How to start this program again as a worker: the <c>orbitlsp</c> executable itself, or
    /// <c>dotnet</c> with this <c>orbitlsp.dll</c>; null when neither can be told.
    /// </summary>
    public static ProcessStartInfo? StartInfo()
    {
        string? self = Environment.ProcessPath;
        if (self is null) return null;
        string name = Path.GetFileNameWithoutExtension(self);
        ProcessStartInfo start;
        if (name.Equals("orbitlsp", StringComparison.OrdinalIgnoreCase)) start = new ProcessStartInfo(self);
        // The dll beside the running one (a native build is always started as orbitlsp).
        else if (name.Equals("dotnet", StringComparison.OrdinalIgnoreCase) && Path.Combine(AppContext.BaseDirectory, "orbitlsp.dll") is var dll && File.Exists(dll))
        {
            start = new ProcessStartInfo(self);
            start.ArgumentList.Add(dll);
        }
        else return null;
        start.ArgumentList.Add(Command);
        start.RedirectStandardInput = start.RedirectStandardOutput = start.RedirectStandardError = true;
        start.UseShellExecute = false;
        return start;
    }
}
