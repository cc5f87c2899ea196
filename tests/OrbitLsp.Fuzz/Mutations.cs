using System.Text;

namespace OrbitLsp.Fuzz;

/// <summary>
/// The changes a case makes to its seed: the inputs that break text tools (line endings, surrogate
/// pairs and lone halves, byte-order marks, NUL, tabs and no-break spaces, shortcode delimiters
/// split, huge lines, deep nesting), and edits that move text between notes.
/// </summary>
public static class Mutations
{
    public delegate string Mutation(string text, Random random, Seeds seeds);

    public static readonly (string Name, int Weight, Mutation Apply)[] All =
    [
        ("line-endings", 10, LineEndings),
        ("surrogates", 8, Surrogates),
        ("bom", 3, Bom),
        ("nul", 3, Nul),
        ("tabs-nbsp", 8, TabsAndNbsp),
        ("split-delimiter", 12, SplitDelimiter),
        ("huge-line", 1, HugeLine),
        ("deep-nesting", 2, DeepNesting),
        ("splice", 8, Splice),
        ("delete", 6, Delete),
        ("duplicate", 5, Duplicate),
        ("swap-lines", 5, SwapLines),
        ("controls", 4, Controls),
        ("truncate", 3, Truncate),
        ("insert-piece", 12, InsertPiece),
    ];

    private static readonly int TotalWeight = All.Sum(m => m.Weight);

    /// <summary>Zero to four mutations, most cases at least one; their names in order.</summary>
    public static (string Text, List<string> Applied) Apply(string text, Random random, Seeds seeds)
    {
        var applied = new List<string>();
        int count = random.Next(10) switch { 0 or 1 => 0, < 6 => 1, < 9 => 2, _ => random.Next(3, 5) };
        for (int i = 0; i < count; i++)
        {
            int pick = random.Next(TotalWeight);
            foreach (var (name, weight, apply) in All)
            {
                if ((pick -= weight) >= 0) continue;
                text = apply(text, random, seeds);
                applied.Add(name);
                break;
            }
        }
        return (text, applied);
    }

    private static int At(string text, Random random) => random.Next(text.Length + 1);

    private static string LineEndings(string text, Random random, Seeds seeds)
    {
        string lf = text.Replace("\r\n", "\n");
        switch (random.Next(5))
        {
            case 0: return lf.Replace("\n", "\r\n");
            case 1: return lf;
            case 2: return lf.Replace("\n", "\r");
            default:
                // Mixed: each line break becomes one of the three (or a stray \r before it).
                var sb = new StringBuilder(lf.Length + 64);
                foreach (char c in lf)
                {
                    if (c != '\n') { sb.Append(c); continue; }
                    sb.Append(random.Next(5) switch { 0 => "\r\n", 1 => "\r", 2 => "\r\r\n", _ => "\n" });
                }
                return sb.ToString();
        }
    }

    private static string Surrogates(string text, Random random, Seeds seeds)
    {
        string[] inserts = ["😀", "𝔸", "\uD83D", "\uDE00", "\uDE00\uD83D", "🧠🧠", "a\uD800b"];
        int times = random.Next(1, 6);
        for (int i = 0; i < times; i++)
        {
            int at = At(text, random);
            if (random.Next(4) == 0 && text.Length > 0)
            {
                // Cut a pair in half, if there is one near.
                int pair = text.IndexOf('\uD83D', Math.Min(at, text.Length - 1));
                if (pair >= 0 && pair + 1 < text.Length && char.IsLowSurrogate(text[pair + 1]))
                {
                    text = random.Next(2) == 0 ? text.Remove(pair, 1) : text.Remove(pair + 1, 1);
                    continue;
                }
            }
            text = text.Insert(at, inserts[random.Next(inserts.Length)]);
        }
        return text;
    }

    private static string Bom(string text, Random random, Seeds seeds) =>
        random.Next(3) == 0 ? text.Insert(At(text, random), "\uFEFF") : "\uFEFF" + text;

    private static string Nul(string text, Random random, Seeds seeds)
    {
        for (int i = random.Next(1, 4); i > 0; i--) text = text.Insert(At(text, random), "\0");
        return text;
    }

    private static string TabsAndNbsp(string text, Random random, Seeds seeds)
    {
        var chars = text.ToCharArray();
        int changes = random.Next(1, 20);
        for (int i = 0; i < changes && chars.Length > 0; i++)
        {
            int at = random.Next(chars.Length);
            int space = Array.IndexOf(chars, ' ', at);
            if (space >= 0) chars[space] = random.Next(2) == 0 ? '\t' : '\u00A0';
        }
        text = new string(chars);
        // Lines that look blank but are not.
        if (random.Next(2) == 0)
        {
            int line = text.IndexOf('\n', At(text, random));
            if (line >= 0) text = text.Insert(line + 1, random.Next(3) switch { 0 => "\t\n", 1 => "\u00A0\n", _ => " \t\u00A0 \n" });
        }
        return text;
    }

    private static readonly string[] Delimiters = ["{{<", "{{%", ">}}", "%}}", "{{", "}}", "<!--", "-->", "```", "<orbit", "color=\"", "/orbit_review"];

    private static string SplitDelimiter(string text, Random random, Seeds seeds)
    {
        string delimiter = Delimiters[random.Next(Delimiters.Length)];
        var found = new List<int>();
        for (int i = text.IndexOf(delimiter, StringComparison.Ordinal); i >= 0 && found.Count < 200; i = text.IndexOf(delimiter, i + 1, StringComparison.Ordinal)) found.Add(i);
        if (found.Count == 0) return text.Insert(At(text, random), delimiter);
        int at = found[random.Next(found.Count)] + random.Next(1, delimiter.Length);
        return random.Next(6) switch
        {
            0 => text.Insert(at, "\n"),
            1 => text.Insert(at, " "),
            2 => text.Insert(at, "\r\n"),
            3 => text.Remove(at, 1),
            4 => text.Insert(at, text[at - 1].ToString()),
            _ => text.Insert(at, "\uD83D"),
        };
    }

    private static string HugeLine(string text, Random random, Seeds seeds)
    {
        string[] units = ["a", "{{<", "*", "😀", "$", " ", "\"", "<", "{{< orbit_review >}}", "\t", "x=\"y\" "];
        string unit = units[random.Next(units.Length)];
        // Lines of tags make a block each: thousands of blocks cost every feature a lot (fix-all one
        // analysis a round), so those lines are shorter.
        int length = unit.Contains("{{", StringComparison.Ordinal) ? random.Next(2_000, 20_000) : random.Next(10_000, 100_000);
        var sb = new StringBuilder(length + unit.Length);
        while (sb.Length < length) sb.Append(unit);
        int line = text.IndexOf('\n', At(text, random));
        return text.Insert(line < 0 ? text.Length : line + 1, sb.Append('\n').ToString());
    }

    private static string DeepNesting(string text, Random random, Seeds seeds)
    {
        int depth = random.Next(4) != 0 ? random.Next(10, 200) : random.Next(200, 1000);
        var sb = new StringBuilder();
        switch (random.Next(5))
        {
            case 0:
                for (int i = 0; i < depth; i++) sb.Append("{{< orbit_review >}}\nQ").Append(i).Append("?\n");
                for (int i = 0; i < depth; i++) if (random.Next(3) != 0) sb.Append("{{< /orbit_review >}}\n");
                break;
            case 1:
                for (int i = 0; i < depth; i++) sb.Append("<orbit-reviewarea>\n<orbit-prompt question=\"q\" answer=\"a\">\n");
                break;
            case 2:
                for (int i = 0; i < depth; i++) sb.Append("<!-- ").Append(i % 3 == 0 ? "```\n" : "\n");
                break;
            case 3:
                for (int i = 0; i < depth; i++) sb.Append(i % 2 == 0 ? "{{< orbit_review_start >}}\n" : "{{% orbit_review %}}\n");
                break;
            default:
                for (int i = 0; i < depth; i++) sb.Append("{{< figure src=\"{{< orbit_review >}}\" >}}");
                sb.Append('\n');
                break;
        }
        return text.Insert(At(text, random), sb.ToString());
    }

    private static string Splice(string text, Random random, Seeds seeds)
    {
        var (_, other) = seeds.Files[random.Next(seeds.Files.Count)];
        if (other.Length == 0) return text;
        int start = random.Next(other.Length), length = Math.Min(other.Length - start, random.Next(1, 2000));
        return text.Insert(At(text, random), other.Substring(start, length));
    }

    private static string Delete(string text, Random random, Seeds seeds)
    {
        if (text.Length == 0) return text;
        int start = random.Next(text.Length);
        return text.Remove(start, Math.Min(text.Length - start, random.Next(1, random.Next(2) == 0 ? 8 : 400)));
    }

    private static string Duplicate(string text, Random random, Seeds seeds)
    {
        if (text.Length == 0) return text;
        int start = random.Next(text.Length), length = Math.Min(text.Length - start, random.Next(1, 600));
        return text.Insert(At(text, random), text.Substring(start, length));
    }

    private static string SwapLines(string text, Random random, Seeds seeds)
    {
        var lines = text.Split('\n');
        if (lines.Length < 2) return text;
        for (int i = random.Next(1, 6); i > 0; i--)
        {
            int a = random.Next(lines.Length), b = random.Next(lines.Length);
            (lines[a], lines[b]) = (lines[b], lines[a]);
        }
        return string.Join('\n', lines);
    }

    private static string Controls(string text, Random random, Seeds seeds)
    {
        char[] controls = ['\u0001', '\u001B', '\u007F', '\u0085', '\u2028', '\u2029', '\v', '\f', '\u200B', '\uFFFE', '\uFFFF', '\u0308'];
        for (int i = random.Next(1, 6); i > 0; i--) text = text.Insert(At(text, random), controls[random.Next(controls.Length)].ToString());
        return text;
    }

    private static string Truncate(string text, Random random, Seeds seeds) => text.Length == 0 ? text : text[..random.Next(text.Length)];

    private static readonly string[] InsertedPieces =
    [
        "{{< orbit_review >}}\n", "{{< /orbit_review >}}\n", "{{<orbit_review color=\"bleu\">}}\n", "Q?\n", "A\n", "\n", "<orbit-reviewarea>\n",
        "{{< orbit_review color='red' >}}", "*\n", "***\n", "<div>\n", "---\n", "```\n", "<!--\n", "-->\n", "{{% orbit_review %}}\n",
        "{{< orbit_flashcard question=\"it's\" answer=\"a\" >}}\n", "<!-- orbitlsp-disable-next-line -->\n", "{{< orbit_review \"blue\" color=\"red\" >}}\n",
        "{{< orbit_review color=\"blue >}}\n", "{{<orbit_review/>}}\n", "{{< >}}\n", "$$\n", "\t\n", "\u00A0\n",
    ];

    private static string InsertPiece(string text, Random random, Seeds seeds)
    {
        for (int i = random.Next(1, 4); i > 0; i--)
        {
            int at = At(text, random);
            // At a line start half the time, where a tag or a prompt line does most.
            if (random.Next(2) == 0 && at < text.Length)
            {
                int nl = text.IndexOf('\n', at);
                at = nl < 0 ? text.Length : nl + 1;
            }
            text = text.Insert(at, InsertedPieces[random.Next(InsertedPieces.Length)]);
        }
        return text;
    }
}
