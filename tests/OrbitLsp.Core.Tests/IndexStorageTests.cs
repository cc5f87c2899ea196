using CsCheck;
using OrbitLsp.Core.Analysis;
using OrbitLsp.Core.Ide;
using OrbitLsp.Core.Model;
using OrbitLsp.Core.Text;

namespace OrbitLsp.Core.Tests;

/// <summary>
/// What a workspace index keeps outside the garbage-collected heap: the prompt map
/// (<see cref="NativeMap{TKey, TValue}"/> inside <see cref="PromptIndex"/>) and each note's
/// questions (<see cref="IndexedQuestions"/>), against plain managed models of the same.
/// </summary>
public class IndexStorageTests
{
    /// <summary>A key whose hash puts many keys on one slot, so probe runs wrap and removals shift entries back.</summary>
    private readonly record struct CrowdedKey(int Value)
    {
        public override int GetHashCode() => Value % 7 * 149;
    }

    [Fact]
    public void The_native_map_agrees_with_a_dictionary_under_any_adds_sets_and_removes()
    {
        // (operation, key, value): 0 = TryAdd, 1 = Set, 2 = Remove; few keys, so they repeat.
        var operations = Gen.Select(Gen.Int[0, 2], Gen.Int[0, 3000], Gen.Int).Array[0, 4000];
        operations.Sample(ops =>
        {
            var map = new NativeMap<CrowdedKey, int>();
            var model = new Dictionary<CrowdedKey, int>();
            try
            {
                foreach (var (op, k, value) in ops)
                {
                    var key = new CrowdedKey(k);
                    switch (op)
                    {
                        case 0:
                            Assert.Equal(model.TryAdd(key, value), map.TryAdd(key, value));
                            break;
                        case 1:
                            model[key] = value;
                            map.Set(key, value);
                            break;
                        default:
                            Assert.Equal(model.Remove(key), map.Remove(key));
                            break;
                    }
                }
                Assert.Equal(model.Count, map.Count);
                for (int k = 0; k <= 3000; k++)
                {
                    var key = new CrowdedKey(k);
                    Assert.Equal(model.TryGetValue(key, out int expected), map.TryGetValue(key, out int actual));
                    Assert.Equal(expected, actual);
                }
            }
            finally
            {
                map.Free();
            }
        }, iter: 60);
    }

    [Fact]
    public void The_native_map_grows_and_shrinks_through_a_hundred_thousand_keys()
    {
        var map = new NativeMap<(ulong, ulong), int>();
        try
        {
            for (int i = 0; i < 100_000; i++) Assert.True(map.TryAdd(((ulong)i * 0x9E3779B97F4A7C15, (ulong)i), i));
            for (int i = 0; i < 100_000; i += 2) Assert.True(map.Remove(((ulong)i * 0x9E3779B97F4A7C15, (ulong)i)));
            Assert.Equal(50_000, map.Count);
            for (int i = 0; i < 100_000; i++)
                Assert.Equal(i % 2 == 1, map.TryGetValue(((ulong)i * 0x9E3779B97F4A7C15, (ulong)i), out int value) && value == i);
            map.Free();
            Assert.Equal(0, map.Count);
            Assert.True(map.TryAdd((1, 2), 3));
            Assert.True(map.ContainsKey((1, 2)));
        }
        finally
        {
            map.Free();
        }
    }

    [Fact]
    public void Cross_note_duplicates_agree_with_a_plain_model_after_any_notes_are_set_again_or_removed()
    {
        // A few prompt texts over a few notes, so prompts repeat within and across notes.
        var note = Gen.Int[0, 5].Array[0, 8];
        var step = Gen.Select(Gen.Int[0, 5], Gen.Bool, note);
        step.Array[1, 40].Sample(steps =>
        {
            var index = new PromptIndex();
            var model = new Dictionary<string, PromptIndex.PromptHash[]>(StringComparer.Ordinal);
            foreach (var (file, remove, prompts) in steps)
            {
                string name = $"note{file}.md";
                if (remove)
                {
                    index.Remove(name);
                    model.Remove(name);
                    continue;
                }
                var hashes = prompts.Select((p, i) => new PromptIndex.PromptHash((ulong)p * 31 + 7, (ulong)p, new TextRange(new TextPosition(i, 0), new TextPosition(i, 5)), new OrbitLsp.Core.Review.CardKey((ulong)p, 1))).ToArray();
                index.Set(name, hashes);
                model[name] = hashes;
            }
            Assert.Equal(model.Count, index.NoteCount);
            foreach (var (file, hashes) in model)
            {
                var expected = new List<string>();
                foreach (var p in hashes.DistinctBy(h => h.Range))
                {
                    var places = model.SelectMany(n => n.Value.Where(h => h.Question == p.Question && h.Answer == p.Answer).Select(h => (File: n.Key, h.Range))).ToList();
                    int notes = places.Select(x => x.File).Distinct().Count();
                    if (notes < 2) continue;
                    var other = places.Where(x => x.File != file).OrderBy(x => x.File, StringComparer.Ordinal).First();
                    expected.Add($"{p.Range} -> {other.File} {other.Range} ({notes})");
                }
                var actual = index.DuplicatesOf(file).Select(d => $"{d.Range} -> {d.OtherFile} {d.OtherRange} ({d.Notes})");
                Assert.Equal(expected.Order(), actual.Order());
            }
        }, iter: 300);
    }

    [Fact]
    public void Questions_keep_their_texts_and_places_and_match_as_a_search_does()
    {
        var analysis = NoteAnalyzer.Analyze("Note.\n{{< orbit_review >}}\nWhat is the capital of Peru? 😀\nLima.\nWhich river flows through Manaus?\nThe Amazon.\n{{< /orbit_review >}}\n");
        using var questions = IndexedQuestions.Of(analysis);
        Assert.Equal(2, questions.Count);
        Assert.Equal("What is the capital of Peru? 😀Which river flows through Manaus?", questions.Texts);
        Assert.Equal("Which river flows through Manaus?", questions[1].Question);
        Assert.Equal(new TextPosition(4, 0), questions[1].QuestionRange.Start);
        Assert.Equal(new TextPosition(2, 0), questions.EntryAt(0).Range.Start);
        Assert.Equal(BlockForm.Shortcode, questions.EntryAt(0).Form);
        var found = new List<(string, int)>();
        questions.Match("rvr", (q, score) => found.Add((q.Question, score)));
        Assert.Equal([("Which river flows through Manaus?", WorkspaceSymbols.Score("Which river flows through Manaus?", "rvr")!.Value)], found);

        var copy = IndexedQuestions.FromParts(questions.Texts, [questions.EntryAt(0), questions.EntryAt(1)])!;
        Assert.Equal(questions.Texts, copy.Texts);
        Assert.Equal(questions[0], copy[0]);
        Assert.Null(IndexedQuestions.FromParts("short", [questions.EntryAt(1)]));
        Assert.Same(IndexedQuestions.Empty, IndexedQuestions.FromParts("", []));
    }

    [Fact]
    public void Disposed_questions_are_found_by_no_search_and_cannot_be_read()
    {
        var analysis = NoteAnalyzer.Analyze("Note.\n{{< orbit_review >}}\nQ one?\nA.\n{{< /orbit_review >}}\n");
        var questions = IndexedQuestions.Of(analysis);
        questions.Dispose();
        questions.Dispose();
        int found = 0;
        questions.Match("", (_, _) => found++);
        Assert.Equal(0, found);
        Assert.Equal("", questions.Texts);
        Assert.Throws<ObjectDisposedException>(() => questions[0]);
        IndexedQuestions.Empty.Dispose();
        IndexedQuestions.Empty.Match("", (_, _) => found++);
        Assert.Equal(0, found);
    }
}
