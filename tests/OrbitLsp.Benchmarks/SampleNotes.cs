using System.Text;

namespace OrbitLsp.Benchmarks;

/// <summary>
/// Realistic notes of a given size, the same every run: front matter, headed sections of prose
/// with links and emphasis, and an orbit_review block of 3–6 prompts (some with math) after
/// each section, about 700 blocks per megabyte, as in real study notes.
/// </summary>
public static class SampleNotes
{
    private static readonly string[] Words =
        ("the agent reward function optimizer gradient descent policy objective training distribution model learns " +
         "inner outer alignment mesa base search space behaviour environment specification gaming example human " +
         "feedback simulator bug assumption deploy system capability goal instrumental convergence").Split(' ');

    public static string Create(int targetBytes, int seed = 42)
    {
        var random = new Random(seed);
        var sb = new StringBuilder(targetBytes + 4096);
        sb.Append("---\ntitle: \"Generated study note\"\ndate: 2024-01-03\nlastmod: 2024-02-01\ntags: [\"bench\", \"orbit\"]\n---\n\n");
        int section = 0;
        while (sb.Length < targetBytes)
        {
            sb.Append("## Section ").Append(++section).Append("\n\n");
            for (int p = 0; p < 2; p++)
            {
                Sentence(sb, random, p == 0 ? 35 + random.Next(25) : 12 + random.Next(12));
                sb.Append(" See [the paper](https://example.org/").Append(section).Append(") for **details**.\n\n");
            }
            sb.Append(random.Next(3) == 0 ? "{{< orbit_review color=\"blue\" >}}\n" : "{{<orbit_review>}}\n");
            int prompts = 3 + random.Next(4);
            for (int i = 0; i < prompts; i++)
            {
                Sentence(sb, random, 8 + random.Next(10));
                sb.Append(random.Next(5) == 0 ? " with $x^2 + y_i$?\n" : "?\n");
                Sentence(sb, random, 3 + random.Next(8));
                sb.Append(".\n\n");
            }
            sb.Append("{{</orbit_review>}}\n\n");
        }
        return sb.ToString();
    }

    private static void Sentence(StringBuilder sb, Random random, int words)
    {
        for (int w = 0; w < words; w++)
        {
            if (w > 0) sb.Append(' ');
            sb.Append(Words[random.Next(Words.Length)]);
        }
        sb.Append(" ").Append(random.Next(1000));
    }
}
