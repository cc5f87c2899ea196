using System.Collections.Immutable;

namespace OrbitLsp.Core.Model;

/// <summary>
/// A cloze prompt's text (<c>&lt;orbit-prompt cloze="…"&gt;</c>) read as Orbit reads it: each
/// deletion in single braces, none nested, no brace inside <c>$…$</c> math, a backslash escaping
/// the next character (ORBIT-FORMAT §4).
/// </summary>
public static class ClozeText
{
    /// <summary>A run of the text: shown as written, or a deletion (without its braces).</summary>
    public readonly record struct Part(string Text, bool Deleted);

    /// <summary>
    /// The text cut into runs and deletions, and what breaks it (null when it reads cleanly). A
    /// broken text is one run, as written.
    /// </summary>
    public static (ImmutableArray<Part> Parts, string? Problem) Read(string text)
    {
        var parts = ImmutableArray.CreateBuilder<Part>();
        int depth = 0, deletions = 0, runStart = 0;
        bool inMath = false;
        string? problem = null;
        for (int i = 0; i < text.Length && problem is null; i++)
        {
            char c = text[i];
            if (c == '\\') { i++; continue; }
            if (c == '$') inMath = !inMath;
            else if (c == '{')
            {
                if (inMath) problem = "a brace inside $…$ math collides with the cloze braces";
                else if (++depth > 1) problem = "cloze deletions cannot be nested";
                else
                {
                    if (i > runStart) parts.Add(new Part(text[runStart..i], false));
                    runStart = i + 1;
                }
            }
            else if (c == '}')
            {
                if (inMath) problem = "a brace inside $…$ math collides with the cloze braces";
                else if (--depth < 0) problem = "a '}' closes no deletion";
                else
                {
                    deletions++;
                    parts.Add(new Part(text[runStart..i], true));
                    runStart = i + 1;
                }
            }
        }
        if (problem is null && depth > 0) problem = "a '{' is never closed";
        if (problem is null && deletions == 0) problem = "there is no {deletion} in it";
        if (problem is not null) return ([new Part(text, false)], problem);
        if (runStart < text.Length) parts.Add(new Part(text[runStart..], false));
        return (parts.ToImmutable(), null);
    }
}
