using OrbitLsp.Core.Review;
using OrbitLsp.Reviews;
using Spectre.Console;

namespace OrbitLsp.Cli;

/// <summary>
/// <c>orbitlsp review [paths]</c>: the due cards in the terminal, one at a time, with the panel's
/// keys (Space shows the answer, 1 forgotten, 2 remembered, S skips, Q quits), graded into the
/// store the editors use.
/// </summary>
internal static class ReviewCommand
{
    public const string Help = $"""
        Usage: orbitlsp review [options] [paths...]

        Reviews the cards that are due in the notes (folders are searched for *.md): reviewed
        cards due today or overdue first, then new ones. Each card shows its question; Space
        shows the answer; 1 forgotten, 2 remembered (with --four-grades: 1 forgotten, 2 hard,
        3 remembered, 4 easy); S skips; Q quits. Forgotten cards come back once more before
        the session ends (only the first grade of a card is recorded). Math is shown as typed.

        Options:
          --limit N            review at most N cards
          --four-grades        grade with hard and easy too
        {ReviewWorkspace.OptionsHelp}
          -h, --help           show this help
        """;

    public static int Run(IEnumerable<string> args, IAnsiConsole console, TextWriter stderr, bool interactive)
    {
        var parsed = Arguments.Parse(args, new HashSet<string>(ReviewWorkspace.Options) { "limit", "four-grades" });
        if (parsed.Help)
        {
            console.Profile.Out.Writer.Write(Help + "\n");
            return 0;
        }
        int limit = int.MaxValue;
        if (parsed.Error is not null || (parsed.Options.TryGetValue("limit", out var l) && (!int.TryParse(l, out limit) || limit < 1)))
        {
            stderr.Write($"orbitlsp review: {parsed.Error ?? "--limit must be a number of 1 or more"}\nRun 'orbitlsp review --help' for usage.\n");
            return 2;
        }
        if (!interactive)
        {
            stderr.Write("orbitlsp review: needs a terminal to read keys from; 'orbitlsp stats' counts what is due.\n");
            return 2;
        }
        if (ReviewWorkspace.Load("review", parsed, stderr) is not { } workspace) return 1;
        var session = new TerminalReview(console, workspace, parsed.Options.ContainsKey("four-grades"));
        return session.Run(limit);
    }
}

/// <summary>One review session in a terminal.</summary>
internal sealed class TerminalReview(IAnsiConsole console, ReviewWorkspace workspace, bool fourGrades)
{
    private readonly List<(QueuedCard<DiskCard> Card, ReviewGrade Grade, CardReviewState State)> _graded = [];
    private string? _last;

    public int Run(int limit)
    {
        var queue = workspace.Queue();
        var due = queue.Where(q => q.Schedule.IsDue).Take(limit).ToList();
        if (due.Count == 0)
        {
            var next = queue.FirstOrDefault(q => q.Schedule.State == DueState.Later);
            console.MarkupLine(queue.Count == 0
                ? "[yellow]No cards in these notes.[/]"
                : $"Nothing is due today. The next card is {Markup.Escape(next.Schedule.Describe())} ({queue.Count(q => q.Schedule.DaysUntilDue == next.Schedule.DaysUntilDue)} card(s)).");
            return 0;
        }
        var pending = new Queue<QueuedCard<DiskCard>>(due);
        var again = new HashSet<CardKey>();
        int shown = 0, total = due.Count;
        while (pending.TryDequeue(out var card))
        {
            shown++;
            var outcome = Show(card, shown, total + again.Count, again.Contains(card.Key));
            if (outcome is null) break; // quit
            if (outcome == ReviewGrade.Forgotten && again.Add(card.Key)) pending.Enqueue(card);
        }
        Summary(total);
        return 0;
    }

    /// <summary>Shows one card and reads its grade; null when the author quits, <c>default</c> when skipped.</summary>
    private ReviewGrade? Show(QueuedCard<DiskCard> card, int index, int total, bool secondTime)
    {
        var c = card.Item.Review.Card;
        console.Clear();
        if (_last is not null) console.MarkupLine(_last);
        string status = secondTime ? "again, forgotten earlier" : card.Schedule.Describe();
        console.Write(new Rule($"[bold]{index} of {total}[/] · {Markup.Escape(Relative(card.Item.File))}:{card.Item.Line} · {Markup.Escape(status)}")
            .LeftJustified().RuleStyle(Style.Parse(ColorOf(c.Color))));
        console.Write(new Panel(new Text(c.Question)).Header("Question").Border(BoxBorder.Rounded).BorderStyle(Style.Parse(ColorOf(c.Color))).Expand());
        console.MarkupLine("[grey][[Space]] show answer   [[S]] skip   [[Q]] quit[/]");
        while (true)
        {
            var key = ReadKey();
            if (key is ConsoleKey.Q or ConsoleKey.Escape) return null;
            if (key == ConsoleKey.S)
            {
                _last = $"[grey]Skipped {Markup.Escape(Short(c.Question))}[/]";
                return default(ReviewGrade);
            }
            if (key is ConsoleKey.Spacebar or ConsoleKey.Enter) break;
        }
        console.Write(new Panel(new Text(c.Answer.Length > 0 ? c.Answer : "(no answer: the page shows a blank back)")).Header("Answer").Border(BoxBorder.Rounded).Expand());
        console.MarkupLine(fourGrades
            ? "[grey][[1]] forgotten   [[2]] hard   [[3]] remembered   [[4]] easy   [[S]] skip   [[Q]] quit[/]"
            : "[grey][[1]] forgotten   [[2]] remembered   [[S]] skip   [[Q]] quit[/]");
        while (true)
        {
            var grade = ReadKey() switch
            {
                ConsoleKey.D1 or ConsoleKey.NumPad1 => ReviewGrade.Forgotten,
                ConsoleKey.D2 or ConsoleKey.NumPad2 => fourGrades ? ReviewGrade.Hard : ReviewGrade.Remembered,
                ConsoleKey.D3 or ConsoleKey.NumPad3 when fourGrades => ReviewGrade.Remembered,
                ConsoleKey.D4 or ConsoleKey.NumPad4 when fourGrades => ReviewGrade.Easy,
                ConsoleKey.S => default,
                ConsoleKey.Q or ConsoleKey.Escape => (ReviewGrade?)null,
                _ => (ReviewGrade)(-1),
            };
            if (grade is null) return null;
            if (grade == (ReviewGrade)(-1)) continue;
            if (grade == default(ReviewGrade))
            {
                _last = $"[grey]Skipped {Markup.Escape(Short(c.Question))}[/]";
                return grade;
            }
            Grade(card, grade.Value, secondTime);
            return grade;
        }
    }

    private void Grade(QueuedCard<DiskCard> card, ReviewGrade grade, bool secondTime)
    {
        var question = Markup.Escape(Short(card.Item.Review.Card.Question));
        if (secondTime || _graded.Any(g => g.Card.Key == card.Key))
        {
            _last = $"[grey]Practised {question} ({grade.Name()}; the first grade counts)[/]";
            return;
        }
        CardReviewState state;
        try
        {
            state = workspace.Record(card, grade);
        }
        catch (ReviewStoreException e)
        {
            _last = $"[red]Not recorded: {Markup.Escape(e.Message)}[/]";
            return;
        }
        _graded.Add((card, grade, state));
        var next = CardSchedule.Of(state, workspace.Today);
        string color = grade == ReviewGrade.Forgotten ? "orange1" : "green";
        _last = $"[{color}]{grade.Name()}[/] {question} · next review {Markup.Escape(When(next, state.Due))}";
    }

    private void Summary(int total)
    {
        console.Clear();
        if (_last is not null) console.MarkupLine(_last);
        int remembered = _graded.Count(g => g.Grade != ReviewGrade.Forgotten);
        console.MarkupLine($"[bold]{remembered} of {_graded.Count} remembered[/]" + (_graded.Count < total ? $" [grey]({total - _graded.Count} not graded)[/]" : ""));
        if (_graded.Count == 0) return;
        var table = new Table().Border(TableBorder.Simple).AddColumn("Grade").AddColumn("Card").AddColumn("Where").AddColumn("Next review");
        foreach (var (card, grade, state) in _graded)
            table.AddRow(grade == ReviewGrade.Forgotten ? "[orange1]forgotten[/]" : $"[green]{grade.Name()}[/]", Markup.Escape(Short(card.Item.Review.Card.Question)),
                Markup.Escape($"{Relative(card.Item.File)}:{card.Item.Line}"), Markup.Escape(When(CardSchedule.Of(state, workspace.Today), state.Due)));
        console.Write(table);
    }

    private ConsoleKey? ReadKey() => console.Input.ReadKey(intercept: true)?.Key;

    private static string When(CardSchedule s, DateOnly due) =>
        $"{s.Describe().Replace("due ", "")} ({due.ToString("ddd d MMM", System.Globalization.CultureInfo.InvariantCulture)})";

    private static string Short(string text)
    {
        string line = text.ReplaceLineEndings(" ");
        return line.Length > 60 ? line[..57] + "..." : line;
    }

    private string Relative(string file) => Path.GetRelativePath(workspace.Root, file);

    /// <summary>Orbit's colour names, as the terminal's nearest named colour.</summary>
    private static string ColorOf(string color) => color switch
    {
        "red" => "red", "orange" => "orange1", "brown" => "tan", "yellow" => "yellow", "lime" => "lime", "green" => "green",
        "turquoise" => "turquoise2", "cyan" => "cyan", "blue" => "blue", "violet" => "violet", "purple" => "purple", "pink" => "hotpink",
        _ => "grey",
    };
}
