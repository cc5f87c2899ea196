using System.Collections.Immutable;
using System.Runtime.InteropServices;
using OrbitLsp.Core.Cards;
using OrbitLsp.Core.Config;
using OrbitLsp.Core.Diagnostics;
using OrbitLsp.Core.Model;
using OrbitLsp.Core.Text;

namespace OrbitLsp.Core.Analysis;

/// <summary>
/// The published prompts of many notes, to find the same card in two notes (OL090): Orbit
/// identifies a prompt by its text, so readers of both pages collect one card. Every copy is
/// reported, each pointing at another note's copy, so the result does not depend on which note
/// was read first. Thread-safe: notes may be added while others are asked about.
/// </summary>
/// <remarks>
/// NOTE: a prompt is kept as two 64-bit hashes (of its question and of its answer), not as its
/// texts: a workspace of 10,000 notes holds about 600,000 prompts, and the texts would be most of
/// the server's memory. Two different prompts would have to collide in both hashes at once.
/// The map from prompt to place holds plain values only (a note is a number, its path is kept
/// once): a collection never has to follow 600,000 references in it, nor scan it for ones written
/// while indexing. The rare second and later places of a prompt are kept apart.
/// That map and each note's list of prompts live in native memory (<see cref="NativeMap{TKey, TValue}"/>):
/// tens of megabytes that the collector then neither counts towards its next full collection nor
/// copies, and growing the map allocates no large object. They are used only under the lock and
/// freed with the index (when it is collected).
/// </remarks>
public sealed unsafe class PromptIndex
{
    /// <summary>A published prompt as the index keeps it: the hashes of its question and answer, where it is, and its review key.</summary>
    public readonly record struct PromptHash(ulong Question, ulong Answer, TextRange Range, Review.CardKey Card);

    /// <summary>
    /// A card's first place: the note of the smallest path (ordinal) that publishes it, and its place
    /// among that note's cards (File -1: that note went, the next is found when asked); in how many places it is.
    /// </summary>
    private readonly record struct CardPlace(int File, int Index, int Count);

    /// <summary>One prompt of a note: its key here and its review key.</summary>
    private readonly record struct NotePrompt(PromptKey Key, Review.CardKey Card);

    private readonly record struct Place(int File, TextRange Range);

    private readonly record struct PromptKey(ulong Question, ulong Answer)
    {
        // The question's hash is well mixed already.
        public override int GetHashCode() => (int)Question;
    }

    /// <summary>A note's prompt keys, in native memory.</summary>
    private readonly struct KeyList
    {
        private readonly NotePrompt* _keys;
        private readonly int _count;

        private KeyList(NotePrompt* keys, int count)
        {
            _keys = keys;
            _count = count;
        }

        public static KeyList Allocate(int count) => new((NotePrompt*)NativeMemory.Alloc((nuint)Math.Max(count, 1), (nuint)sizeof(NotePrompt)), count);

        public Span<NotePrompt> Keys => new(_keys, _count);

        public void Free() => NativeMemory.Free(_keys);
    }

    private readonly Lock _gate = new();
    private readonly NativeMap<PromptKey, Place> _first = new();
    private readonly NativeMap<Review.CardKey, CardPlace> _cards = new();
    private readonly Dictionary<PromptKey, List<Place>> _more = [];
    private readonly Dictionary<string, KeyList> _byFile = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _fileIds = new(StringComparer.Ordinal);
    private readonly List<string> _files = [];
    private long _version;

    /// <summary>Changes whenever a note's prompts are recorded or removed.</summary>
    public long Version
    {
        get { lock (_gate) return _version; }
    }

    public int NoteCount
    {
        get { lock (_gate) return _byFile.Count; }
    }

    /// <summary>
    /// Records (or replaces) the published prompts of one note. <paramref name="rangeOf"/> places a
    /// prompt in the note's positions (UTF-16 line and character when not given).
    /// </summary>
    public void Set(string file, NoteAnalysis analysis, Func<TextSpan, TextRange>? rangeOf = null) => Set(file, Hashes(analysis, rangeOf));

    /// <summary>What this index keeps of a note's published prompts (<see cref="Set(string, IReadOnlyList{PromptHash})"/> takes it).</summary>
    public static PromptHash[] Hashes(NoteAnalysis analysis, Func<TextSpan, TextRange>? rangeOf = null)
    {
        rangeOf ??= analysis.Document.GetRange;
        var hashes = new List<PromptHash>();
        foreach (var p in PublishedPrompts(analysis.Document))
        {
            var key = KeyOf(p);
            hashes.Add(new PromptHash(key.Question, key.Answer, rangeOf(p.Span), Review.CardKey.Of(p.QuestionMemory.Span, p.AnswerMemory.Span)));
        }
        return [.. hashes];
    }

    /// <summary>Records (or replaces) the published prompts of one note, as <see cref="Hashes"/> gave them.</summary>
    public void Set(string file, IReadOnlyList<PromptHash> prompts)
    {
        lock (_gate)
        {
            RemoveLocked(file);
            _version++;
            int id = IdOf(file);
            var list = KeyList.Allocate(prompts.Count);
            var keys = list.Keys;
            for (int i = 0; i < prompts.Count; i++)
            {
                var key = new PromptKey(prompts[i].Question, prompts[i].Answer);
                var place = new Place(id, prompts[i].Range);
                if (!_first.TryAdd(key, place))
                {
                    ref var more = ref CollectionsMarshal.GetValueRefOrAddDefault(_more, key, out _);
                    (more ??= []).Add(place);
                }
                var card = prompts[i].Card;
                if (_cards.TryGetValue(card, out var held))
                {
                    // The first place is the one in the note of the smallest path (a note's first place when it has two).
                    bool before = held.File >= 0 && held.File != id && string.CompareOrdinal(file, _files[held.File]) < 0;
                    _cards.Set(card, before ? new CardPlace(id, i, held.Count + 1) : held with { Count = held.Count + 1 });
                }
                else _cards.Set(card, new CardPlace(id, i, 1));
                keys[i] = new NotePrompt(key, card);
            }
            _byFile[file] = list;
        }
    }

    public void Remove(string file)
    {
        lock (_gate) RemoveLocked(file);
    }

    /// <summary>A note's number; kept when the note goes, so a note indexed again gets the same one.</summary>
    private int IdOf(string file)
    {
        ref int id = ref CollectionsMarshal.GetValueRefOrAddDefault(_fileIds, file, out bool exists);
        if (!exists)
        {
            id = _files.Count;
            _files.Add(file);
        }
        return id;
    }

    private void RemoveLocked(string file)
    {
        if (!_byFile.Remove(file, out var list)) return;
        _version++;
        int id = _fileIds[file];
        foreach (var (key, card) in list.Keys)
        {
            if (_cards.TryGetValue(card, out var held))
            {
                // The card may still be in another note: the first holder is then found when asked (FileOfCard).
                if (held.Count <= 1) _cards.Remove(card);
                else _cards.Set(card, held.File == id ? new CardPlace(-1, -1, held.Count - 1) : held with { Count = held.Count - 1 });
            }
            _more.TryGetValue(key, out var more);
            more?.RemoveAll(p => p.File == id);
            if (_first.TryGetValue(key, out var first) && first.File == id)
            {
                if (more is not { Count: > 0 })
                {
                    _first.Remove(key);
                    _more.Remove(key);
                    continue;
                }
                _first.Set(key, more[0]);
                more.RemoveAt(0);
            }
            if (more is { Count: 0 }) _more.Remove(key);
        }
        list.Free();
    }

    ~PromptIndex()
    {
        foreach (var list in _byFile.Values) list.Free();
        _first.Free();
        _cards.Free();
    }

    /// <summary>Whether some indexed note publishes the card (for review: a card in no note is an orphan).</summary>
    public bool HoldsCard(Review.CardKey card)
    {
        lock (_gate) return _cards.ContainsKey(card);
    }

    /// <summary>A note that publishes the card (the one of the smallest path), or null.</summary>
    public string? FileOfCard(Review.CardKey card) => PlaceOfCard(card, out string? file, out _) ? file : null;

    /// <summary>
    /// A card's first place: the note of the smallest path (ordinal) that publishes it, and the
    /// card's first place among that note's cards (as <see cref="AllCards"/> numbers them).
    /// </summary>
    public bool PlaceOfCard(Review.CardKey card, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? file, out int index)
    {
        lock (_gate)
        {
            file = null;
            index = -1;
            if (!_cards.TryGetValue(card, out var held)) return false;
            if (held.File < 0)
            {
                // Its first note went while others hold it (rare: a card published twice): found once, then kept.
                foreach (var (path, list) in _byFile)
                {
                    if (file is not null && string.CompareOrdinal(path, file) >= 0) continue;
                    var keys = list.Keys;
                    for (int i = 0; i < keys.Length; i++)
                        if (keys[i].Card == card)
                        {
                            (file, index) = (path, i);
                            break;
                        }
                }
                if (file is null) return false;
                _cards.Set(card, new CardPlace(_fileIds[file], index, held.Count));
                return true;
            }
            (file, index) = (_files[held.File], held.Index);
            return true;
        }
    }

    /// <summary>
    /// Every published card of every note: its note, its place among the note's reviewable cards,
    /// and its key. One lock for the whole walk (a few milliseconds for 100,000 cards).
    /// </summary>
    public List<(string File, int Index, Review.CardKey Card)> AllCards() => AllCards(out _);

    /// <summary><see cref="AllCards()"/>, with the <see cref="Version"/> it is of.</summary>
    public List<(string File, int Index, Review.CardKey Card)> AllCards(out long version)
    {
        lock (_gate)
        {
            version = _version;
            var result = new List<(string, int, Review.CardKey)>(_cards.Count + 16);
            foreach (var (file, list) in _byFile)
            {
                var keys = list.Keys;
                for (int i = 0; i < keys.Length; i++) result.Add((file, i, keys[i].Card));
            }
            return result;
        }
    }

    /// <summary>Every place of a prompt (the first, then the others), as (file, range).</summary>
    private IEnumerable<(string File, TextRange Range)> PlacesOf(PromptKey key)
    {
        if (!_first.TryGetValue(key, out var first)) yield break;
        yield return (_files[first.File], first.Range);
        if (_more.TryGetValue(key, out var more))
            foreach (var p in more) yield return (_files[p.File], p.Range);
    }

    /// <summary>The places of one note whose prompt another note also publishes, with one such other place.</summary>
    public IReadOnlyList<(string File, TextRange Range, string OtherFile, TextRange OtherRange, int Notes)> DuplicatesOf(string file)
    {
        var result = new List<(string, TextRange, string, TextRange, int)>();
        lock (_gate)
        {
            if (!_byFile.TryGetValue(file, out var list)) return result;
            HashSet<PromptKey>? seen = null;
            foreach (var (key, _) in list.Keys)
            {
                if (!_more.ContainsKey(key)) continue;
                if (!(seen ??= []).Add(key)) continue;
                AddDuplicates([.. PlacesOf(key)], file, result);
            }
        }
        return result;
    }

    private static void AddDuplicates(List<(string File, TextRange Range)> places, string file, List<(string, TextRange, string, TextRange, int)> result)
    {
        int notes = places.Select(p => p.File).Distinct(StringComparer.Ordinal).Count();
        if (notes < 2) return;
        foreach (var place in places)
        {
            if (place.File != file) continue;
            var other = places.Where(x => x.File != place.File).OrderBy(x => x.File, StringComparer.Ordinal).First();
            result.Add((place.File, place.Range, other.File, other.Range, notes));
        }
    }

    /// <summary>The message of OL090 for a prompt another <paramref name="notes"/>-1 notes publish too.</summary>
    public static string Message(string otherFile, int notes)
    {
        string where = notes <= 2 ? Path.GetFileName(otherFile) : $"{Path.GetFileName(otherFile)} and {notes - 2} other note(s)";
        return $"The same prompt is published by {where}: Orbit identifies a prompt by its text, so readers of both pages collect one card. Keep it in one note, or make the two differ.";
    }

    /// <summary>OL090 for each published prompt of the note that another indexed note also publishes.</summary>
    public ImmutableArray<NoteDiagnostic> DuplicatesIn(string file, NoteAnalysis analysis, RuleSettings? settings = null)
    {
        if ((settings ?? RuleSettings.Default).SeverityOf(Rules.DuplicateAcrossNotes) is not { } severity) return [];
        var result = ImmutableArray.CreateBuilder<NoteDiagnostic>();
        int self;
        lock (_gate)
        {
            // Nothing to compare with: no note, or only this one.
            if (_byFile.Count == 0 || (_byFile.Count == 1 && _byFile.ContainsKey(file))) return [];
            self = _fileIds.GetValueOrDefault(file, -1);
        }
        foreach (var p in PublishedPrompts(analysis.Document))
        {
            var key = KeyOf(p);
            List<(string File, TextRange Range)> places;
            // One prompt at a time: the indexing thread records notes in between, and a keystroke
            // asking about another note never waits for a whole large note's lookups.
            lock (_gate)
            {
                // Most prompts are only in this note (an open note is indexed too).
                if (!_first.TryGetValue(key, out var first) || (first.File == self && !_more.ContainsKey(key))) continue;
                places = [.. PlacesOf(key)];
            }
            var others = places.Where(x => x.File != file);
            if (!others.Any() || analysis.IsSuppressed(Rules.DuplicateAcrossNotes.Code, p.Span.Start)) continue;
            var other = others.OrderBy(x => x.File, StringComparer.Ordinal).First();
            int notes = places.Select(x => x.File).Append(file).Distinct(StringComparer.Ordinal).Count();
            result.Add(new NoteDiagnostic(Rules.DuplicateAcrossNotes, p.Span, Message(other.File, notes), severity, [new RelatedPlace(default, "the same prompt in another note", other.File, other.Range)]));
        }
        return result.ToImmutable();
    }

    /// <summary>The prompts a note's page gets and that readers collect: published, not hidden, with a question.</summary>
    public static IEnumerable<Prompt> PublishedPrompts(NoteDocument document)
    {
        foreach (var (_, block) in CardExtractor.PublishedBlocks(document))
        {
            if (block.IsHidden) continue;
            foreach (var p in block.Prompts)
                if (p.QuestionMemory.Length > 0) yield return p;
        }
    }

    private static PromptKey KeyOf(Prompt p) => new(Hash(p.QuestionMemory.Span, 0), Hash(p.AnswerMemory.Span, 0x9E3779B97F4A7C15));

    /// <summary>FNV-1a over the characters, then a 64-bit finaliser (MurmurHash3's) to spread the bits.</summary>
    private static ulong Hash(ReadOnlySpan<char> text, ulong seed)
    {
        ulong h = 0xcbf29ce484222325 ^ seed;
        foreach (char c in text)
        {
            h ^= c;
            h *= 0x100000001b3;
        }
        h ^= h >> 33;
        h *= 0xff51afd7ed558ccd;
        h ^= h >> 33;
        h *= 0xc4ceb9fe1a85ec53;
        h ^= h >> 33;
        return h;
    }
}
