using System.Text;
using OrbitLsp.Core.Text;
using OrbitLsp.LanguageServer.Protocol;

namespace OrbitLsp.LanguageServer.Documents;

/// <summary>
/// Applies LSP content changes to a text exactly: each change to the result of the one before,
/// positions in the agreed encoding (UTF-16 code units by default, CRLF and surrogate pairs as
/// they are). A change that cannot be applied is reported, never guessed.
/// </summary>
public static class TextChanges
{
    public static (string? Text, string? Error) Apply(string text, LineMap? lines, IReadOnlyList<TextDocumentContentChangeEvent> changes, PositionEncoder encoder)
    {
        for (int i = 0; i < changes.Count; i++)
        {
            var change = changes[i];
            if (change.Text is null) return (null, $"change {i + 1} has no text");
            if (change.Range is not { } range)
            {
                text = change.Text;
                lines = null;
                continue;
            }
            if (range.Start is null || range.End is null) return (null, $"change {i + 1} has an incomplete range");
            lines ??= LineMap.Create(text);
            int? start = encoder.ToOffset(lines, text, range.Start);
            int? end = encoder.ToOffset(lines, text, range.End);
            if (start is null || end is null)
                return (null, $"change {i + 1} is out of range: {Show(range)} in a text of {lines.LineCount} lines");
            if (end < start) return (null, $"change {i + 1} ends before it starts: {Show(range)}");
            text = Replace(text, start.Value, end.Value, change.Text);
            lines = null;
        }
        return (text, null);
    }

    private static string Replace(string text, int start, int end, string insert) =>
        string.Create(text.Length - (end - start) + insert.Length, (text, start, end, insert), static (dest, s) =>
        {
            s.text.AsSpan(0, s.start).CopyTo(dest);
            s.insert.AsSpan().CopyTo(dest[s.start..]);
            s.text.AsSpan(s.end).CopyTo(dest[(s.start + s.insert.Length)..]);
        });

    private static string Show(Protocol.Range r) => $"{r.Start.Line}:{r.Start.Character}-{r.End.Line}:{r.End.Character}";
}
