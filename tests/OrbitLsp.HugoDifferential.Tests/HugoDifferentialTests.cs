using System.Text;
using System.Text.RegularExpressions;
using OrbitLsp.HugoDifferential.Tests.Hugo;

namespace OrbitLsp.HugoDifferential.Tests;

/// <summary>
/// The proof that OrbitLsp tells what Hugo publishes: every note is rendered by the real Hugo
/// through tests/hugo-site, and the cards on the page are compared with `orbitlsp cards`; a note
/// that Hugo refuses to build must get an error from `orbitlsp check`.
/// </summary>
public sealed partial class HugoDifferentialTests(DifferentialRun run, ITestOutputHelper output) : IClassFixture<DifferentialRun>
{
    [Fact]
    public void Cards_of_every_published_note_are_the_cards_Hugo_publishes()
    {
        var cardsByFile = run.Cards.ToLookup(c => c.File);
        var diagnostics = run.Diagnostics.ToLookup(d => d.File);
        var failures = new StringBuilder();
        var expected = new List<string>();
        int compared = 0, cards = 0, unpublished = 0;
        foreach (var verdict in run.Verdicts.Where(v => v.Built))
        {
            if (verdict.Html is null)
            {
                unpublished++;
                continue;
            }
            var areas = RenderedPage.Parse(verdict.Html);
            var noteCards = cardsByFile[run.PathOf(verdict.Note)].ToList();
            var unknowable = CardComparison.UnknowableBlocks(noteCards, diagnostics[run.PathOf(verdict.Note)]);
            var hugo = CardRow.FromHugo(areas).Where(r => !unknowable.Contains(r.Block)).ToList();
            var cli = CardRow.FromCli(noteCards).Where(r => !unknowable.Contains(r.Block)).ToList();
            compared++;
            cards += hugo.Count;
            if (unknowable.Count > 0)
            {
                expected.Add($"{verdict.Note.Id}: block {string.Join(", ", unknowable)} holds a shortcode call (check: OL004); its other blocks are compared");
            }
            if (hugo.SequenceEqual(cli))
            {
                failures.Append(WrongLines(verdict.Note, noteCards));
                continue;
            }
            if (CardComparison.ExpectedDifference(verdict.Html, areas) is { } reason)
            {
                expected.Add($"{verdict.Note.Id}: {reason}");
                continue;
            }
            failures.Append($"\n{run.Keep(verdict.Note)}\n  ({verdict.Note.Origin})\n")
                .Append(CardComparison.SideBySide(hugo, cli));
        }
        output.WriteLine($"{Summary()}; compared {compared} published notes ({cards} cards), "
            + $"{expected.Count} left out in whole or part, {unpublished} built without a page.");
        foreach (var line in expected)
        {
            output.WriteLine("  left out: " + line);
        }
        Assert.True(failures.Length == 0,
            "orbitlsp cards differs from what Hugo publishes. Each note below is kept on disk; render it by hand "
            + "with `cd tests/hugo-site && hugo -D -d /tmp/out` (tests/hugo-site/README.md).\n" + failures);
    }

    [Fact]
    public void Every_note_Hugo_refuses_to_build_gets_an_error_from_check()
    {
        var diagnostics = run.Diagnostics.ToLookup(d => d.File);
        var failures = new StringBuilder();
        foreach (var verdict in run.Verdicts.Where(v => !v.Built))
        {
            var found = diagnostics[run.PathOf(verdict.Note)].ToList();
            if (found.Any(d => d.Severity == "error"))
            {
                continue;
            }
            failures.Append($"\n{run.Keep(verdict.Note)}\n  ({verdict.Note.Origin})\n  Hugo: {verdict.Error}\n  check: ")
                .AppendJoin("\n         ", found.Select(d => $"{d.Line}:{d.Column} {d.Severity} {d.Code} {d.Message}").DefaultIfEmpty("(nothing)"))
                .Append('\n');
        }
        var builtWithErrors = run.Verdicts.Where(v => v.Built && diagnostics[run.PathOf(v.Note)].Any(d => d.Severity == "error")).ToList();
        output.WriteLine($"{Summary()}; {run.Verdicts.Count(v => !v.Built)} notes fail the Hugo build; "
            + $"check reports errors on {builtWithErrors.Count} notes Hugo builds:");
        foreach (var verdict in builtWithErrors)
        {
            var first = diagnostics[run.PathOf(verdict.Note)].First(d => d.Severity == "error");
            output.WriteLine($"  {verdict.Note.Id}: {first.Code} {first.Message}");
        }
        Assert.True(failures.Length == 0,
            "Hugo fails to build these notes, and `orbitlsp check` reports no error for them:\n" + failures);
    }

    [Fact]
    public void No_note_Hugo_builds_is_said_to_fail_the_build()
    {
        var failures = new StringBuilder();
        var diagnostics = run.Diagnostics.ToLookup(d => d.File);
        foreach (var verdict in run.Verdicts.Where(v => v.Built))
        {
            var claims = diagnostics[run.PathOf(verdict.Note)].Where(d => SaysTheBuildFails().IsMatch(d.Message)).ToList();
            if (claims.Count == 0)
            {
                continue;
            }
            failures.Append($"\n{run.Keep(verdict.Note)}\n  ({verdict.Note.Origin})\n  Hugo builds it")
                .Append(verdict.Html is null ? " (no page)" : "").Append(", but check says:\n")
                .AppendJoin("", claims.Select(d => $"    {d.Line}:{d.Column} {d.Severity} {d.Code} {d.Message}\n"));
        }
        Assert.True(failures.Length == 0, "`orbitlsp check` says the Hugo build fails for notes Hugo builds:\n" + failures);
    }

    [Fact]
    public void The_generated_notes_cover_both_published_and_refused_notes()
    {
        var generated = run.Verdicts.Where(v => v.Note.IsGenerated).ToList();
        var published = generated.Count(v => v.Html is not null);
        var refused = generated.Count(v => !v.Built);
        var intended = generated.Count(v => v.Note.Origin.Contains("BREAKS:", StringComparison.Ordinal));
        output.WriteLine($"{generated.Count} generated notes: {published} published, {refused} refused by Hugo "
            + $"({intended} written to break the build); Hugo {run.Site.Version()}.");
        foreach (var surprise in generated.Where(v => v.Built == v.Note.Origin.Contains("BREAKS:", StringComparison.Ordinal)))
        {
            output.WriteLine($"  {(surprise.Built ? "built" : "refused")} against the generator's intent: {run.Keep(surprise.Note)} "
                + $"({surprise.Note.Origin}) {surprise.Error}");
        }
        Assert.InRange(published, generated.Count * 6 / 10, generated.Count);
        Assert.InRange(refused, generated.Count / 12, generated.Count * 3 / 10);
        Assert.All(run.Verdicts.Where(v => v.Note.Origin.StartsWith("examples/", StringComparison.Ordinal)),
            v => Assert.True(v.Html is not null, $"{v.Note.Origin} should build and publish a page: {v.Error}"));
    }

    [Fact]
    public void The_test_site_renders_the_format_example_as_ORBIT_FORMAT_describes()
    {
        var note = Note.Generated("format-example", "ORBIT-FORMAT §1 and §2a",
            "---\ntitle: t\n---\n{{<orbit_review color=\"blue\">}}\n**Question one?**\nAnswer one\n\n\t\nQuestion two?\n"
            + "***\n<&\">\n{{</orbit_review>}}\n\n<!--\n{{< orbit_review >}}\nq\n{{< /orbit_review >}}\n-->\n");
        var verdict = Assert.Single(run.Site.Render([note]));
        Assert.NotNull(verdict.Html);
        var areas = RenderedPage.Parse(verdict.Html);
        Assert.Equal(
            [
                new CardRow(0, 0, "Question one?", "Answer one", "blue", false),
                new CardRow(0, 1, "\t", "Question two?", "blue", false),
                new CardRow(0, 2, "<&\">", "", "blue", false),
                new CardRow(1, 0, "q", "", "purple", true),
            ],
            CardRow.FromHugo(areas));
    }

    // How check's messages say a note breaks the site build ("Hugo fails the build: ...").
    [GeneratedRegex("fails the build|build fails", RegexOptions.IgnoreCase)]
    private static partial Regex SaysTheBuildFails();

    private string Summary() =>
        $"{run.Notes.Count} notes ({run.Notes.Count(n => n.IsGenerated)} generated, seed {DifferentialRun.Seed}); "
        + $"Hugo: {run.Site.Runs} builds in {run.HugoTime.TotalSeconds:F1} s; CLI: {run.Cli?.Elapsed.TotalSeconds ?? 0:F1} s";

    /// <summary>
    /// A card's `line` must be the line where its question starts. Lines are counted as LSP counts
    /// them (a break is \n, \r\n or a lone \r), so a question holding a lone \r runs on. A question
    /// not written verbatim in the note (an entity or a `\"` escape in its source) is not checked.
    /// </summary>
    private string WrongLines(Note note, IEnumerable<Cli.CliCard> cards)
    {
        var text = note.Text;
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.Length || text[i + 1] != '\n')))
            {
                starts.Add(i + 1);
            }
        }
        bool Holds(int line, string question)
        {
            if (line < 1 || line > starts.Count)
            {
                return false;
            }
            var at = text.IndexOf(question, starts[line - 1], StringComparison.Ordinal);
            return at >= 0 && (line == starts.Count || at < starts[line]);
        }
        var wrong = cards.Where(c => c.Question is not null && text.Contains(c.Question, StringComparison.Ordinal)
            && !CardComparison.IsNestedArea(c.Question) && !Holds(c.Line, c.Question)).ToList();
        if (wrong.Count == 0)
        {
            return "";
        }
        var report = new StringBuilder($"\n{run.Keep(note)}\n  ({note.Origin})\n  the cards agree with Hugo, but `line` is not where the question starts:\n");
        foreach (var card in wrong)
        {
            var shown = card.Line >= 1 && card.Line <= starts.Count
                ? CardRow.Show(text[starts[card.Line - 1]..(card.Line < starts.Count ? starts[card.Line] : text.Length)])
                : "(no such line)";
            report.Append($"    {card.Block}.{card.Prompt} Q={CardRow.Show(card.Question)} line {card.Line}: {shown}\n");
        }
        return report.ToString();
    }
}
