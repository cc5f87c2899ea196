using System.Text.RegularExpressions;
using OrbitLsp.Core.Syntax;
using OrbitLsp.Core.Text;

namespace OrbitLsp.Core.Ide;

internal enum TagPlace
{
    None,

    /// <summary>Right after <c>{{&lt;</c> or <c>{{%</c>: a shortcode name is being typed.</summary>
    Name,

    /// <summary>After <c>{{&lt;/</c>: a closing tag's name.</summary>
    ClosingName,

    /// <summary>In an opening tag, where a parameter name goes.</summary>
    ParameterName,

    /// <summary>In the value of a <c>color</c> parameter or attribute.</summary>
    ColorValue,
}

/// <summary>
/// Where the cursor is in a shortcode tag being typed, read from the raw text (the tag is often
/// unfinished, so the parsed calls cannot tell). <see cref="Replace"/> is the typed text a
/// suggestion replaces; <see cref="Typed"/> is the part of it before the cursor.
/// </summary>
internal sealed record TagContext(TagPlace Place, ShortcodeNotation Notation, int TagStart, TextSpan Replace, string Typed, char Quote, string? Name, string Written)
{
    private const int MaxTagLength = 1000;

    private static readonly Regex ColorValue = new(@"(?:^|\s)color=(?<q>[""'`]?)(?<v>[A-Za-z]*)\z", RegexOptions.CultureInvariant);
    private static readonly Regex HtmlColorValue = new(@"<orbit-reviewarea\b[^<>]*\scolor=(?<q>[""']?)(?<v>[A-Za-z]*)\z", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);
    // NOTE: \z, not $: $ also matches before a final '\n', and a value would then run over the line break.
    private static readonly Regex ParameterName = new(@"\s(?<v>[A-Za-z]*)\z", RegexOptions.CultureInvariant);

    public static TagContext Read(string text, int offset)
    {
        int from = Math.Max(0, offset - MaxTagLength);
        int open = offset >= 2 ? text.LastIndexOf("{{", offset - 1, offset - from, StringComparison.Ordinal) : -1;
        int closed = offset >= 2 ? text.LastIndexOf("}}", offset - 1, offset - from, StringComparison.Ordinal) : -1;
        if (open < 0 || closed > open || open + 3 > offset || text[open + 2] is not ('<' or '%'))
            return ReadHtml(text, offset);
        var notation = text[open + 2] == '<' ? ShortcodeNotation.Angle : ShortcodeNotation.Percent;
        int afterDelimiter = open + 3;
        string written = text[afterDelimiter..offset];
        int p = 0;
        while (p < written.Length && written[p] is ' ' or '\t' or '\n' or '\r') p++;
        if (written.AsSpan(p).StartsWith("/*")) return None;
        bool closing = p < written.Length && written[p] == '/';
        if (closing)
        {
            p++;
            while (p < written.Length && written[p] is ' ' or '\t') p++;
        }
        int nameStart = p;
        while (p < written.Length && (char.IsAsciiLetterOrDigit(written[p]) || written[p] is '_' or '-')) p++;
        if (p == written.Length)
        {
            // NOTE: a completion edits one line: a name typed on a later line than its delimiter gets none.
            if (written.AsSpan(0, nameStart).IndexOfAny('\n', '\r') >= 0) return None;
            // The name is being typed: replace from the delimiter to the end of the tag if it is already there.
            var replace = TextSpan.FromBounds(afterDelimiter, EndOfTyping(text, offset, notation));
            return new TagContext(closing ? TagPlace.ClosingName : TagPlace.Name, notation, open, replace,
                written[..nameStart], '\0', written[nameStart..], written);
        }
        if (closing) return None;
        string name = written[nameStart..p];
        string parameters = written[p..];
        if (ColorValue.Match(parameters) is { Success: true } m) return ColorContext(text, offset, notation, open, m, name);
        if (Unbalanced(parameters)) return None;
        if (ParameterName.Match(parameters) is { Success: true } n)
        {
            int start = offset - n.Groups["v"].Length;
            int end = offset;
            while (end < text.Length && char.IsAsciiLetter(text[end])) end++;
            return new TagContext(TagPlace.ParameterName, notation, open, TextSpan.FromBounds(start, end), n.Groups["v"].Value, '\0', name, written);
        }
        return None;
    }

    private static TagContext None { get; } = new(TagPlace.None, ShortcodeNotation.Angle, -1, default, "", '\0', null, "");

    private static TagContext ReadHtml(string text, int offset)
    {
        if (offset == 0) return None;
        int lineStart = text.LastIndexOf('\n', offset - 1) + 1;
        var m = HtmlColorValue.Match(text, lineStart, offset - lineStart);
        return m.Success ? ColorContext(text, offset, ShortcodeNotation.Angle, m.Index, m, "orbit-reviewarea") : None;
    }

    private static TagContext ColorContext(string text, int offset, ShortcodeNotation notation, int open, Match m, string name)
    {
        char quote = m.Groups["q"].Length > 0 ? m.Groups["q"].Value[0] : '\0';
        int start = offset - m.Groups["v"].Length;
        int end = offset;
        while (end < text.Length && char.IsAsciiLetter(text[end])) end++;
        // A single quote is not a quote to Hugo: the suggestion rewrites the value in double quotes.
        if (quote == '\'')
        {
            start--;
            if (end < text.Length && text[end] == '\'') end++;
        }
        return new TagContext(TagPlace.ColorValue, notation, open, TextSpan.FromBounds(start, end), text[start..offset], quote, name, "");
    }

    /// <summary>The cursor, or past <c>&gt;}}</c> when only spaces separate them on the line (an editor may have closed the tag).</summary>
    private static int EndOfTyping(string text, int offset, ShortcodeNotation notation)
    {
        int p = offset;
        while (p < text.Length && text[p] is ' ' or '\t') p++;
        string delimiter = notation == ShortcodeNotation.Angle ? ">}}" : "%}}";
        return string.CompareOrdinal(text, p, delimiter, 0, 3) == 0 ? p + 3 : offset;
    }

    /// <summary>True inside an unfinished quoted value.</summary>
    private static bool Unbalanced(string parameters)
    {
        int quotes = 0, backticks = 0;
        for (int i = 0; i < parameters.Length; i++)
        {
            if (parameters[i] == '\\') { i++; continue; }
            if (parameters[i] == '"' && backticks % 2 == 0) quotes++;
            else if (parameters[i] == '`' && quotes % 2 == 0) backticks++;
        }
        return quotes % 2 == 1 || backticks % 2 == 1;
    }
}
