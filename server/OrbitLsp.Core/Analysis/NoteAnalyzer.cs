using System.Collections.Immutable;
using OrbitLsp.Core.Analysis.Checks;
using OrbitLsp.Core.Config;
using OrbitLsp.Core.Diagnostics;
using OrbitLsp.Core.Model;

namespace OrbitLsp.Core.Analysis;

/// <summary>A note read and checked: the one model every feature answers from.</summary>
public sealed class NoteAnalysis
{
    public required NoteDocument Document { get; init; }

    /// <summary>Sorted by position; severities as configured; suppressed and "off" rules removed.</summary>
    public required ImmutableArray<NoteDiagnostic> Diagnostics { get; init; }

    /// <summary>The first problem that stops Hugo's build (whatever its configured severity), or null.</summary>
    public NoteDiagnostic? BuildFailure { get; init; }

    /// <summary>The settings the note was checked with, so a changed text can be checked alike.</summary>
    public RuleSettings Settings { get; init; } = RuleSettings.Default;

    internal Suppressions? Suppressions { get; init; }

    /// <summary>Whether a suppression comment of the note turns the rule off at this offset.</summary>
    public bool IsSuppressed(string code, int offset) =>
        Suppressions?.IsSuppressed(code, Document.Lines.GetLine(offset)) == true;
}

/// <summary>The analysis entry point: text and settings in, model and diagnostics out. Pure and thread-safe.</summary>
public static class NoteAnalyzer
{
    public static NoteAnalysis Analyze(string text, RuleSettings? settings = null) =>
        Analyze(NoteDocument.Parse(text), settings);

    /// <summary>As <see cref="Analyze(string, RuleSettings?)"/>, on two threads or one as told (for tests: the result is the same).</summary>
    internal static NoteAnalysis Analyze(string text, bool parallel) => Analyze(NoteParser.Parse(text, parallel), null, parallel);

    /// <summary>
    /// The checks of shortcode calls and review blocks (all but the front matter's and the prompt
    /// texts'): <see cref="BlockEdits"/> runs the same ones on the one block it reads again.
    /// </summary>
    internal static void CallAndBlockChecks(NoteDocument doc, List<NoteDiagnostic> sink)
    {
        CallChecks.Run(doc, sink);
        PairingChecks.Run(doc, sink);
        PlacementChecks.Run(doc, sink);
        LegacyAndHtmlChecks.Run(doc, sink);
    }

    public static NoteAnalysis Analyze(NoteDocument doc, RuleSettings? settings = null) => Analyze(doc, settings, null);

    private static NoteAnalysis Analyze(NoteDocument doc, RuleSettings? settings, bool? parallel)
    {
        settings ??= RuleSettings.Default;
        var found = new List<NoteDiagnostic>();
        Suppressions suppressions;
        if (NoteParser.InParallel(doc.Text, parallel))
        {
            // A large note: the duplicate prompts and the suppression comments are checked on a
            // second thread beside the rest (about half the work each). The lists are joined in
            // the same order as below, and sorted.
            var laterFound = new List<NoteDiagnostic>();
            suppressions = null!;
            Parallel.Invoke(
                () =>
                {
                    FrontMatterChecks.Run(doc, found);
                    CallAndBlockChecks(doc, found);
                    CheckPromptText.TextOfEach(doc, found);
                },
                () =>
                {
                    CheckPromptText.Duplicates(doc, laterFound);
                    suppressions = Suppressions.Read(doc, laterFound);
                });
            found.AddRange(laterFound);
        }
        else
        {
            FrontMatterChecks.Run(doc, found);
            CallAndBlockChecks(doc, found);
            CheckPromptText.Run(doc, found);
            suppressions = Suppressions.Read(doc, found);
        }

        var result = Configured(found, settings, suppressions, doc.Lines);
        return new NoteAnalysis
        {
            Document = doc,
            Diagnostics = result,
            BuildFailure = found.Where(d => d.FailsBuild).MinBy(d => d.Span.Start),
            Settings = settings,
            Suppressions = suppressions,
        };
    }

    /// <summary>The found diagnostics with their configured severities, without suppressed and "off" ones, in order.</summary>
    internal static ImmutableArray<NoteDiagnostic> Configured(List<NoteDiagnostic> found, RuleSettings settings, Suppressions? suppressions,
        Text.LineMap lines, IEnumerable<NoteDiagnostic>? configuredBefore = null)
    {
        var result = ImmutableArray.CreateBuilder<NoteDiagnostic>(found.Count);
        foreach (var d in found)
        {
            if (settings.SeverityOf(d.Rule) is not { } severity) continue;
            if (suppressions?.IsSuppressed(d.Code, lines.GetLine(d.Span.Start)) == true) continue;
            result.Add(severity == d.Severity ? d : d with { Severity = severity });
        }
        if (configuredBefore is not null) result.AddRange(configuredBefore);
        result.Sort(InOrder);
        return result.ToImmutable();
    }

    // A total order, so that however the list was put together the result is the same.
    private static readonly Comparison<NoteDiagnostic> InOrder = (a, b) =>
        a.Span.Start != b.Span.Start ? a.Span.Start.CompareTo(b.Span.Start)
        : string.CompareOrdinal(a.Code, b.Code) is var byCode and not 0 ? byCode
        : a.Span.End != b.Span.End ? a.Span.End.CompareTo(b.Span.End)
        : string.CompareOrdinal(a.Message, b.Message);
}
