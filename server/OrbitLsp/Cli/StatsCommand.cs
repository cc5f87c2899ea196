using OrbitLsp.Core.Review;
using Spectre.Console;

namespace OrbitLsp.Cli;

/// <summary><c>orbitlsp stats [paths]</c>: what is due, what is learned, and the next 30 days.</summary>
internal static class StatsCommand
{
    public const string Help = $"""
        Usage: orbitlsp stats [options] [paths...]

        Counts the cards of the notes (folders are searched for *.md, as for 'orbitlsp check')
        against the review store: due today, new (never reviewed; new cards count as due),
        learned, and the cards whose history is kept though no note holds them any more; then
        the reviewed cards falling due on each of the next 30 days, as a table and a bar chart.

        Options:
        {ReviewWorkspace.OptionsHelp}
          -h, --help           show this help
        """;

    public const int Days = 30;

    public static int Run(IEnumerable<string> args, IAnsiConsole console, TextWriter stderr)
    {
        var parsed = Arguments.Parse(args, ReviewWorkspace.Options);
        if (parsed.Help)
        {
            console.Profile.Out.Writer.Write(Help + "\n");
            return 0;
        }
        if (parsed.Error is not null)
        {
            stderr.Write($"orbitlsp stats: {parsed.Error}\nRun 'orbitlsp stats --help' for usage.\n");
            return 2;
        }
        if (ReviewWorkspace.Load("stats", parsed, stderr) is not { } workspace) return 1;
        var queue = workspace.Queue();
        var forecast = ReviewForecast.Of(queue.Select(q => q.Schedule), workspace.Orphans(queue), Days);
        Render(console, workspace.Store.Path, workspace.Today, forecast);
        return 0;
    }

    public static void Render(IAnsiConsole console, string store, DateOnly today, ReviewForecast forecast)
    {
        var summary = new Table().Border(TableBorder.Rounded).Title($"[bold]Spaced review[/] as of {today:ddd d MMM yyyy}")
            .AddColumn("Cards").AddColumn(new TableColumn("Count").RightAligned());
        summary.AddRow("In the notes", $"{forecast.Cards:N0}");
        summary.AddRow("[bold]Due today[/] (reviewed, due or overdue)", $"[bold]{forecast.Due:N0}[/]");
        summary.AddRow("New (never reviewed, due too)", $"{forecast.New:N0}");
        summary.AddRow("To review today", $"[bold]{forecast.Due + forecast.New:N0}[/]");
        summary.AddRow("Learned (reviewed at least once)", $"{forecast.Learned:N0}");
        summary.AddRow("[grey]History kept, in no note[/]", $"[grey]{forecast.Orphans:N0}[/]");
        summary.Caption($"[grey]{Markup.Escape(store)}[/]");
        console.Write(summary);

        var table = new Table().Border(TableBorder.Simple).Title($"Reviews falling due, next {forecast.PerDay.Length} days")
            .AddColumn("Day").AddColumn("Date").AddColumn(new TableColumn("Cards").RightAligned())
            .AddColumn("Day").AddColumn("Date").AddColumn(new TableColumn("Cards").RightAligned());
        int half = (forecast.PerDay.Length + 1) / 2;
        for (int i = 0; i < half; i++)
        {
            var left = Cells(today, i, forecast.PerDay);
            var right = i + half < forecast.PerDay.Length ? Cells(today, i + half, forecast.PerDay) : ["", "", ""];
            table.AddRow([.. left, .. right]);
        }
        console.Write(table);

        var chart = new BarChart().Width(72).Label("[bold]Cards due per day[/] (today includes overdue)").LeftAlignLabel();
        for (int i = 0; i < forecast.PerDay.Length; i++)
            chart.AddItem(DayLabel(today, i), forecast.PerDay[i], i == 0 ? Color.Orange1 : Color.SteelBlue1);
        console.Write(chart);
    }

    private static string[] Cells(DateOnly today, int i, int[] perDay) =>
        [i == 0 ? "today" : $"+{i}", today.AddDays(i).ToString("ddd d MMM", System.Globalization.CultureInfo.InvariantCulture),
            perDay[i] == 0 ? "[grey]0[/]" : $"{perDay[i]:N0}"];

    private static string DayLabel(DateOnly today, int i) =>
        i == 0 ? "today" : today.AddDays(i).ToString("ddd dd MMM", System.Globalization.CultureInfo.InvariantCulture);
}
