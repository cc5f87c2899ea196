using System.Runtime.CompilerServices;
using System.Text;
using OrbitLsp.Core.Analysis;
using OrbitLsp.Core.Cards;

namespace OrbitLsp.Core.Tests;

/// <summary>
/// Readable dumps of an analysis: the note with each diagnostic interleaved under the line it
/// starts on, then the cards. Expected dumps sit next to the fixtures as <c>*.expected</c>;
/// set ORBITLSP_UPDATE_SNAPSHOTS=1 to write them anew.
/// </summary>
public static class Snapshot
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static bool Updating => Environment.GetEnvironmentVariable("ORBITLSP_UPDATE_SNAPSHOTS") is "1" or "true";

    private static string FindRepoRoot([CallerFilePath] string here = "")
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "OrbitLsp.sln"))) dir = dir.Parent;
        return dir?.FullName ?? Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", ".."));
    }

    public static string Dump(NoteAnalysis analysis)
    {
        var doc = analysis.Document;
        var sb = new StringBuilder();
        var byLine = analysis.Diagnostics.GroupBy(d => doc.GetPosition(d.Span.Start).Line).ToDictionary(g => g.Key, g => g.ToList());
        int width = doc.Lines.LineCount.ToString().Length;
        for (int line = 0; line < doc.Lines.LineCount; line++)
        {
            int start = doc.Lines.LineStart(line), end = doc.Lines.LineEnd(line, doc.Text);
            string content = Visible(doc.Text[start..end]);
            string ending = doc.Text.Length > end ? (doc.Text[end] == '\r' ? (end + 1 < doc.Text.Length && doc.Text[end + 1] == '\n' ? "␍␊" : "␍") : "") : "";
            sb.Append((line + 1).ToString().PadLeft(width)).Append(" | ").Append(content).Append(ending).Append('\n');
            if (!byLine.TryGetValue(line, out var diagnostics)) continue;
            foreach (var d in diagnostics)
            {
                var r = doc.GetRange(d.Span);
                sb.Append(new string(' ', width)).Append(" | ").Append(new string(' ', r.Start.Character)).Append('^')
                  .Append($" {d.Code} {d.Severity.ToString().ToLowerInvariant()} [{r.Start.Line + 1}:{r.Start.Character + 1}-{r.End.Line + 1}:{r.End.Character + 1}] {Visible(d.Message)}\n");
                foreach (var rel in d.Related)
                {
                    var rr = doc.GetRange(rel.Span);
                    sb.Append(new string(' ', width)).Append(" |   related [").Append($"{rr.Start.Line + 1}:{rr.Start.Character + 1}-{rr.End.Line + 1}:{rr.End.Character + 1}] {rel.Message}\n");
                }
            }
        }
        if (analysis.BuildFailure is { } failure)
            sb.Append($"== the Hugo build fails: {failure.Code} at line {doc.GetPosition(failure.Span.Start).Line + 1} ==\n");
        sb.Append("== cards ==\n");
        foreach (var card in CardExtractor.Extract(analysis))
        {
            var at = doc.GetPosition(card.QuestionSpan.Start);
            sb.Append($"block {card.Block} prompt {card.Prompt} line {at.Line + 1} color {Visible(card.Color)}{(card.Hidden ? " hidden" : "")}")
              .Append(card.Problems.IsEmpty ? "" : " problems " + string.Join(",", card.Problems)).Append('\n')
              .Append("  Q: ").Append(Visible(card.Question)).Append('\n')
              .Append("  A: ").Append(Visible(card.Answer)).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>Shows the characters a reader cannot see.</summary>
    public static string Visible(string s) =>
        s.Replace("\r", "␍").Replace("\t", "→").Replace("\u00A0", "⍽").Replace("\u200B", "[ZWSP]").Replace("\uFEFF", "[BOM]");

    public static void Check(string expectedPath, string actual)
    {
        if (Updating)
        {
            File.WriteAllText(expectedPath, actual);
            return;
        }
        Assert.True(File.Exists(expectedPath),
            $"No expected dump {expectedPath}. Run the tests with ORBITLSP_UPDATE_SNAPSHOTS=1 to create it, then review it.");
        string expected = File.ReadAllText(expectedPath).Replace("\r\n", "\n");
        if (expected != actual)
        {
            var e = expected.Split('\n');
            var a = actual.Split('\n');
            int i = 0;
            while (i < e.Length && i < a.Length && e[i] == a[i]) i++;
            Assert.Fail($"{expectedPath} differs at line {i + 1}:\n  expected: {(i < e.Length ? e[i] : "<end>")}\n  actual:   {(i < a.Length ? a[i] : "<end>")}\n(ORBITLSP_UPDATE_SNAPSHOTS=1 rewrites the dumps.)");
        }
    }
}
