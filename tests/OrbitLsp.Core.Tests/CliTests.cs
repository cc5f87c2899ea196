using System.Text;
using System.Text.Json;
using OrbitLsp.Cli;

namespace OrbitLsp.Core.Tests;

/// <summary>`orbitlsp check` and `orbitlsp cards`, run in-process on notes written to a temporary folder.</summary>
public sealed class CliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("orbitlsp-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private static (int Exit, string Out, string Err) Run(Func<TextWriter, Stream, TextWriter, int> command)
    {
        var stream = new MemoryStream();
        var writer = new StreamWriter(stream, new UTF8Encoding(false));
        var err = new StringWriter();
        int exit = command(writer, stream, err);
        writer.Flush();
        return (exit, Encoding.UTF8.GetString(stream.ToArray()), err.ToString());
    }

    private static (int Exit, string Out, string Err) Check(params string[] args) =>
        Run((o, s, e) => CheckCommand.Run(args, o, s, e));

    private static (int Exit, string Out, string Err) Cards(params string[] args) =>
        Run((o, s, e) => CardsCommand.Run(args, o, s, e));

    private const string Broken = "Intro.\n\n{{<orbit_review>}}\nQuestion one?\nAnswer one\nQuestion two?\n{{</orbit_review>}}\n";
    private const string Clean = "Intro.\n\n{{<orbit_review color=\"blue\">}}\nQ?\nA\n{{</orbit_review>}}\n";

    [Fact]
    public void Check_prints_compiler_style_lines_and_exits_1_on_an_error()
    {
        string note = Write("broken.md", Broken);
        var (exit, output, _) = Check(note);
        Assert.Equal(1, exit);
        Assert.Contains($"{note}:6:1: error OL001 ", output);
        Assert.Contains("1 error, 0 warnings, 0 information, 0 hints in 1 note", output);
    }

    [Fact]
    public void Check_exits_0_when_notes_have_no_error()
    {
        var (exit, output, _) = Check(Write("clean.md", Clean));
        Assert.Equal(0, exit);
        Assert.Contains("0 errors", output);
    }

    [Fact]
    public void Check_exits_2_on_a_usage_error()
    {
        Assert.Equal(2, Check("--format", "xml").Exit);
        Assert.Equal(2, Check("--nope").Exit);
    }

    [Fact]
    public void Check_json_has_exactly_the_documented_fields_with_1_based_utf16_columns()
    {
        string note = Write("emoji.md", "Intro.\n\n{{<orbit_review>}}\nQ1?\nA1\n😀 is x\n{{</orbit_review>}}\n");
        var (exit, output, _) = Check("--format", "json", note);
        Assert.Equal(1, exit);
        using var json = JsonDocument.Parse(output);
        var first = json.RootElement.EnumerateArray().First();
        Assert.Equal(["file", "line", "column", "endLine", "endColumn", "severity", "code", "message"], first.EnumerateObject().Select(p => p.Name));
        var unanswered = json.RootElement.EnumerateArray().Single(e => e.GetProperty("code").GetString() == "OL001");
        Assert.Equal(6, unanswered.GetProperty("line").GetInt32());
        Assert.Equal(1, unanswered.GetProperty("column").GetInt32());
        Assert.Equal(8, unanswered.GetProperty("endColumn").GetInt32()); // the emoji counts two UTF-16 units
        Assert.Equal("error", unanswered.GetProperty("severity").GetString());
    }

    [Fact]
    public void Check_sarif_is_a_2_1_0_log_with_rules_and_results()
    {
        var (_, output, _) = Check("--format", "sarif", Write("broken.md", Broken));
        using var json = JsonDocument.Parse(output);
        Assert.Equal("2.1.0", json.RootElement.GetProperty("version").GetString());
        var run = json.RootElement.GetProperty("runs")[0];
        Assert.Equal("orbitlsp", run.GetProperty("tool").GetProperty("driver").GetProperty("name").GetString());
        var result = run.GetProperty("results")[0];
        Assert.Equal("OL001", result.GetProperty("ruleId").GetString());
        Assert.Equal(6, result.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32());
    }

    [Fact]
    public void Check_reports_an_undecodable_file_and_goes_on()
    {
        string bad = Path.Combine(_dir, "bad.md");
        File.WriteAllBytes(bad, [0x49, 0xFF, 0xFE, 0x00, 0x41]);
        string good = Write("good.md", Broken);
        var (exit, output, _) = Check(_dir);
        Assert.Equal(1, exit);
        Assert.Contains("OL082", output);
        Assert.Contains($"{Path.Join(_dir, "good.md")}:6:1: error OL001", output);
        Assert.Contains("in 2 notes", output);
        _ = good;
    }

    [Fact]
    public void Check_skips_what_gitignore_ignores_in_folders()
    {
        Write(".gitignore", "drafts/\n*.tmp.md\n");
        Write("drafts/a.md", Broken);
        Write("b.tmp.md", Broken);
        Write("notes/c.md", Clean);
        var (exit, output, _) = Check(_dir);
        Assert.Equal(0, exit);
        Assert.Contains("in 1 note", output);
    }

    [Fact]
    public void Check_applies_the_nearest_config_and_reports_a_bad_one()
    {
        Write(".orbitlsp.yaml", "rules:\n  OL001: warning\n  OL999: off\n");
        var (exit, output, _) = Check(Write("n.md", Broken));
        Assert.Equal(1, exit);
        Assert.Contains("warning OL001", output);
        Assert.Contains("error OL080 'OL999' is not an OrbitLsp rule", output);
    }

    [Fact]
    public void Cards_json_lists_cards_as_published_with_the_documented_fields()
    {
        string note = Write("broken.md", Broken);
        var (exit, output, _) = Cards(note);
        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        var cards = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(2, cards.Count);
        Assert.Equal(["file", "block", "prompt", "question", "answer", "color", "line", "hidden", "id"], cards[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal("Question two?", cards[1].GetProperty("question").GetString());
        Assert.Equal(Core.Review.CardKey.Of("Question two?", "").ToString(), cards[1].GetProperty("id").GetString());
        Assert.Equal("", cards[1].GetProperty("answer").GetString());
        Assert.Equal("purple", cards[1].GetProperty("color").GetString());
        Assert.Equal(6, cards[1].GetProperty("line").GetInt32());
    }

    [Fact]
    public void Cards_anki_writes_an_importable_tab_separated_file_with_tags()
    {
        string note = Write("n.md", "---\ntags: [\"ai safety\", orbit]\n---\n{{<orbit_review>}}\nWhat is **$x^2$**?\nA\tsquare\n{{</orbit_review>}}\n");
        var (_, output, _) = Cards("--format", "anki", note);
        var lines = output.Split('\n');
        Assert.Equal("#separator:tab", lines[0]);
        Assert.Equal("#html:true", lines[1]);
        var fields = lines.First(l => l.StartsWith("\"What", StringComparison.Ordinal)).Split('\t');
        Assert.Equal(3, fields.Length);
        // The math span's class="math" holds quotes: the field is quoted, its quotes doubled, as CSV has it.
        Assert.Equal("\"What is <strong><span class=\"\"math\"\">\\(x^2\\)</span></strong>?\"", fields[0]);
        Assert.Equal("A square", fields[1]);
        Assert.Equal("ai_safety orbit", fields[2]);
    }

    [Fact]
    public void Cards_anki_quotes_a_field_that_starts_with_a_hash_so_the_row_is_not_read_as_a_comment()
    {
        string note = Write("n.md", "Intro.\n\n{{<orbit_review>}}\n#tag what?\nSay \"yes\"\n{{</orbit_review>}}\n");
        var (_, output, _) = Cards("--format", "anki", note);
        var row = output.Split('\n')[3];
        Assert.Equal("\"#tag what?\"\tSay &quot;yes&quot;\t", row);
    }

    [Fact]
    public void Check_on_a_folder_reports_the_same_prompt_in_two_notes_in_both()
    {
        Write("a.md", Clean);
        Write("sub/b.md", "Other.\n\n{{<orbit_review>}}\nQ?\nA\n{{</orbit_review>}}\n");
        Write("c.md", "Intro.\n<!-- orbitlsp-disable OL090 -->\n{{<orbit_review>}}\nQ?\nA\n{{</orbit_review>}}\n");
        var (exit, output, _) = Check(_dir);
        Assert.Equal(0, exit);
        Assert.Contains($"{Path.Join(_dir, "a.md")}:4:1: warning OL090 The same prompt is published by c.md and 1 other note(s)", output);
        Assert.Contains($"{Path.Join(_dir, "sub/b.md")}:4:1: warning OL090 The same prompt is published by a.md and 1 other note(s)", output);
        Assert.DoesNotContain($"{Path.Join(_dir, "c.md")}:4:1: warning OL090", output);
    }
}
