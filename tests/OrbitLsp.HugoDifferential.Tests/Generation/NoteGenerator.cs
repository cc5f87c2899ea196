using System.Text;

namespace OrbitLsp.HugoDifferential.Tests.Generation;

/// <summary>
/// Deterministic random notes, written to probe where a reading of the source could part from
/// what Hugo publishes: call spellings, both notations, hidden and fenced blocks, prompt lines that
/// trimming and pairing treat oddly, CRLF, and a share of notes that break the site build. The
/// generator never predicts Hugo's output; Hugo renders each note and is the oracle.
/// </summary>
internal sealed class NoteGenerator(int seed)
{
    private static readonly string[] Words =
    [
        "orbit", "memory", "review", "prompt", "answer", "question", "spacing", "interval", "card",
        "recall", "the", "a", "of", "is", "what", "why", "how", "agent", "reward", "alignment",
        "gradient", "Bayes", "entropy", "Hubinger", "Krakovna", "naïve", "café", "日本語", "Ωmega",
        "😀", "𝔸lgebra", "🧠", "x²", "—", "…",
    ];

    private static readonly string[] Oddities =
    [
        "<", "&", "\"", "'", "<b>", "&amp;", "a>b", "`code`", "[link](http://x)", "_under_",
        "\\", "%", "{", "}", "$x^2$", "$\\frac{a}{b}$", "$$e^{i\\pi}$$", "#tag", "a*b", ">}}", "%}}",
        "{x}", "&#34;", "\u00a0", "\t",
        // Characters some readers take for line breaks or spaces; Hugo splits on \n only.
        "a\rb", "\u2028", "\u0085", "\f", "\u200b", "\ufeff", "\v",
    ];

    private static readonly string[] Colours =
    [
        "red", "orange", "brown", "yellow", "lime", "green", "turquoise", "cyan", "blue", "violet",
        "purple", "pink", "magenta",
    ];

    // Lines placed among the prompt lines; Hugo keeps, trims or drops each of them.
    private static readonly string[] HazardLines =
    [
        "", "", "", "\t", "\u00a0", "***", "   ", " * ", "**", "<orbit-reviewarea>",
        "<orbit-reviewarea color=\"blue\">", "</orbit-reviewarea>", "<div>", "</div>",
        "{{< figure src=\"x\" >}}", "<!-- note to self -->", "$$", "---", "- list item", "> quote",
        "# Heading", "1. item", "```", "<!--", "-->", "<orbit-prompt question=\"q\" answer=\"a\"></orbit-prompt>",
        "\r", "\u200b", "\f", " \u2028 ", "~~~", "    indented code", "| a | b |",
    ];

    private readonly Random random = new(seed);
    private readonly List<string> traits = [];

    public IReadOnlyList<Note> Generate(int count)
    {
        var notes = new List<Note>(count);
        for (var i = 0; i < count; i++)
        {
            traits.Clear();
            var text = NoteText();
            notes.Add(Note.Generated($"gen-{seed}-{i:D4}", string.Join(", ", traits), text));
        }
        return notes;
    }

    private bool Chance(double p) => random.NextDouble() < p;

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private string NoteText()
    {
        var breaking = Chance(0.18) ? random.Next(20) : -1;
        var body = new StringBuilder();
        var blockCount = random.Next(1, 5);
        var unclosed = breaking == 0 ? random.Next(blockCount) : -1;
        body.Append(Prose());
        for (var b = 0; b < blockCount; b++)
        {
            body.Append(Block(dropClose: b == unclosed));
            body.Append(Prose());
        }
        switch (breaking)
        {
            case 1: Insert(body, "{{</orbit_review>}}\n", "stray closing tag"); break;
            case 2: Insert(body, "{{<orbit_review color='blue'>}}\nq\na\n{{</orbit_review>}}\n", "color='blue'>}} (no space)"); break;
            case 3: Insert(body, "{{<orbit_review color=blue>}}\nq\na\n{{</orbit_review>}}\n", "color=blue>}} (no space)"); break;
            case 4: Insert(body, "{{< orbit_review \"blue\" color=\"red\" >}}\nq\na\n{{</orbit_review>}}\n", "positional then named"); break;
            case 5: Insert(body, "{{< orbit_review color=\"red\" \"blue\" >}}\nq\na\n{{</orbit_review>}}\n", "named then positional"); break;
            case 6: Insert(body, "{{< orbit_review >}}\nq\na\n{{< /orbit_flashcard >}}\n", "closing name differs"); break;
            case 7: Insert(body, "{{< orbit_review color=\"blue >}}\nq\na\n{{</orbit_review>}}\n", "unterminated quote"); break;
            case 8: Insert(body, "{{< >}}\n", "shortcode without a name"); break;
            case 9: Insert(body, "{{<orbit_review/>}}\n", "{{<orbit_review/>}}"); break;
            case 10: Insert(body, "{{< nosuch_shortcode >}}\n", "unknown shortcode"); break;
        }
        var text = FrontMatter(breaking) + body;
        if (Chance(0.1))
        {
            traits.Add("CRLF");
            text = text.Replace("\n", "\r\n");
        }
        if (Chance(0.03))
        {
            traits.Add("BOM");
            text = "\uFEFF" + text;
        }
        return text;
    }

    private void Insert(StringBuilder body, string text, string trait)
    {
        traits.Add("BREAKS: " + trait);
        var lines = body.ToString().Split('\n');
        // Between paragraphs only, so the insertion never lands inside a block.
        var gaps = Enumerable.Range(0, lines.Length).Where(i => lines[i].Length == 0).ToList();
        var at = gaps.Count > 0 ? Pick(gaps) : lines.Length;
        body.Clear().AppendJoin('\n', lines.Take(at)).Append('\n').Append(text).AppendJoin('\n', lines.Skip(at));
    }

    private string Title() => string.Join(' ', Enumerable.Range(0, random.Next(1, 5)).Select(_ => Pick(Words[..20])));

    private string FrontMatter(int breaking)
    {
        switch (breaking)
        {
            case 11: traits.Add("BREAKS: invalid YAML front matter"); return "---\ntitle: [broken\n---\n";
            case 12: traits.Add("BREAKS: front matter never closed"); return "---\ntitle: open\n\n";
            case 13: traits.Add("BREAKS: first line '- item', no front matter"); return "- item\n- another\n\n";
            case 14: traits.Add("BREAKS: invalid TOML front matter"); return "+++\ntitle = broken\n+++\n";
            case 15: traits.Add("BREAKS: first line '{', no front matter"); return "{not json}\n\n";
            case 16: traits.Add("BREAKS: first line is HTML, no front matter"); return "<div>intro</div>\n\n";
            case 17: traits.Add("BREAKS: one-line comment before front matter"); return "<!-- draft -->\n---\ntitle: t\n---\n";
            case 18: traits.Add("BREAKS: first line '----'"); return "----\n\n";
            case 19: traits.Add("BREAKS: invalid JSON front matter"); return "{\n  \"title\": \"t\",\n}\n";
        }
        var kind = random.NextDouble();
        if (kind < 0.07)
        {
            traits.Add("TOML front matter");
            return $"+++\ntitle = \"{Title()}\"\ndate = 2022-04-27\n+++\n";
        }
        if (kind < 0.12)
        {
            traits.Add("JSON front matter");
            return $"{{\n  \"title\": \"{Title()}\",\n  \"date\": \"2022-04-27\"\n}}\n";
        }
        if (kind < 0.22)
        {
            traits.Add("no front matter");
            return "";
        }
        var yaml = new StringBuilder();
        if (Chance(0.04))
        {
            traits.Add("blank line before front matter");
            yaml.Append('\n');
        }
        yaml.Append("---\n").Append($"title: \"{Title()}\"\n");
        yaml.Append(Chance(0.05) ? "date: 2022-13-45\n" : "date: 2022-04-27\n");
        if (Chance(0.5))
        {
            yaml.Append("lastmod: 2021-10-15\n");
        }
        if (Chance(0.3))
        {
            yaml.Append("tags: [\"orbit\", \"notes\"]\ntype: \"post\"\n# description: \"\"\n");
        }
        if (Chance(0.1))
        {
            traits.Add("draft");
            yaml.Append("draft: true\n");
        }
        return yaml.Append("---\n").ToString();
    }

    private string Prose()
    {
        var text = new StringBuilder("\n");
        for (var p = random.Next(0, 3); p > 0; p--)
        {
            text.Append(Sentence(random.Next(3, 14)).TrimStart('-', '+', '{', '#', '>', ' ', '*')).Append(".\n\n");
        }
        if (Chance(0.08))
        {
            text.Append("{{< figure src=\"https://example.org/x.gif\" title=\"Source: a figure\" >}}\n\n");
        }
        if (Chance(0.05))
        {
            traits.Add("escaped shortcode");
            text.Append("Write {{</* orbit_review */>}} and {{%/* /orbit_review */%}} to show them.\n\n");
        }
        if (Chance(0.05))
        {
            text.Append("```go\nfunc main() { fmt.Println(\"<orbit-reviewarea>\") }\n```\n\n");
        }
        if (Chance(0.02))
        {
            traits.Add("block in inline code");
            text.Append("Use `{{<orbit_review>}}` and `{{</orbit_review>}}` in a note.\n\n");
        }
        return text.ToString();
    }

    private string Sentence(int words)
    {
        var parts = new List<string>();
        for (var w = 0; w < words; w++)
        {
            parts.Add(Chance(0.12) ? Pick(Oddities) : Pick(Words));
        }
        return string.Join(' ', parts);
    }

    private string PromptLine()
    {
        var line = Sentence(random.Next(1, 9));
        if (Chance(0.3))
        {
            line += "?";
        }
        switch (random.Next(14))
        {
            case 0: line = "**" + line + "**"; break;
            case 1: line = "  " + line + "   "; break;
            case 2: line = "* " + line; break;
            case 3: line = line + " *"; break;
            case 4: line = "\t" + line; break;
            case 5: line = line + "\t"; break;
            case 6: line = " ** " + line + " **"; break;
            case 7: line = "\u00a0" + line; break;
        }
        return line;
    }

    private string Block(bool dropClose)
    {
        var form = random.NextDouble();
        if (form < 0.05)
        {
            return LegacyBlock();
        }
        if (form < 0.08)
        {
            return HtmlBlock();
        }
        var wrap = random.NextDouble();
        var percent = Chance(0.15);
        var (open, close) = Calls(percent);
        var lines = new List<string>();
        for (var n = random.Next(0, 9); n > 0; n--)
        {
            lines.Add(Chance(0.12) ? Pick(HazardLines) : PromptLine());
        }
        if (Chance(0.01))
        {
            traits.Add("nested block");
            lines.Insert(lines.Count / 2, "{{< orbit_review color=\"red\" >}}\ninner question\ninner answer\n{{< /orbit_review >}}");
        }
        var inner = string.Join('\n', lines);
        var text = new StringBuilder();
        // The inner text usually sits on its own lines; sometimes it touches a tag.
        text.Append(open).Append(Chance(0.06) && inner.Length > 0 ? "" : "\n").Append(inner);
        if (dropClose)
        {
            traits.Add("BREAKS: block never closed");
            text.Append('\n');
        }
        else
        {
            text.Append(Chance(0.06) ? "" : "\n").Append(close).Append('\n');
        }
        if (wrap < 0.08)
        {
            traits.Add("block in HTML comment");
            return "\n<!--\n" + text + "-->\n";
        }
        if (wrap < 0.11)
        {
            traits.Add(percent ? "{{% %}} block in code fence" : "block in code fence");
            return "\n```\n" + text + "```\n";
        }
        if (wrap < 0.14)
        {
            traits.Add("block in a list item");
            return "\n- item\n\n    " + text.ToString().Replace("\n", "\n    ").TrimEnd(' ');
        }
        if (wrap < 0.16)
        {
            traits.Add("block in a blockquote");
            return "\n> " + text.ToString().TrimEnd('\n').Replace("\n", "\n> ") + "\n";
        }
        if (wrap < 0.18)
        {
            traits.Add("self-closed call");
            return $"\n{{{{< orbit_review color=\"{Pick(Colours)}\" />}}}}\n" + inner + "\n";
        }
        if (wrap < 0.20)
        {
            traits.Add("two blocks on one line");
            return "\nSee {{<orbit_review color=\"red\">}}one\ntwo{{</orbit_review>}} and {{% orbit_review %}}three{{% /orbit_review %}}.\n" + text;
        }
        return "\n" + text;
    }

    /// <summary>The older shortcodes (ORBIT-FORMAT §3); an apostrophe in a value cuts it short.</summary>
    private string LegacyBlock()
    {
        traits.Add("orbit_review_start");
        var text = new StringBuilder("\n");
        text.Append(Chance(0.5) ? "{{< orbit_review_start >}}" : $"{{{{< orbit_review_start color=\"{Pick(Colours)}\" >}}}}").Append('\n');
        for (var n = random.Next(0, 4); n > 0; n--)
        {
            text.Append($"{{{{< orbit_flashcard question=\"{Quoted(PromptLine())}\" answer=\"{Quoted(PromptLine())}\" >}}}}\n");
        }
        return text.Append("{{< orbit_review_end >}}\n").ToString();

        static string Quoted(string value) => value.Replace("\\", "").Replace("\"", "\\\"").Replace("\t", " ");
    }

    /// <summary>Review areas written as HTML in the note (ORBIT-FORMAT §3).</summary>
    private string HtmlBlock()
    {
        traits.Add("HTML review area");
        var text = new StringBuilder("\n");
        text.Append(Chance(0.3) ? "<orbit-reviewarea>" : $"<orbit-reviewarea color=\"{Pick(Colours)}\">").Append('\n');
        for (var n = random.Next(0, 4); n > 0; n--)
        {
            text.Append(Chance(0.2) ? "\n" : "")
                .Append($"<orbit-prompt question=\"{Attribute(PromptLine())}\" answer=\"{Attribute(PromptLine())}\"></orbit-prompt>\n");
        }
        return text.Append("</orbit-reviewarea>\n").ToString();

        static string Attribute(string value) => value.Replace("&", "&amp;").Replace("\"", "&quot;").Trim();
    }

    private (string Open, string Close) Calls(bool percent)
    {
        var colour = Pick(Colours);
        string open;
        if (percent)
        {
            traits.Add("{{% %}}");
            open = Pick(new[]
            {
                "{{% orbit_review %}}", $"{{{{% orbit_review color=\"{colour}\" %}}}}", $"{{{{%orbit_review color=\"{colour}\"%}}}}",
            });
        }
        else
        {
            open = random.Next(15) switch
            {
                0 => "{{<orbit_review>}}",
                1 => "{{< orbit_review >}}",
                2 => $"{{{{<orbit_review color=\"{colour}\">}}}}",
                3 => $"{{{{< orbit_review color=\"{colour}\" >}}}}",
                4 => $"{{{{< orbit_review color={colour} >}}}}",
                5 => $"{{{{< orbit_review color=`{colour}` >}}}}",
                6 => $"{{{{< orbit_review color='{colour}' >}}}}",
                7 => $"{{{{<\n  orbit_review\n  color=\"{colour}\"\n>}}}}",
                8 => $"{{{{< orbit_review \"{colour}\" >}}}}",
                9 => $"{{{{< orbit_review extra=\"1\" color=\"{colour}\" >}}}}",
                10 => "{{< orbit_review color=\"\" >}}",
                11 => "{{< orbit_review color=\"a\\\"b\" >}}",
                12 => $"{{{{<   orbit_review   color=\"{colour}\"   >}}}}",
                13 when Chance(0.3) => "{{< orbit_review color=`bl\nue` >}}",
                13 when Chance(0.5) => "{{< orbit_review color=\"a\\tb\\\\c\" >}}",
                _ => $"{{{{<orbit_review color=\"{colour}\">}}}}",
            };
        }
        var close = random.Next(7) switch
        {
            0 => "{{< /orbit_review >}}",
            6 => "{{< / orbit_review>}}",
            1 => "{{% /orbit_review %}}",
            2 => "{{</orbit_review >}}",
            _ => percent ? "{{% /orbit_review %}}" : "{{</orbit_review>}}",
        };
        return (open, close);
    }
}
