using System.Collections.Immutable;
using System.Runtime.InteropServices;
using System.Text;
using OrbitLsp.Core.Syntax;
using OrbitLsp.Core.Text;

namespace OrbitLsp.Core.Model;

/// <summary>
/// Turns an <c>orbit_review</c> block's inner text into prompt lines and prompts exactly as the
/// site's shortcode does (ORBIT-FORMAT §1): drop trailing '\n', split on '\n', trim spaces and
/// '*' at both ends, skip empty lines, pair the rest in order.
/// </summary>
internal static class ShortcodeBlockReader
{
    public const string DefaultColor = "purple";

    private static readonly List<(TextSpan Span, string Output, LineHazards Hazard)> NoItems = [];

    public static ReviewBlock Build(string text, ShortcodeCall open, ShortcodeCall? close,
        IReadOnlyList<ShortcodeCall> innerCalls, IReadOnlyList<ReviewBlock> nested, int innerEnd, bool selfClosed = false, NestedOutputBudget? budget = null)
    {
        var inner = selfClosed ? new TextSpan(open.Span.End, 0) : TextSpan.FromBounds(open.Span.End, Math.Max(open.Span.End, innerEnd));
        var colorParameter = open.GetNamed("color");
        string color = colorParameter is { Value.Length: > 0 } ? colorParameter.Value : DefaultColor;

        var items = NoItems;
        ImmutableArray<ShortcodeCall> ownCalls = [];
        if (innerCalls.Count + nested.Count > 0)
        {
            items = new List<(TextSpan Span, string Output, LineHazards Hazard)>(innerCalls.Count + nested.Count);
            budget ??= new NestedOutputBudget();
            foreach (var n in nested) items.Add((n.Span, NestedOutput(n, budget), LineHazards.NestedBlock));
            ownCalls = OwnCalls(innerCalls, nested);
            foreach (var c in ownCalls)
                items.Add(c.IsEscaped ? (c.Span, EscapedOutput(text, c), LineHazards.None) : (c.Span, text.Substring(c.Span.Start, c.Span.Length), LineHazards.ShortcodeCall));
            items.Sort((a, b) => a.Span.Start.CompareTo(b.Span.Start));
        }

        var (lines, dropped, crlf) = SplitLines(text, inner, items);
        var prompts = Pair(lines);
        var block = new ReviewBlock
        {
            Form = BlockForm.Shortcode,
            Open = open,
            Close = close,
            Span = TextSpan.FromBounds(open.Span.Start, close?.Span.End ?? inner.End),
            InnerSpan = inner,
            IsClosed = close is not null || selfClosed,
            IsSelfClosed = selfClosed,
            Color = color,
            ColorParameter = colorParameter,
            Lines = lines,
            DroppedLines = dropped,
            Prompts = prompts,
            InnerCalls = ownCalls,
            NestedBlocks = nested.Count == 0 ? [] : [.. nested],
            CrlfLineCount = crlf,
        };
        foreach (var n in nested) n.Parent = block;
        PairingAnalyzer.Analyze(block);
        return block;
    }

    // Apart from Build, whose every call would otherwise allocate the lambda's closure.
    private static ImmutableArray<ShortcodeCall> OwnCalls(IReadOnlyList<ShortcodeCall> innerCalls, IReadOnlyList<ReviewBlock> nested) =>
        [.. innerCalls.Where(c => !nested.Any(n => n.Span.Contains(c.Span)))];

    public static ImmutableArray<Prompt> Pair(ImmutableArray<PromptLine> lines)
    {
        var prompts = new Prompt[(lines.Length + 1) / 2];
        for (int i = 0; i < lines.Length; i += 2)
        {
            var q = lines[i];
            var a = i + 1 < lines.Length ? lines[i + 1] : null;
            // The lines are the whole prompt: its spans and text are read from them.
            prompts[i / 2] = new Prompt { Index = i / 2, QuestionLine = q, AnswerLine = a };
        }
        return ImmutableCollectionsMarshal.AsImmutableArray(prompts);
    }

    private static (ImmutableArray<PromptLine> Lines, ImmutableArray<TextSpan> Dropped, int Crlf) SplitLines(
        string text, TextSpan inner, List<(TextSpan Span, string Output, LineHazards Hazard)> items)
    {
        // Collected in the thread's scratch list and copied once into an array of the exact size.
        var lines = t_lines ??= [];
        lines.Clear();
        ImmutableArray<TextSpan>.Builder? dropped = null;
        int crlf = 0, group = 0, itemIndex = 0;
        bool groupHasLines = false;
        int cursor = inner.Start, lineStart = inner.Start;
        StringBuilder? composed = null;
        var lineHazards = LineHazards.None;
        bool literalText = false; // text of the author's own beside a call on the same line

        void FinishLine(int lineEnd)
        {
            var raw = TextSpan.FromBounds(lineStart, lineEnd);
            if (lineEnd > lineStart && text[lineEnd - 1] == '\r' && lineEnd < text.Length && text[lineEnd] == '\n') crlf++;
            PromptLine? line;
            if (composed is null) line = PlainLine(text, raw, group);
            else
            {
                literalText |= HasContent(text, cursor, lineEnd);
                composed.Append(text, cursor, lineEnd - cursor);
                string published = composed.ToString().Trim(TrimChars);
                // A call written inside a sentence is replaced in place: it adds no line. Only a
                // call standing alone on its line makes a prompt line of its own.
                var hazards = literalText ? lineHazards & ~LineHazards.ShortcodeCall : lineHazards;
                line = published.Length == 0 ? null : new PromptLine(text, raw, TrimSpan(text, raw), hazards, group, published);
            }
            if (line is null)
            {
                if (!IsSpaceOnly(text, raw)) (dropped ??= ImmutableArray.CreateBuilder<TextSpan>()).Add(raw);
                if (groupHasLines) { group++; groupHasLines = false; }
            }
            else if (line.Has(LineHazards.InvisibleOnly))
            {
                line.Group = -1;
                lines.Add(line);
                if (groupHasLines) { group++; groupHasLines = false; }
            }
            else
            {
                line.Group = group;
                lines.Add(line);
                groupHasLines = true;
            }
            composed = null;
            lineHazards = LineHazards.None;
            literalText = false;
        }

        while (cursor <= inner.End)
        {
            int searchEnd = inner.End;
            int nl = cursor < searchEnd ? text.IndexOf('\n', cursor, searchEnd - cursor) : -1;
            int lineEnd = nl < 0 ? inner.End : nl;
            if (itemIndex < items.Count && items[itemIndex].Span.Start < lineEnd)
            {
                var item = items[itemIndex++];
                composed ??= new StringBuilder();
                literalText |= HasContent(text, cursor, item.Span.Start);
                composed.Append(text, cursor, item.Span.Start - cursor).Append(item.Output);
                lineHazards |= item.Hazard;
                cursor = Math.Min(item.Span.End, inner.End);
                continue;
            }
            FinishLine(lineEnd);
            if (nl < 0) break;
            cursor = lineStart = nl + 1;
        }
        var result = new PromptLine[lines.Count];
        for (int i = 0; i < result.Length; i++) (result[i] = lines[i]).Index = i;
        lines.Clear();
        if (lines.Capacity > MaxKeptLines) t_lines = null;
        return (ImmutableCollectionsMarshal.AsImmutableArray(result), dropped?.ToImmutable() ?? [], crlf);
    }

    // NOTE: SplitLines calls nothing that reads another block, so one list per thread is enough.
    // A block of more lines than this gets a list of its own, which is not kept.
    [ThreadStatic] private static List<PromptLine>? t_lines;
    private const int MaxKeptLines = 4096;

    private static readonly char[] TrimChars = [' ', '*'];

    private static bool HasContent(string text, int from, int to)
    {
        for (int i = from; i < to; i++)
            if (!char.IsWhiteSpace(text[i]) && text[i] != '*') return true;
        return false;
    }

    private static TextSpan TrimSpan(string text, TextSpan raw)
    {
        int s = raw.Start, e = raw.End;
        while (s < e && (text[s] == ' ' || text[s] == '*')) s++;
        while (e > s && (text[e - 1] == ' ' || text[e - 1] == '*')) e--;
        return TextSpan.FromBounds(s, e);
    }

    private static bool IsSpaceOnly(string text, TextSpan raw)
    {
        for (int i = raw.Start; i < raw.End; i++)
            if (text[i] != ' ') return false;
        return true;
    }

    private static PromptLine? PlainLine(string text, TextSpan raw, int group)
    {
        var content = TrimSpan(text, raw);
        if (content.IsEmpty) return null;
        var hazards = LineHazards.None;
        if (IsInvisible(text, content)) hazards |= LineHazards.InvisibleOnly;
        else if (IsMarkupOnly(text.AsSpan(content.Start, content.Length))) hazards |= LineHazards.MarkupOnly;
        if (text[content.End - 1] == '\r') hazards |= LineHazards.CarriageReturn;
        int lead = raw.Start;
        while (lead < raw.End && text[lead] == ' ') lead++;
        int trail = raw.End;
        while (trail > lead && text[trail - 1] == ' ') trail--;
        if (content.Start > lead || content.End < trail) hazards |= LineHazards.StrippedAsterisks;
        return new PromptLine(text, raw, content, hazards, group, null);
    }

    /// <summary>Nothing a reader would see: white space the shortcode keeps, or zero-width characters.</summary>
    internal static bool IsInvisible(string text, TextSpan span)
    {
        for (int i = span.Start; i < span.End; i++)
        {
            char c = text[i];
            if (!char.IsWhiteSpace(c) && c is not ('\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF')) return false;
        }
        return true;
    }

    /// <summary>One HTML tag or comment alone on the line, such as a leftover <c>&lt;orbit-reviewarea&gt;</c>.</summary>
    internal static bool IsMarkupOnly(ReadOnlySpan<char> s)
    {
        s = s.Trim();
        if (s.Length < 3 || s[0] != '<' || s[^1] != '>') return false;
        if (s.StartsWith("<!--")) return s.EndsWith("-->");
        int p = 1;
        if (s[p] == '/') p++;
        if (p >= s.Length || !char.IsAsciiLetter(s[p])) return false;
        // A single tag: no other '<' or '>' between the ends.
        return s[1..^1].IndexOfAny('<', '>') < 0;
    }

    private static string EscapedOutput(string text, ShortcodeCall call)
    {
        // Hugo prints an escaped call without its comment markers.
        string raw = text.Substring(call.Span.Start, call.Span.Length);
        int open = raw.IndexOf("/*", StringComparison.Ordinal);
        int close = raw.LastIndexOf("*/", StringComparison.Ordinal);
        // An escaped call never closed runs to the line end: its "*/" may overlap the "/*" ("{{</*/>}}").
        return open >= 0 && close >= open + 2 ? raw[..open] + raw[(open + 2)..close] + raw[(close + 2)..] : raw;
    }

    /// <summary>
    /// The HTML a nested block turns into, on one line, as the shortcode writes it; cut with an
    /// ellipsis where the parse's <paramref name="budget"/> runs out.
    /// </summary>
    private static string NestedOutput(ReviewBlock nested, NestedOutputBudget budget)
    {
        var sb = new StringBuilder("<orbit-reviewarea color=\"").Append(GoTemplateEscape.Attribute(nested.Color)).Append("\">");
        foreach (var p in nested.Prompts)
        {
            if (sb.Length > budget.Left) break;
            sb.Append("<orbit-prompt question=\"").Append(GoTemplateEscape.Attribute(p.Question))
              .Append("\" answer=\"").Append(GoTemplateEscape.Attribute(p.Answer)).Append("\"></orbit-prompt>");
        }
        if (sb.Length > budget.Left)
        {
            int cut = Math.Max(0, budget.Left);
            sb.Length = cut > 0 && char.IsHighSurrogate(sb[cut - 1]) ? cut - 1 : cut;
            sb.Append('…');
        }
        else sb.Append("</orbit-reviewarea>");
        budget.Left -= sb.Length;
        return sb.ToString();
    }
}

/// <summary>
/// How many characters of nested blocks' output one parse may still write. A nested block's output
/// holds the output of the blocks nested in it, escaped once more at every level (as the shortcode
/// writes it), so n blocks nested in each other make O(n³) characters: 400 levels took 50 s and
/// 1.8 GB. Past the budget the output is cut with an ellipsis; a nested block is an error (OL007)
/// whatever it publishes, and no real note comes near it.
/// </summary>
internal sealed class NestedOutputBudget
{
    public int Left { get; set; } = 256 * 1024;
}
