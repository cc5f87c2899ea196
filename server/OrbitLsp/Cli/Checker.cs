using System.Collections.Immutable;
using OrbitLsp.Core.Analysis;
using OrbitLsp.Core.Config;
using OrbitLsp.Core.Diagnostics;
using OrbitLsp.Core.Text;
using OrbitLsp.Workspace;

namespace OrbitLsp.Cli;

/// <summary>Reads and analyses notes from disk for the command line, with their nearest config.</summary>
internal sealed class Checker
{
    private readonly ConfigLocator _configs = new();
    private readonly HashSet<string> _reportedConfigs = new(StringComparer.Ordinal);

    public int NotesChecked { get; private set; }

    /// <summary>Every note analysed so far, as the language server indexes them: cross-note duplicates come from it.</summary>
    public NoteIndex Index { get; } = new(keepQuestions: false);

    /// <summary>OL090 findings for every note whose prompt another checked note also publishes.</summary>
    public void AddCrossNoteDuplicates(List<Finding> findings)
    {
        foreach (var note in Index.Notes)
            foreach (var d in Index.DuplicatesOf(note))
                findings.Add(ToFinding(note.Key, d));
    }

    /// <summary>The analysis of a note, or null when it cannot be read (a finding says why).</summary>
    public NoteAnalysis? Analyze(string path, List<Finding> findings)
    {
        NotesChecked++;
        var config = _configs.ForNote(path);
        if (config is not null && _reportedConfigs.Add(config.Path)) ReportConfig(config, findings);

        var (text, error) = NoteReader.Read(path);
        NoteAnalysis? analysis = null;
        var note = text is null
            ? Index.SetUnreadable(path, error!, config?.Settings ?? RuleSettings.Default)
            : Index.Set(path, analysis = NoteAnalyzer.Analyze(text, config?.Settings));
        foreach (var d in note.Diagnostics) findings.Add(ToFinding(path, d));
        return analysis;
    }

    private static Finding ToFinding(string path, IndexedDiagnostic d) =>
        new(path, d.Range, d.Severity, d.Rule, d.Message, [.. d.Related.Select(r => (r.File ?? path, r.Range, r.Message))]);

    private static void ReportConfig(ConfigFile config, List<Finding> findings)
    {
        if (config.Problems.IsEmpty || config.Settings.SeverityOf(Rules.ConfigError) is not { } severity) return;
        var lines = LineMap.Create(config.Text);
        string shown = Path.GetRelativePath(Environment.CurrentDirectory, config.Path);
        foreach (var p in config.Problems)
            findings.Add(new Finding(shown, lines.GetRange(p.Span), severity, Rules.ConfigError, p.Message, []));
    }
}
