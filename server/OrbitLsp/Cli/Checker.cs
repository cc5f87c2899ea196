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

    /// <summary>The published prompts of every note analysed so far, for cross-note duplicates.</summary>
    public PromptIndex Prompts { get; } = new();

    /// <summary>
    /// OL090 findings for every note whose prompt another checked note also publishes. Those notes
    /// are read again, to apply their own config and suppression comments.
    /// </summary>
    public void AddCrossNoteDuplicates(List<Finding> findings)
    {
        foreach (var group in Prompts.DuplicatePlaces().GroupBy(d => d.File))
        {
            var (text, _) = NoteReader.Read(group.Key);
            if (text is null) continue;
            var settings = _configs.ForNote(group.Key)?.Settings ?? RuleSettings.Default;
            if (settings.SeverityOf(Rules.DuplicateAcrossNotes) is not { } severity) continue;
            var analysis = NoteAnalyzer.Analyze(text, settings);
            foreach (var (file, range, otherFile, otherRange, notes) in group)
            {
                if (analysis.IsSuppressed(Rules.DuplicateAcrossNotes.Code, analysis.Document.GetOffset(range.Start))) continue;
                findings.Add(new Finding(file, range, severity, Rules.DuplicateAcrossNotes, PromptIndex.Message(otherFile, notes),
                    [(otherFile, otherRange, "the same prompt in another note")]));
            }
        }
    }

    /// <summary>The analysis of a note, or null when it cannot be read (a finding says why).</summary>
    public NoteAnalysis? Analyze(string path, List<Finding> findings)
    {
        NotesChecked++;
        var config = _configs.ForNote(path);
        if (config is not null && _reportedConfigs.Add(config.Path)) ReportConfig(config, findings);

        var (text, error) = NoteReader.Read(path);
        if (text is null)
        {
            var rule = Rules.UnreadableFile;
            if ((config?.Settings ?? RuleSettings.Default).SeverityOf(rule) is { } severity)
                findings.Add(new Finding(path, default, severity, rule, $"Cannot check this note: {error}", []));
            return null;
        }
        var analysis = NoteAnalyzer.Analyze(text, config?.Settings);
        Prompts.Set(path, analysis);
        foreach (var d in analysis.Diagnostics)
        {
            var related = d.Related.Select(r => (r.File ?? path, analysis.Document.GetRange(r.Span), r.Message)).ToImmutableArray();
            findings.Add(new Finding(path, analysis.Document.GetRange(d.Span), d.Severity, d.Rule, d.Message, related));
        }
        return analysis;
    }

    private static void ReportConfig(ConfigFile config, List<Finding> findings)
    {
        if (config.Problems.IsEmpty || config.Settings.SeverityOf(Rules.ConfigError) is not { } severity) return;
        var lines = LineMap.Create(config.Text);
        string shown = Path.GetRelativePath(Environment.CurrentDirectory, config.Path);
        foreach (var p in config.Problems)
            findings.Add(new Finding(shown, lines.GetRange(p.Span), severity, Rules.ConfigError, p.Message, []));
    }
}
