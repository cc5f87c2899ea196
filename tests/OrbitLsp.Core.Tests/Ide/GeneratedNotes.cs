using System.Text;

namespace OrbitLsp.Core.Tests.Ide;

/// <summary>Notes of random review blocks: well-paired ones with untidy spacing, and every kind of broken one.</summary>
public static class GeneratedNotes
{
    private static readonly string[] Opens =
    [
        "{{<orbit_review>}}", "{{< orbit_review >}}", "{{<orbit_review color=\"blue\">}}", "{{< orbit_review  color=\"red\"  >}}",
        "{{% orbit_review color=green %}}", "{{<orbit_review color=`lime`>}}", "{{< orbit_review color='red' >}}", "{{< orbit_review \"blue\" >}}",
        "{{< orbit_review color=\"\" >}}", "{{< orbit_review color=\"teal\" extra=\"1\" >}}", "{{< orbit_review color=\"a\\\"b\" >}}",
        "{{<orbit_review\n  color=\"pink\">}}", "{{% orbit_review color=`x\ny` %}}",
    ];

    private static readonly string[] Closes = ["{{</orbit_review>}}", "{{< /orbit_review >}}", "{{% /orbit_review %}}", "{{%/orbit_review%}}"];

    private static readonly string[] Texts =
    [
        "What is two plus two?", "Four.", "  indented line", "**bold question**", "* bullet", "$x^2$ and $$y$$", "a \"quote",
        "ends with a tab\t", "ends with nbsp\u00A0", "trailing tab then spaces\t  ", "café 😀", "ends with star *",
    ];

    private static readonly string[] Strays = ["<orbit-reviewarea>", "\t", "\u00A0", "***", "{{< figure src=\"x\" >}}", "<!-- note -->", "   "];

    public static string Note(Random random)
    {
        var sb = new StringBuilder();
        if (random.Next(4) == 0) sb.Append("---\ntitle: \"Generated\"\n---\n");
        sb.Append("Some prose.  \n\n");
        int blocks = random.Next(1, 4);
        for (int b = 0; b < blocks; b++)
        {
            bool crlf = random.Next(10) == 0;
            string nl = crlf ? "\r\n" : "\n";
            sb.Append(Opens[random.Next(Opens.Length)]).Append(Spaces(random)).Append(random.Next(8) == 0 ? "" : nl);
            int pairs = random.Next(0, 5);
            for (int p = 0; p < pairs; p++)
            {
                for (int blank = random.Next(0, 3); blank > 0; blank--) sb.Append(Spaces(random)).Append(nl);
                sb.Append(Line(random)).Append(Spaces(random)).Append(nl);
                if (random.Next(12) == 0) sb.Append(Strays[random.Next(Strays.Length)]).Append(nl);
                if (random.Next(6) == 0) sb.Append(Spaces(random)).Append(nl);
                if (random.Next(15) != 0) sb.Append(Line(random)).Append(Spaces(random)).Append(nl);
            }
            for (int blank = random.Next(0, 2); blank > 0; blank--) sb.Append(Spaces(random)).Append(nl);
            if (random.Next(20) != 0) sb.Append(random.Next(6) == 0 ? "  " : "").Append(Closes[random.Next(Closes.Length)]);
            sb.Append('\n').Append(random.Next(3) == 0 ? "\nMore prose   \n\n" : "\n");
        }
        return sb.ToString();
    }

    private static string Line(Random random) => Texts[random.Next(Texts.Length)] + (random.Next(3) == 0 ? " #" + random.Next(100) : "");

    private static string Spaces(Random random) => random.Next(3) == 0 ? new string(' ', random.Next(1, 4)) : "";
}
