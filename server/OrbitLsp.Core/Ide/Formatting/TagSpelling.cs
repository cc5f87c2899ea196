using System.Text;
using OrbitLsp.Core.Model;
using OrbitLsp.Core.Syntax;
using OrbitLsp.Core.Text;

namespace OrbitLsp.Core.Ide;

/// <summary>
/// One spelling of an <c>orbit_review</c> block's tags: <c>{{&lt; orbit_review color="x" &gt;}}</c>
/// and <c>{{&lt; /orbit_review &gt;}}</c>, each in the notation it is written in.
/// </summary>
internal static class TagSpelling
{
    public static IEnumerable<TextEdit> Edits(string text, ReviewBlock block)
    {
        if (Opening(text, block.Open!) is { } open) yield return new TextEdit(block.Open!.Span, open);
        yield return new TextEdit(block.Close!.Span, Delimiters(block.Close!.Notation, "/orbit_review"));
    }

    /// <summary>
    /// The opening tag respelled, or null when it is better left as written. Only named parameters
    /// are respelled, each as <c>name="value"</c>, in their order: a positional or single-quoted
    /// value means something else to Hugo than its double-quoted twin (ignored, or quotes kept in
    /// the colour), so such a tag stays as it is.
    /// </summary>
    // NOTE: a tag without color is not given color="purple": the page is the same either way, and
    // the formatter does not write what the author did not.
    private static string? Opening(string text, ShortcodeCall open)
    {
        var inner = new StringBuilder("orbit_review");
        foreach (var p in open.Parameters)
        {
            if (!p.IsNamed || p.Quoting == ParameterQuoting.Single) return null;
            if (p.ValueSpan.Start > 0 && text[p.ValueSpan.Start - 1] == '\\') return null;
            inner.Append(' ').Append(p.Name).Append('=');
            if (p.Quoting == ParameterQuoting.Double) inner.Append(text, p.ValueSpan.Start, p.ValueSpan.Length);
            else if (IsPlainWord(p.Value)) inner.Append('"').Append(p.Value).Append('"');
            else return null;
        }
        return Delimiters(open.Notation, inner.ToString());
    }

    /// <summary>A value that reads the same in double quotes: letters, digits, '-' and '_' (no quote of any kind).</summary>
    private static bool IsPlainWord(string value) =>
        value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static string Delimiters(ShortcodeNotation notation, string inner) =>
        notation == ShortcodeNotation.Angle ? $"{{{{< {inner} >}}}}" : $"{{{{% {inner} %}}}}";
}
