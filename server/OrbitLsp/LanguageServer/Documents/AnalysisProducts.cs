using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using OrbitLsp.Core.Analysis;

namespace OrbitLsp.LanguageServer.Documents;

/// <summary>
/// What features make from an analysed version for a whole note (semantic tokens, symbols, where
/// the code lenses stand), kept as long as the analysis is. A version reached from its basis by
/// prose edits alone answers exactly as the basis does (<see cref="DocumentSnapshot.ProseSource"/>),
/// so once analysed itself it shares the basis's products: the analysis made when typing pauses
/// does not make them all again for the requests VS Code sends right after (for a 1 MB note, tokens
/// 5.5 ms, symbols 3.4 ms and 2.4 MB each time).
/// </summary>
public sealed class AnalysisProducts
{
    private static readonly ConditionalWeakTable<NoteAnalysis, AnalysisProducts> Table = [];

    private readonly ConcurrentDictionary<object, object> _made = new();

    /// <summary>The products of <paramref name="analysis"/>.</summary>
    public static AnalysisProducts Of(NoteAnalysis analysis) => Table.GetValue(analysis, static _ => new AnalysisProducts());

    /// <summary><paramref name="successor"/> (of a version typed on <paramref name="basis"/> by prose edits only) has the basis's products.</summary>
    public static void Share(NoteAnalysis successor, NoteAnalysis basis) => Table.AddOrUpdate(successor, Of(basis));

    /// <summary>
    /// The product named <paramref name="key"/> (what it is and what it depends on besides the
    /// analysis: the note's uri, the position encoding, the client's options), made on first use.
    /// Two threads asking at once may both make it; one is kept.
    /// </summary>
    public T Get<T>(object key, Func<T> make) where T : class => (T)_made.GetOrAdd(key, static (_, make) => make(), make);
}
