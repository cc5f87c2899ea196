using OrbitLsp.Core.Diagnostics;
using OrbitLsp.Core.Model;
using OrbitLsp.Core.Text;

namespace OrbitLsp.Core.Analysis.Checks;

/// <summary>The text of the cards: math delimiters, stray quotes, the same card twice (ORBIT-FORMAT §4).</summary>
internal static class CheckPromptText
{
    public static void Run(NoteDocument doc, List<NoteDiagnostic> sink)
    {
        foreach (var block in doc.Blocks) TextOf(block, sink);
        Duplicates(doc.Blocks, static _ => 0, doc.Lines, sink);
    }

    /// <summary>Math delimiters and stray quotes of one block's prompts.</summary>
    public static void TextOf(ReviewBlock block, List<NoteDiagnostic> sink)
    {
        if (!Counts(block) || block.Form != BlockForm.Shortcode) return;
        foreach (var prompt in block.Prompts)
        {
            Math(prompt, sink);
            Quote(prompt.QuestionLine, sink);
            Quote(prompt.AnswerLine, sink);
        }
    }

    /// <summary>
    /// The same prompt twice in the note. <paramref name="shift"/> tells how far a block's spans
    /// have moved since it was read (non-zero only for blocks read from an earlier version of the text).
    /// </summary>
    public static void Duplicates(IReadOnlyList<ReviewBlock> blocks, Func<ReviewBlock, int> shift, LineMap lines, List<NoteDiagnostic> sink)
    {
        int prompts = 0;
        foreach (var block in blocks) prompts += block.Prompts.Length;
        var seen = PromptSet.Rent(prompts);
        try
        {
            Find(blocks, shift, lines, sink, seen);
        }
        finally
        {
            seen.Return();
        }
    }

    private static void Find(IReadOnlyList<ReviewBlock> blocks, Func<ReviewBlock, int> shift, LineMap lines, List<NoteDiagnostic> sink, PromptSet seen)
    {
        foreach (var block in blocks)
        {
            if (!Counts(block)) continue;
            int by = shift(block);
            foreach (var prompt in block.Prompts)
            {
                if (prompt.QuestionSpan.IsEmpty && prompt.QuestionMemory.Length == 0) continue;
                if (seen.TryGetFirst(new PromptKey(prompt), out var found))
                {
                    var (first, firstBy) = found;
                    var firstSpan = first.Span.Shift(firstBy);
                    var at = lines.GetPosition(firstSpan.Start);
                    sink.Add(new(Rules.DuplicatePrompt, prompt.Span.Shift(by),
                        $"The same prompt is already on line {at.Line + 1}: Orbit identifies a prompt by its text, so readers get one card, not two. Delete this copy or change it.",
                        new RelatedPlace(firstSpan, "first copy of this prompt")));
                }
                else seen.Add(new PromptKey(prompt), (prompt, by));
            }
        }
    }

    private static bool Counts(ReviewBlock block) => block.PublishesArea && block.Placement != BlockPlacement.Nested;

    public static void Math(Prompt prompt, List<NoteDiagnostic> sink)
    {
        // Lines know whether they hold a '$' at all; only those are read again.
        if (prompt.QuestionLine is null || prompt.QuestionLine.HasDollar) Check(prompt.QuestionMemory.Span, prompt.QuestionSpan, sink);
        if (prompt.AnswerSpan is { } answerSpan && (prompt.AnswerLine is null || prompt.AnswerLine.HasDollar))
            Check(prompt.AnswerMemory.Span, answerSpan, sink);

        static void Check(ReadOnlySpan<char> text, TextSpan span, List<NoteDiagnostic> sink)
        {
            int i = text.IndexOfAny('$', '\\');
            if (i < 0) return;
            bool inline = false, display = false;
            for (; i < text.Length; i++)
            {
                char c = text[i];
                if (c == '\\') { i++; continue; }
                if (c != '$') continue;
                if (!inline && i + 1 < text.Length && text[i + 1] == '$')
                {
                    display = !display;
                    i++;
                }
                else if (!display) inline = !inline;
            }
            if (inline || display)
            {
                sink.Add(new(Rules.UnbalancedMath, span,
                    $"A '{(display ? "$$" : "$")}' is never closed: Orbit reads '$' as the start of math, so the card shows the rest as a formula or as KaTeX's error text. Close the formula, or write \\$ for a dollar sign."));
            }
        }
    }

    private static void Quote(PromptLine? line, List<NoteDiagnostic> sink)
    {
        if (line is null || !line.HasOddQuotes) return;
        if (line.Hazards != LineHazards.None && !line.Has(LineHazards.StrippedAsterisks) && !line.Has(LineHazards.CarriageReturn)) return;
        sink.Add(new(Rules.UnbalancedQuote, line.ContentSpan,
            "This line has an odd number of '\"': the card shows the stray quote as typed. Remove it or add its partner."));
    }
}

/// <summary>
/// The prompts seen so far, in shards small enough to stay off the large object heap: one map of
/// a 10 MB note's 35,000 prompts would be, and each analysis would then cost a full collection.
/// </summary>
/// <remarks>
/// NOTE: one set per thread is kept between analyses (up to <see cref="MaxKept"/> prompts): every
/// keystroke in a review block compares the whole note's prompts again, and a fresh set for a note
/// of 2,500 prompts was half of what that keystroke allocated (about 110 of 210 KB).
/// </remarks>
internal sealed class PromptSet
{
    private const int Shards = 16;
    private const int MaxKept = 16_384;

    [ThreadStatic] private static PromptSet? t_kept;

    private readonly Dictionary<PromptKey, (Prompt, int)>?[] _shards;
    private int _capacity;

    private PromptSet(int capacity)
    {
        _shards = new Dictionary<PromptKey, (Prompt, int)>?[ShardsFor(capacity)];
        _capacity = capacity;
    }

    private static int ShardsFor(int capacity) => capacity > 2048 ? Shards : 1;

    /// <summary>An empty set for about <paramref name="capacity"/> prompts; give it back with <see cref="Return"/>.</summary>
    public static PromptSet Rent(int capacity)
    {
        var kept = t_kept;
        if (kept is null || kept._shards.Length != ShardsFor(capacity)) return new PromptSet(capacity);
        t_kept = null;
        kept._capacity = capacity;
        return kept;
    }

    /// <summary>Empties the set (it holds no prompt afterwards) and keeps it for the thread's next analysis.</summary>
    public void Return()
    {
        if (_capacity > MaxKept) return;
        foreach (var shard in _shards) shard?.Clear();
        t_kept = this;
    }

    private Dictionary<PromptKey, (Prompt, int)> Shard(PromptKey key) =>
        _shards[(key.GetHashCode() & 0x7FFFFFFF) % _shards.Length] ??= new(_capacity / _shards.Length + 1);

    public bool TryGetFirst(PromptKey key, out (Prompt Prompt, int Shift) first) => Shard(key).TryGetValue(key, out first!);

    public void Add(PromptKey key, (Prompt Prompt, int Shift) prompt) => Shard(key)[key] = prompt;
}

/// <summary>A prompt's text as a dictionary key: hashed once when its lines were read, compared only on a hash match.</summary>
internal readonly struct PromptKey(Prompt prompt) : IEquatable<PromptKey>
{
    private readonly Prompt _prompt = prompt;
    private readonly int _hash = prompt.TextHash;

    public bool Equals(PromptKey other) =>
        _hash == other._hash
        && _prompt.QuestionMemory.Span.SequenceEqual(other._prompt.QuestionMemory.Span)
        && _prompt.AnswerMemory.Span.SequenceEqual(other._prompt.AnswerMemory.Span);

    public override bool Equals(object? obj) => obj is PromptKey other && Equals(other);

    public override int GetHashCode() => _hash;
}
