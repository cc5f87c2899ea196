using System.Collections.Concurrent;
using OrbitLsp.LanguageServer.Documents;
using OrbitLsp.LanguageServer.Protocol;

namespace OrbitLsp.LanguageServer.Features.Diagnostics;

/// <summary>
/// The part of a pulled report's result id that names an open note's own diagnostics. It names
/// the list that is sent, not the version it was made for: a keystroke that moves no diagnostic
/// (most prose, most of a card's text) keeps the id, so the client's pull after it is answered
/// "unchanged", with no list to write, send, read and set again in the editor. An id is the
/// generation of the first version that had its list (generations are never reused), so one id
/// never names two different lists.
/// </summary>
public sealed class DiagnosticResultIds(DocumentStore documents)
{
    private readonly ConcurrentDictionary<string, (int Generation, Diagnostic[] Items)> _last = new(StringComparer.Ordinal);

    /// <summary>The id of <paramref name="items"/>, the converted diagnostics of <paramref name="snapshot"/>.</summary>
    public int For(DocumentSnapshot snapshot, Diagnostic[] items)
    {
        if (_last.TryGetValue(snapshot.Uri, out var last) && (ReferenceEquals(last.Items, items) || last.Items.AsSpan().SequenceEqual(items)))
            return last.Generation;
        _last[snapshot.Uri] = (snapshot.Generation, items);
        documents.DropClosed(_last);
        return snapshot.Generation;
    }
}
