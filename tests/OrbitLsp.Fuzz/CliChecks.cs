using System.Text;
using System.Text.Json;
using OrbitLsp.Cli;
using OrbitLsp.Core.Analysis;
using OrbitLsp.Core.Cards;

namespace OrbitLsp.Fuzz;

/// <summary>
/// The note as a file (UTF-8, and now and then bytes no editor would write) through
/// <c>orbitlsp check</c> and <c>orbitlsp cards</c> in every output format: the exit status says
/// what the output says, JSON output parses, and the cards are the analysis's.
/// </summary>
public sealed class CliChecks(Case @case, string folder)
{
    public void Run(string text, Random random)
    {
        byte[] bytes = random.Next(20) switch
        {
            0 => Junk(random),
            1 => [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)],
            2 => Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(text)).ToArray(),
            3 => InvalidUtf8(Encoding.UTF8.GetBytes(text), random),
            _ => Encoding.UTF8.GetBytes(text),
        };
        string path = Path.Combine(folder, "note.md");
        File.WriteAllBytes(path, bytes);
        var (fileText, _) = Workspace.NoteReader.Decode(bytes);
        try
        {
            Check(path, fileText, random);
            Cards(path, fileText, random);
        }
        catch (Exception e)
        {
            @case.Fail("cli", $"{e.GetType().Name}: {e.Message}");
        }
    }

    private static byte[] Junk(Random random)
    {
        var bytes = new byte[random.Next(1, 4096)];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] InvalidUtf8(byte[] bytes, Random random)
    {
        var list = bytes.ToList();
        for (int i = random.Next(1, 4); i > 0; i--) list.Insert(random.Next(list.Count + 1), (byte)random.Next(0x80, 0x100));
        return [.. list];
    }

    private static (int Exit, string Out, string Err) Invoke(Func<TextWriter, Stream, TextWriter, int> command)
    {
        var stream = new MemoryStream();
        var writer = new StreamWriter(stream, new UTF8Encoding(false));
        var err = new StringWriter();
        int exit = command(writer, stream, err);
        writer.Flush();
        return (exit, Encoding.UTF8.GetString(stream.ToArray()), err.ToString());
    }

    private void Check(string path, string? text, Random random)
    {
        string format = random.Next(3) switch { 0 => "text", 1 => "json", _ => "sarif" };
        var (exit, output, _) = Invoke((o, s, e) => CheckCommand.Run(["--format", format, path], o, s, e));
        var analysis = text is null ? null : NoteAnalyzer.Analyze(text);
        bool errors = analysis is null || analysis.Diagnostics.Any(d => d.Severity == Core.Diagnostics.Severity.Error);
        if (exit != (errors ? 1 : 0)) @case.Fail("cli.check", $"exit status {exit} for a note {(errors ? "with" : "without")} errors");
        if (format == "text") return;
        using var json = JsonDocument.Parse(output);
        if (format != "json") return;
        var lines = text is null ? null : new LspText(text, utf8: false);
        foreach (var finding in json.RootElement.EnumerateArray())
        {
            int line = finding.GetProperty("line").GetInt32() - 1, column = finding.GetProperty("column").GetInt32() - 1;
            int endLine = finding.GetProperty("endLine").GetInt32() - 1, endColumn = finding.GetProperty("endColumn").GetInt32() - 1;
            if (lines is null) continue;
            if (lines.Offset(line, column, out string? problem) is not { } start || lines.Offset(endLine, endColumn, out problem) is not { } end)
                @case.Fail("cli.check", $"{finding.GetProperty("code")}: {problem}");
            else if (end < start) @case.Fail("cli.check", $"{finding.GetProperty("code")} ends before it starts");
        }
    }

    private void Cards(string path, string? text, Random random)
    {
        bool anki = random.Next(3) == 0;
        var (exit, output, error) = Invoke((o, s, e) => CardsCommand.Run(["--format", anki ? "anki" : "json", path], o, s, e));
        var analysis = text is null ? null : NoteAnalyzer.Analyze(text);
        bool fails = analysis is null || analysis.BuildFailure is not null;
        if (exit != (fails ? 1 : 0)) @case.Fail("cli.cards", $"exit status {exit} for a note {(fails ? "that publishes nothing" : "that publishes")}");
        if (fails && error.Length == 0) @case.Fail("cli.cards", "a note that publishes no cards is not named on stderr");
        int expected = analysis is null || fails ? 0 : CardExtractor.Extract(analysis).Length;
        if (anki)
        {
            int rows = output.Split('\n').Count(l => l.Length > 0 && !l.StartsWith('#'));
            int visible = analysis is null || fails ? 0 : CardExtractor.Extract(analysis).Count(c => !c.Hidden);
            if (rows != visible) @case.Fail("cli.cards", $"{rows} Anki rows for {visible} visible cards");
            return;
        }
        using var json = JsonDocument.Parse(output);
        if (json.RootElement.GetArrayLength() != expected) @case.Fail("cli.cards", $"{json.RootElement.GetArrayLength()} cards printed, {expected} in the analysis");
    }
}
