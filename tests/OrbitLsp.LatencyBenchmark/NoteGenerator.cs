using System.Text;

namespace OrbitLsp.LatencyBenchmark;

/// <summary>
/// Realistic notes of any size, the same every run: front matter, headings, prose with links and
/// emphasis, lists, code fences, and an orbit_review block every few paragraphs (a few of them
/// with the mistakes real notes have: an unanswered prompt, a stray HTML line, a bad colour).
/// </summary>
public static class NoteGenerator
{
    private static readonly string[] Words =
        ("agent reward objective alignment inner outer specification gaming model training policy gradient " +
         "environment human feedback proxy goal mesa optimizer instrumental convergence power corrigibility " +
         "oversight interpretability robustness distribution shift the a of to and in that is for with as on " +
         "by it this we can be not are from or an which one more what when how").Split(' ');

    private static readonly string[] Colors = ["purple", "blue", "green", "orange", "red", "cyan", "pink", "violet"];

    public static string Generate(int targetChars, int seed = 42)
    {
        var random = new Random(seed);
        var sb = new StringBuilder(targetChars + 4096);
        sb.Append("---\ntitle: \"Generated note\"\ndate: 2024-03-01\nlastmod: 2024-06-01\ntags: [\"alignment\", \"orbit\"]\n---\n\n");
        int section = 0, block = 0;
        while (sb.Length < targetChars)
        {
            sb.Append("## Section ").Append(++section).Append("\n\n");
            for (int p = 0; p < 3; p++) Paragraph(sb, random);
            if (section % 4 == 0) sb.Append("```python\ndef reward(state):\n    return state.height\n```\n\n");
            if (section % 3 == 0) sb.Append("- first point\n- second *point*\n- third point\n\n");
            Block(sb, random, ++block);
            sb.Append('\n');
        }
        return sb.ToString();
    }

    private static void Paragraph(StringBuilder sb, Random random)
    {
        int words = random.Next(40, 90);
        for (int i = 0; i < words; i++)
        {
            string w = Words[random.Next(Words.Length)];
            if (i == 0) w = char.ToUpperInvariant(w[0]) + w[1..];
            else if (random.Next(25) == 0) w = $"*{w}*";
            else if (random.Next(40) == 0) w = $"[{w}](https://example.com/{w})";
            sb.Append(w).Append(i == words - 1 ? ".\n\n" : random.Next(12) == 0 ? ", " : " ");
        }
    }

    private static void Block(StringBuilder sb, Random random, int n)
    {
        string color = n % 50 == 0 ? "bleu" : Colors[n % Colors.Length];
        sb.Append("{{< orbit_review color=\"").Append(color).Append("\" >}}\n");
        int prompts = random.Next(3, 7);
        for (int i = 0; i < prompts; i++)
        {
            sb.Append("What does ").Append(Words[random.Next(Words.Length)]).Append(" mean in section ").Append(n).Append(", prompt ").Append(i + 1).Append("?\n");
            if (n % 37 == 0 && i == prompts - 1) break;
            sb.Append("It means $x_").Append(i).Append("$ ").Append(Words[random.Next(Words.Length)]).Append(" ").Append(Words[random.Next(Words.Length)]).Append('\n');
            if (n % 41 == 0 && i == 1) sb.Append("<orbit-reviewarea>\n");
            if (random.Next(3) == 0) sb.Append('\n');
        }
        sb.Append("{{< /orbit_review >}}\n");
    }
}
