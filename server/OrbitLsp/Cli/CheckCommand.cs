using OrbitLsp.Core.Diagnostics;
using OrbitLsp.Workspace;

namespace OrbitLsp.Cli;

/// <summary><c>orbitlsp check [paths...]</c>: report every problem, exit 1 when any is an error.</summary>
internal static class CheckCommand
{
    public const string Help = """
        Usage: orbitlsp check [options] [paths...]

        Checks Markdown notes for review blocks that break or silently change the published
        Orbit cards. Paths are notes or folders (searched for *.md recursively, skipping what
        .gitignore ignores); the default is the current folder. Rule severities come from the
        nearest .orbitlsp.yaml and from <!-- orbitlsp-disable ... --> comments.

        Options:
          --format text|json|sarif   output format (default: text)
                                       text:  path:line:col: severity OLxxx message
                                       json:  one array of {file, line, column, endLine,
                                              endColumn, severity, code, message}
                                       sarif: SARIF 2.1.0 for code-scanning tools
          -h, --help                 show this help

        Exit status: 0 no errors, 1 at least one error, 2 wrong usage.
        """;

    public static int Run(IEnumerable<string> args, TextWriter stdout, Stream stdoutStream, TextWriter stderr)
    {
        var parsed = Arguments.Parse(args, new HashSet<string> { "format" });
        if (parsed.Help)
        {
            stdout.Write(Help + "\n");
            return 0;
        }
        string format = parsed.Options.GetValueOrDefault("format", "text");
        if (parsed.Error is not null || format is not ("text" or "json" or "sarif"))
        {
            stderr.Write($"orbitlsp check: {parsed.Error ?? $"unknown format '{format}' (use text, json or sarif)"}\nRun 'orbitlsp check --help' for usage.\n");
            return 2;
        }
        var paths = parsed.Paths.Count > 0 ? parsed.Paths : ["."];

        var checker = new Checker();
        var findings = new List<Finding>();
        var order = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var file in NoteFiles.Expand(paths, (dir, why) => stderr.Write($"orbitlsp check: cannot list {dir}: {why}\n")))
        {
            order.TryAdd(file, order.Count);
            checker.Analyze(file, findings);
        }
        checker.AddCrossNoteDuplicates(findings);
        // Each note's findings together, in position order, notes in the order they were named.
        findings = [.. findings.OrderBy(f => order.GetValueOrDefault(f.File, -1)).ThenBy(f => f.Range.Start).ThenBy(f => f.Rule.Code, StringComparer.Ordinal)];

        switch (format)
        {
            case "json":
                stdout.Flush();
                FindingWriters.Json(stdoutStream, findings);
                break;
            case "sarif":
                stdout.Flush();
                FindingWriters.Sarif(stdoutStream, findings, Program.Version);
                break;
            default:
                FindingWriters.Text(stdout, findings);
                stdout.Write(Summary(findings, checker.NotesChecked) + "\n");
                break;
        }
        if (format != "text") stderr.Write(Summary(findings, checker.NotesChecked) + "\n");
        return findings.Any(f => f.Severity == Severity.Error) ? 1 : 0;
    }

    private static string Summary(List<Finding> findings, int notes)
    {
        int Count(Severity s) => findings.Count(f => f.Severity == s);
        string Plural(int n, string word) => n == 1 ? $"1 {word}" : $"{n} {word}s";
        return $"{Plural(Count(Severity.Error), "error")}, {Plural(Count(Severity.Warning), "warning")}, " +
               $"{Count(Severity.Information)} information, {Plural(Count(Severity.Hint), "hint")} in {Plural(notes, "note")}";
    }
}
