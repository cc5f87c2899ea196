using System.Text;

namespace OrbitLsp.Fuzz;

/// <summary>
/// Where a case's text starts from: a note of the repository (the fixtures, the examples, the IDE
/// fixtures), one of the suites' generators, or a string of pieces that exercise the lexer and the
/// block reader far more often than random characters would.
/// </summary>
public sealed class Seeds
{
    private readonly (string Name, string Text)[] _files;

    private Seeds((string Name, string Text)[] files) => _files = files;

    public IReadOnlyList<(string Name, string Text)> Files => _files;

    /// <summary>Every Markdown note under the repository's fixture folders and examples/.</summary>
    public static Seeds Load(string repoRoot)
    {
        string[] folders = ["tests/fixtures", "examples", "tests/OrbitLsp.Core.Tests/Ide/Fixtures"];
        var files = new List<(string, string)>();
        foreach (string folder in folders)
        {
            string dir = Path.Combine(repoRoot, folder);
            if (!Directory.Exists(dir)) continue;
            foreach (string path in Directory.EnumerateFiles(dir, "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                // Decoded leniently: a fixture may be binary or invalid UTF-8 on purpose.
                files.Add((Path.GetRelativePath(repoRoot, path), Encoding.UTF8.GetString(File.ReadAllBytes(path))));
        }
        if (files.Count == 0) throw new InvalidOperationException($"No notes found under {repoRoot}: run from the repository.");
        return new Seeds([.. files]);
    }

    /// <summary>A seed text and what it is.</summary>
    public (string Origin, string Text) Pick(Random random)
    {
        switch (random.Next(10))
        {
            case < 4:
                var (name, text) = _files[random.Next(_files.Length)];
                return (name, text);
            case 4 or 5:
                int hugoSeed = random.Next();
                var note = new HugoDifferential.Tests.Generation.NoteGenerator(hugoSeed).Generate(1)[0];
                return ($"hugo generator {hugoSeed}", note.Text);
            case 6:
                return ("broken-block generator", Core.Tests.Ide.GeneratedNotes.Note(random));
            case 7:
                int size = random.Next(200, 12_000), seed = random.Next();
                return ($"realistic generator {size} chars seed {seed}", LatencyBenchmark.NoteGenerator.Generate(size, seed));
            default:
                return ("pieces", Pieces(random));
        }
    }

    private static readonly string[] PieceTable =
    [
        "{{<orbit_review>}}", "{{</orbit_review>}}", "{{< orbit_review color=\"blue\" >}}", "{{% orbit_review %}}", "{{% /orbit_review %}}",
        "{{<orbit_review color='blue'>}}", "{{< orbit_review color=blue >}}", "{{<orbit_review color=blue>}}", "{{< orbit_review \"red\" >}}",
        "{{< orbit_review />}}", "{{</* orbit_review */>}}", "{{< orbit_review_start >}}", "{{< orbit_flashcard question=\"Q's\" answer=\"A\" >}}",
        "{{< orbit_flashcard question='Q' answer='A' >}}", "{{< orbit_review_end >}}", "{{< figure src=\"x\" >}}", "{{<", ">}}", "{{%", "%}}", "{{", "}}",
        "<orbit-reviewarea color=\"red\">", "<orbit-prompt question=\"Q\" answer=\"A\"></orbit-prompt>", "</orbit-reviewarea>",
        "<orbit-prompt cloze=\"a {b} c\">", "<orbit-reviewarea>", "<!--", "-->", "```", "~~~", "---\n", "+++\n", "{\n", "}", "\n", "\n", "\n", "\r\n", "\r",
        "\t", "\u00A0", "*", "**bold**", "***", "$x$", "$$", "\"", "`", "'", "😀", "\uD83D", "\uDE00", "\uFEFF", "\0", "<div>", "question?", "answer",
        " ", "=", "\\\"", "color=", "date: 2020-01-01\n", "lastmod: nope\n", "title: \"T\"\n", "tags: [a, b]\n",
        "<!-- orbitlsp-disable OL001 -->", "<!-- orbitlsp-disable-next-line nonsense -->", "<!-- orbitlsp-enable -->", "\u2028", "\u0085", "\v", "\f",
    ];

    private static string Pieces(Random random)
    {
        var sb = new StringBuilder();
        int n = random.Next(0, 80);
        for (int i = 0; i < n; i++)
        {
            if (random.Next(5) == 0)
                for (int c = random.Next(1, 8); c > 0; c--) sb.Append((char)random.Next(0x20, 0x7F));
            else sb.Append(PieceTable[random.Next(PieceTable.Length)]);
        }
        return sb.ToString();
    }
}
