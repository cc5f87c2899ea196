namespace OrbitLsp.Fuzz;

/// <summary>
/// Random edits as editors send them: inserts (characters, line breaks in any style, surrogate
/// pairs and lone halves, tags, prompt lines), deletions and replacements. An edit never starts or
/// ends inside a CRLF or a surrogate pair: no LSP position names those places in every encoding.
/// </summary>
public static class TypingEdits
{
    private static readonly string[] Inserts =
    [
        "x", "x", "x", " ", "\n", "\n", "\r\n", "\r", "😀", "\uD83D", "\uDE00", "é", "\t", "\u00A0", "*", "\"", "{", "}", "<", ">", "%", "=",
        "{{< orbit_review >}}\n", "{{< /orbit_review >}}", "{{< /orbit_review >}}\n", "Q?\nA\n", "Question?\n", "<orbit-reviewarea>\n",
        "{{<orbit_review color=\"blue\">}}", "<!--", "-->", "```\n", "---\n", "\n\n", "",
    ];

    public static (int Start, int End, string Insert) Next(string text, Random random)
    {
        int start = random.Next(text.Length + 1);
        int end = random.Next(4) switch
        {
            0 => start + random.Next(1, 4),
            1 when random.Next(3) == 0 => start + random.Next(4, 200),
            _ => start,
        };
        end = Math.Min(end, text.Length);
        start = Snap(text, start, back: true);
        end = Math.Max(start, Snap(text, end, back: false));
        string insert = random.Next(8) == 0 ? Paste(text, random) : Inserts[random.Next(Inserts.Length)];
        if (insert.Length == 0 && start == end) insert = "x";
        return (start, end, insert);
    }

    /// <summary>A piece of the note itself, as a paste brings it.</summary>
    private static string Paste(string text, Random random)
    {
        int from = random.Next(text.Length + 1);
        return text.Substring(from, Math.Min(text.Length - from, random.Next(1, 120)));
    }

    /// <summary>The nearest place at or before (or after) the offset that is not inside a CRLF or a surrogate pair.</summary>
    public static int Snap(string text, int offset, bool back)
    {
        while (offset > 0 && offset < text.Length &&
               ((text[offset - 1] == '\r' && text[offset] == '\n') || (char.IsHighSurrogate(text[offset - 1]) && char.IsLowSurrogate(text[offset]))))
            offset += back ? -1 : 1;
        return offset;
    }
}
