using System.Collections.Immutable;
using OrbitLsp.Core.Diagnostics;
using OrbitLsp.Core.Text;

namespace OrbitLsp.Core.Ide;

/// <summary>
/// The diagnostics overlapping a span, found by binary search on the analysis's diagnostics
/// (sorted by start) instead of a scan per block: a note of thousands of blocks stays fast.
/// </summary>
internal sealed class DiagnosticLookup
{
    private readonly ImmutableArray<NoteDiagnostic> _sorted;
    private readonly int[] _maxEnd;

    public DiagnosticLookup(ImmutableArray<NoteDiagnostic> sortedByStart)
    {
        _sorted = sortedByStart;
        _maxEnd = new int[_sorted.Length];
        int max = 0;
        for (int i = 0; i < _sorted.Length; i++) _maxEnd[i] = max = Math.Max(max, _sorted[i].Span.End);
    }

    /// <summary>Diagnostics whose span overlaps <paramref name="span"/>, or is empty and touches it.</summary>
    public IEnumerable<NoteDiagnostic> Overlapping(TextSpan span)
    {
        int lo = 0, hi = _sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) / 2;
            if (_sorted[mid].Span.Start < span.Start) lo = mid + 1;
            else hi = mid;
        }
        // Those starting before the span: only as far back as one might still reach into it.
        for (int j = lo - 1; j >= 0 && _maxEnd[j] >= span.Start; j--)
            if (Hits(_sorted[j].Span, span)) yield return _sorted[j];
        for (int j = lo; j < _sorted.Length && _sorted[j].Span.Start <= span.End; j++)
            if (Hits(_sorted[j].Span, span)) yield return _sorted[j];
    }

    private static bool Hits(TextSpan d, TextSpan span) => d.OverlapsWith(span) || (d.IsEmpty && span.Touches(d.Start));
}
