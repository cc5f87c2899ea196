using System.Collections.Immutable;
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
/// The questions of one note as an index keeps them: their texts in one string and their places in
/// an array of plain values. A workspace holds hundreds of thousands of questions; kept this way they
/// are two objects per note, which the garbage collector neither counts nor follows one by one.
/// </summary>
public sealed class IndexedQuestions
{
    public static readonly IndexedQuestions Empty = new("", []);

    private readonly string _texts;
    private readonly Entry[] _entries;

    /// <summary>One question: where its text is in <see cref="Texts"/>, and its places in the note.</summary>
    public readonly record struct Entry(int Start, int Length, TextRange Range, TextRange QuestionRange, BlockForm Form, int BlockIndex);

    private IndexedQuestions(string texts, Entry[] entries) => (_texts, _entries) = (texts, entries);

    /// <summary>The questions from their parts (as <see cref="Texts"/> and <see cref="Entries"/> give them); null when an entry lies outside the texts.</summary>
    public static IndexedQuestions? FromParts(string texts, Entry[] entries)
    {
        foreach (var e in entries)
            if (e.Start < 0 || e.Length < 0 || e.Start > texts.Length - e.Length) return null;
        return entries.Length == 0 ? Empty : new IndexedQuestions(texts, entries);
    }

    /// <summary>Every question's text, one after another.</summary>
    public string Texts => _texts;

    public ReadOnlySpan<Entry> Entries => _entries;

    public int Count => _entries.Length;

    /// <summary>The text of question <paramref name="i"/>, without making a string of it.</summary>
    public ReadOnlySpan<char> TextOf(int i) => _texts.AsSpan(_entries[i].Start, _entries[i].Length);

    public IndexedQuestion this[int i]
    {
        get
        {
            var e = _entries[i];
            return new IndexedQuestion(_texts.Substring(e.Start, e.Length), e.Range, e.QuestionRange, e.Form, e.BlockIndex);
        }
    }

    /// <summary>Every question of the analysed note; <paramref name="rangeOf"/> places a span (UTF-16 when not given).</summary>
    public static IndexedQuestions Of(NoteAnalysis analysis, Func<TextSpan, TextRange>? rangeOf = null)
    {
        rangeOf ??= analysis.Document.GetRange;
        var texts = new System.Text.StringBuilder();
        var entries = new List<Entry>();
        foreach (var block in analysis.Document.Blocks)
            foreach (var p in block.Prompts)
            {
                entries.Add(new Entry(texts.Length, p.Question.Length, rangeOf(p.Span), rangeOf(p.QuestionSpan), block.Form, block.Index));
                texts.Append(p.Question);
            }
        return entries.Count == 0 ? Empty : new IndexedQuestions(texts.ToString(), [.. entries]);
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
            for (int i = 0; i < questions.Count; i++)
                if (Score(questions.TextOf(i), query) is { } score) found.Add((score, file, questions[i]));
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
