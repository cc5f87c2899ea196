using System.Collections.Immutable;
using OrbitLsp.Core.Analysis;
using OrbitLsp.Core.Text;

namespace OrbitLsp.Core.Ide;

/// <summary>A prompt found by a workspace-wide search: its question, the note it is in and where.</summary>
public sealed record PromptSymbol(string Name, string File, TextSpan Span, TextSpan SelectionSpan, string ContainerName, int Score);

/// <summary>Search across notes: questions whose text holds the query's characters in order, any case.</summary>
public static class WorkspaceSymbols
{
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
    public static int? Score(string text, string query)
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
