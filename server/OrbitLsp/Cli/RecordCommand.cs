using OrbitLsp.Core.Review;
using OrbitLsp.Reviews;

namespace OrbitLsp.Cli;

/// <summary><c>orbitlsp record CARD GRADE</c>: records a grade given elsewhere (a script, another tool).</summary>
internal static class RecordCommand
{
    public const string Help = $"""
        Usage: orbitlsp record [options] CARD GRADE
               orbitlsp record [options] -        (lines "CARD GRADE [TIME]" on stdin)

        Appends grades to the review store the editors and 'orbitlsp review' use. CARD is a
        card's id (32 hex digits, as orbit.reviewDue gives it); GRADE is forgotten, hard,
        remembered or easy (or 1-4); TIME an ISO 8601 time (default: now), whose local day
        counts. Each grade is appended on its own, under the store's lock.

        Options:
          --at TIME            when the grade was given (default: now)
        {ReviewWorkspace.OptionsHelp}
          -h, --help           show this help
        """;

    public static int Run(IEnumerable<string> args, TextWriter stdout, TextReader stdin, TextWriter stderr)
    {
        var parsed = Arguments.Parse(args, new HashSet<string>(ReviewWorkspace.Options) { "at" });
        if (parsed.Help)
        {
            stdout.Write(Help + "\n");
            return 0;
        }
        if (parsed.Error is not null || !(parsed.Paths is ["-"] || parsed.Paths.Count == 2))
        {
            stderr.Write($"orbitlsp record: {parsed.Error ?? "give CARD GRADE, or - to read them from stdin"}\nRun 'orbitlsp record --help' for usage.\n");
            return 2;
        }
        if (!ReviewWorkspace.TryOptions("record", parsed, stderr, out var scheduler, out _)) return 2;
        string root = ReviewWorkspace.FindRoot(".");
        ReviewStore store;
        try
        {
            store = ReviewStore.Open(ReviewStore.PathFor(root, parsed.Options.GetValueOrDefault("store")), scheduler);
        }
        catch (ReviewStoreException e)
        {
            stderr.Write($"orbitlsp record: {e.Message}\n");
            return 1;
        }
        IEnumerable<(string Text, int Line)> lines = parsed.Paths is ["-"]
            ? ReadLines(stdin)
            : [($"{parsed.Paths[0]} {parsed.Paths[1]} {parsed.Options.GetValueOrDefault("at", "")}", 0)];
        int recorded = 0, failed = 0;
        foreach (var (text, line) in lines)
        {
            string where = line > 0 ? $"stdin:{line}: " : "";
            var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (parts.Length == 0) continue;
            if (parts.Length is < 2 or > 3 || !CardKey.TryParse(parts[0], out var card) || ReviewGrades.Parse(parts[1]) is not { } grade)
            {
                stderr.Write($"orbitlsp record: {where}expected CARD (32 hex digits) GRADE (forgotten|hard|remembered|easy) [TIME], not '{text}'\n");
                failed++;
                continue;
            }
            var at = DateTimeOffset.Now;
            if (parts.Length == 3 && !DateTimeOffset.TryParse(parts[2], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeLocal, out at))
            {
                stderr.Write($"orbitlsp record: {where}'{parts[2]}' is not an ISO 8601 time\n");
                failed++;
                continue;
            }
            try
            {
                store.Record(new ReviewEvent(card, grade, LocalDay(at), at.ToUniversalTime()));
                recorded++;
            }
            catch (ReviewStoreException e)
            {
                stderr.Write($"orbitlsp record: {e.Message}\n");
                return 1;
            }
        }
        stdout.Write($"{recorded} grade(s) recorded in {store.Path}\n");
        return failed > 0 ? 1 : 0;
    }

    /// <summary>The author's local day of a time: the day in its own offset when it has one, else on this machine's clock.</summary>
    public static DateOnly LocalDay(DateTimeOffset at) => DateOnly.FromDateTime(at.DateTime);

    private static IEnumerable<(string, int)> ReadLines(TextReader stdin)
    {
        int n = 0;
        string? line;
        while ((line = stdin.ReadLine()) is not null) yield return (line, ++n);
    }
}
