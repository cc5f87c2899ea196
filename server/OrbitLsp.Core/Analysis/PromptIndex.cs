using System.Collections.Immutable;
using OrbitLsp.Core.Cards;
using OrbitLsp.Core.Config;
using OrbitLsp.Core.Diagnostics;
using OrbitLsp.Core.Text;

namespace OrbitLsp.Core.Analysis;

/// <summary>
/// The published prompts of many notes, to find the same card in two notes (OL090): Orbit
/// identifies a prompt by its text, so readers of both pages collect one card. Every copy is
/// reported, each pointing at another note's copy, so the result does not depend on which note
/// was read first. Thread-safe: notes may be added while others are asked about.
/// </summary>
public sealed class PromptIndex
{
    private readonly record struct Place(string File, TextRange Range);

    private readonly object _gate = new();
    private readonly Dictionary<(string Question, string Answer), List<Place>> _byPrompt = [];
    private readonly Dictionary<string, List<(string, string)>> _byFile = new(StringComparer.Ordinal);

    public int NoteCount
    {
        get { lock (_gate) return _byFile.Count; }
    }

    /// <summary>Records (or replaces) the published prompts of one note.</summary>
    public void Set(string file, NoteAnalysis analysis)
    {
        var entries = new List<((string, string) Key, TextRange Range)>();
        foreach (var (_, block) in CardExtractor.PublishedBlocks(analysis.Document))
        {
            if (block.IsHidden) continue;
            foreach (var p in block.Prompts)
                if (p.QuestionMemory.Length > 0)
                    entries.Add(((p.Question, p.Answer), analysis.Document.GetRange(p.Span)));
        }
        lock (_gate)
        {
            RemoveLocked(file);
            var keys = new List<(string, string)>(entries.Count);
            foreach (var (key, range) in entries)
            {
                if (!_byPrompt.TryGetValue(key, out var places)) _byPrompt[key] = places = [];
                places.Add(new Place(file, range));
                keys.Add(key);
            }
            _byFile[file] = keys;
        }
    }

    public void Remove(string file)
    {
        lock (_gate) RemoveLocked(file);
    }

    private void RemoveLocked(string file)
    {
        if (!_byFile.Remove(file, out var keys)) return;
        foreach (var key in keys)
        {
            if (!_byPrompt.TryGetValue(key, out var places)) continue;
            places.RemoveAll(p => p.File == file);
            if (places.Count == 0) _byPrompt.Remove(key);
        }
    }

    /// <summary>Every place whose prompt another note also publishes, with one such other place.</summary>
    public IReadOnlyList<(string File, TextRange Range, string OtherFile, TextRange OtherRange, int Notes)> DuplicatePlaces()
    {
        var result = new List<(string, TextRange, string, TextRange, int)>();
        lock (_gate)
        {
            foreach (var places in _byPrompt.Values)
            {
                int notes = places.Select(p => p.File).Distinct(StringComparer.Ordinal).Count();
                if (notes < 2) continue;
                foreach (var place in places)
                {
                    var other = places.Where(x => x.File != place.File).OrderBy(x => x.File, StringComparer.Ordinal).First();
                    result.Add((place.File, place.Range, other.File, other.Range, notes));
                }
            }
        }
        return result;
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
        lock (_gate)
        {
            if (_byPrompt.Count == 0) return [];
            foreach (var (_, block) in CardExtractor.PublishedBlocks(analysis.Document))
            {
                if (block.IsHidden) continue;
                foreach (var p in block.Prompts)
                {
                    if (p.QuestionMemory.Length == 0 || !_byPrompt.TryGetValue((p.Question, p.Answer), out var places)) continue;
                    var other = places.Where(x => x.File != file).OrderBy(x => x.File, StringComparer.Ordinal).FirstOrDefault();
                    if (other.File is null || analysis.IsSuppressed(Rules.DuplicateAcrossNotes.Code, p.Span.Start)) continue;
                    int notes = places.Select(x => x.File).Append(file).Distinct(StringComparer.Ordinal).Count();
                    result.Add(new NoteDiagnostic(Rules.DuplicateAcrossNotes, p.Span, Message(other.File, notes), severity, [new RelatedPlace(default, "the same prompt in another note", other.File, other.Range)]));
                }
            }
        }
        return result.ToImmutable();
    }
}
