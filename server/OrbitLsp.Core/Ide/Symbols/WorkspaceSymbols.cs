using System.Collections.Immutable;
using System.Runtime.InteropServices;
using OrbitLsp.Core.Analysis;
using OrbitLsp.Core.Model;
using OrbitLsp.Core.Text;

namespace OrbitLsp.Core.Ide;

/// <summary>A prompt found by a workspace-wide search: its question, the note it is in and where.</summary>
public sealed record PromptSymbol(string Name, string File, TextSpan Span, TextSpan SelectionSpan, string ContainerName, int Score);

/// <summary>
/// A prompt's question as a workspace index keeps it: the text and its places, without the note's
/// analysis (which is many times larger). Ranges are in the note's positions.
/// </summary>
public readonly record struct IndexedQuestion(string Question, TextRange Range, TextRange QuestionRange, BlockForm Form, int BlockIndex)
{
    public string ContainerName => $"{DocumentSymbols.FormName(Form)} {BlockIndex + 1}";
}

/// <summary>
/// The questions of one note as an index keeps them: their places (plain values) and their texts,
/// one after another, in one block of native memory. A workspace holds hundreds of thousands of
/// questions, tens of megabytes; kept outside the garbage-collected heap they neither make its
/// full collections (which stop every thread, the one answering a keystroke too) more frequent
/// nor longer.
/// </summary>
/// <remarks>
/// NOTE: the block is freed by <see cref="Dispose"/> (the index calls it when it replaces or drops
/// the note) or, failing that, when the object is collected. A reader holds the block while it
/// reads (<see cref="SafeHandle.DangerousAddRef"/>), so a block disposed meanwhile is freed only
/// after it; a reader that comes later finds no questions. No span into the block leaves this
/// class.
/// </remarks>
public sealed class IndexedQuestions : IDisposable
{
    public static readonly IndexedQuestions Empty = new(null, 0, 0);

    private readonly NativeBlock? _block;
    private readonly int _textLength;

    /// <summary>One question: where its text is in <see cref="Texts"/>, and its places in the note.</summary>
    public readonly record struct Entry(int Start, int Length, TextRange Range, TextRange QuestionRange, BlockForm Form, int BlockIndex);

    private IndexedQuestions(NativeBlock? block, int count, int textLength) => (_block, Count, _textLength) = (block, count, textLength);

    /// <summary>The questions from their parts (as <see cref="Texts"/> and <see cref="EntryAt"/> give them); null when an entry lies outside the texts.</summary>
    public static unsafe IndexedQuestions? FromParts(ReadOnlySpan<char> texts, ReadOnlySpan<Entry> entries)
    {
        foreach (var e in entries)
            if (e.Start < 0 || e.Length < 0 || e.Start > texts.Length - e.Length) return null;
        if (entries.Length == 0) return Empty;
        var block = new NativeBlock((nuint)(entries.Length * sizeof(Entry) + texts.Length * sizeof(char)));
        var questions = new IndexedQuestions(block, entries.Length, texts.Length);
        entries.CopyTo(questions.EntrySpan);
        texts.CopyTo(questions.TextSpan);
        return questions;
    }

    public int Count { get; }

    /// <summary>Every question's text, one after another (a copy); empty once disposed.</summary>
    public string Texts => TryRead(0, static (q, _) => new string(q.TextSpan), out string texts) ? texts : "";

    /// <summary>The place of question <paramref name="i"/>.</summary>
    public Entry EntryAt(int i) => TryRead(i, static (q, i) => q.EntrySpan[i], out Entry entry) ? entry : throw Disposed();

    public IndexedQuestion this[int i] => TryRead(i, static (q, i) => q.Question(i), out IndexedQuestion question) ? question : throw Disposed();

    /// <summary>
    /// The questions whose text matches <paramref name="query"/> (<see cref="WorkspaceSymbols.Score"/>),
    /// each with its score; none once disposed.
    /// </summary>
    public void Match(string query, Action<IndexedQuestion, int> found) =>
        TryRead((query, found), static (q, args) =>
        {
            var entries = q.EntrySpan;
            var texts = q.TextSpan;
            for (int i = 0; i < entries.Length; i++)
                if (WorkspaceSymbols.Score(texts.Slice(entries[i].Start, entries[i].Length), args.query) is { } score) args.found(q.Question(i), score);
            return true;
        }, out _);

    /// <summary>Frees the native block (once every reader has finished with it).</summary>
    public void Dispose() => _block?.Dispose();

    /// <summary>Every question of the analysed note; <paramref name="rangeOf"/> places a span (UTF-16 when not given).</summary>
    public static IndexedQuestions Of(NoteAnalysis analysis, Func<TextSpan, TextRange>? rangeOf = null)
    {
        rangeOf ??= analysis.Document.GetRange;
        int count = 0, length = 0;
        foreach (var block in analysis.Document.Blocks)
            foreach (var p in block.Prompts)
            {
                count++;
                length += p.QuestionMemory.Length;
            }
        if (count == 0) return Empty;
        // Gathered in pooled buffers: a large note's questions would otherwise be one large
        // string each time it is indexed.
        var texts = System.Buffers.ArrayPool<char>.Shared.Rent(length);
        var entries = System.Buffers.ArrayPool<Entry>.Shared.Rent(count);
        try
        {
            int i = 0, at = 0;
            foreach (var block in analysis.Document.Blocks)
                foreach (var p in block.Prompts)
                {
                    var question = p.QuestionMemory.Span;
                    entries[i++] = new Entry(at, question.Length, rangeOf(p.Span), rangeOf(p.QuestionSpan), block.Form, block.Index);
                    question.CopyTo(texts.AsSpan(at));
                    at += question.Length;
                }
            return FromParts(texts.AsSpan(0, length), entries.AsSpan(0, count))!;
        }
        finally
        {
            System.Buffers.ArrayPool<char>.Shared.Return(texts);
            System.Buffers.ArrayPool<Entry>.Shared.Return(entries);
        }
    }

    private IndexedQuestion Question(int i)
    {
        var e = EntrySpan[i];
        return new IndexedQuestion(new string(TextSpan.Slice(e.Start, e.Length)), e.Range, e.QuestionRange, e.Form, e.BlockIndex);
    }

    // Only inside TryRead (or before the questions are shared).
    private unsafe Span<Entry> EntrySpan => _block is null ? default : new((void*)_block.DangerousGetHandle(), Count);

    private unsafe Span<char> TextSpan => _block is null ? default : new((byte*)_block.DangerousGetHandle() + Count * sizeof(Entry), _textLength);

    /// <summary>
    /// Runs <paramref name="read"/> while holding the block, so that a <see cref="Dispose"/>
    /// meanwhile frees it only afterwards; false, without running it, once disposed.
    /// </summary>
    private bool TryRead<TState, TResult>(TState state, Func<IndexedQuestions, TState, TResult> read, out TResult result)
    {
        result = default!;
        bool held = false;
        try
        {
            _block?.DangerousAddRef(ref held);
            result = read(this, state);
            return true;
        }
        catch (ObjectDisposedException) when (!held && _block is not null)
        {
            return false;
        }
        finally
        {
            if (held) _block!.DangerousRelease();
        }
    }

    private static ObjectDisposedException Disposed() => new(nameof(IndexedQuestions));

    /// <summary>A block of native memory, freed when disposed (after its last reader) or collected.</summary>
    private sealed unsafe class NativeBlock : SafeHandle
    {
        public NativeBlock(nuint bytes) : base(IntPtr.Zero, ownsHandle: true) => SetHandle((IntPtr)NativeMemory.Alloc(bytes));

        public override bool IsInvalid => handle == IntPtr.Zero;

        protected override bool ReleaseHandle()
        {
            NativeMemory.Free((void*)handle);
            return true;
        }
    }
}

/// <summary>A question found by <see cref="WorkspaceSymbols.Match(IEnumerable{ValueTuple{string, IndexedQuestions}}, string, int, CancellationToken)"/>.</summary>
public sealed record QuestionMatch(string Name, string File, IndexedQuestion Question, int Score);

/// <summary>Search across notes: questions whose text holds the query's characters in order, any case.</summary>
public static class WorkspaceSymbols
{
    /// <summary>
    /// <see cref="Match(IEnumerable{ValueTuple{string, NoteAnalysis}}, string, int)"/> over indexed
    /// questions: the same scores and order.
    /// </summary>
    public static ImmutableArray<QuestionMatch> Match(IEnumerable<(string File, IndexedQuestions Questions)> notes, string query, int limit = 500,
        CancellationToken cancellationToken = default)
    {
        var found = new List<(int Score, string File, IndexedQuestion Question)>();
        foreach (var (file, questions) in notes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            questions.Match(query, (question, score) => found.Add((score, file, question)));
        }
        return [.. found.OrderByDescending(s => s.Score).ThenBy(s => s.File, StringComparer.Ordinal).ThenBy(s => s.Question.Range.Start).Take(limit)
            .Select(s => new QuestionMatch(DocumentSymbols.Name(s.Question.Question), s.File, s.Question, s.Score))];
    }

    /// <summary>
    /// Matches best first (a run of consecutive characters, a match at a word start and a shorter
    /// question score higher), then by file and position. An empty query lists every question.
    /// </summary>
    public static ImmutableArray<PromptSymbol> Match(IEnumerable<(string File, NoteAnalysis Analysis)> notes, string query, int limit = 500)
    {
        var found = new List<PromptSymbol>();
        foreach (var (file, analysis) in notes)
        {
            foreach (var block in analysis.Document.Blocks)
            {
                foreach (var p in block.Prompts)
                {
                    string question = p.Question;
                    if (Score(question, query) is not { } score) continue;
                    found.Add(new PromptSymbol(DocumentSymbols.Name(question), file, p.Span, p.QuestionSpan,
                        $"{DocumentSymbols.FormName(block.Form)} {block.Index + 1}", score));
                }
            }
        }
        return [.. found.OrderByDescending(s => s.Score).ThenBy(s => s.File, StringComparer.Ordinal).ThenBy(s => s.Span.Start).Take(limit)];
    }

    /// <summary>Null when the query's characters (white space ignored) do not all appear in order.</summary>
    public static int? Score(ReadOnlySpan<char> text, string query)
    {
        int score = 0, t = 0, run = 0;
        foreach (char qc in query)
        {
            if (char.IsWhiteSpace(qc)) continue;
            char q = char.ToLowerInvariant(qc);
            bool consecutive = true;
            while (t < text.Length && char.ToLowerInvariant(text[t]) != q) { t++; consecutive = false; }
            if (t == text.Length) return null;
            run = consecutive ? run + 1 : 1;
            score += run * 2;
            if (t == 0 || !char.IsLetterOrDigit(text[t - 1])) score += 3;
            t++;
        }
        return score * 100 - Math.Min(text.Length, 99);
    }
}
