using OrbitLsp.HugoDifferential.Tests.Cli;
using OrbitLsp.HugoDifferential.Tests.Generation;
using OrbitLsp.HugoDifferential.Tests.Hugo;
using OrbitLsp.HugoDifferential.Tests.Infrastructure;

namespace OrbitLsp.HugoDifferential.Tests;

/// <summary>
/// The notes of one test run, rendered once by Hugo and read once by the CLI, shared by the tests.
/// The notes are the fixtures (tests/fixtures/**/*.md but `nohugo-*`), the examples, and generated notes.
/// </summary>
public sealed class DifferentialRun : IDisposable
{
    public const int Seed = 20261127;
    public const int GeneratedCount = 300;

    private readonly Lazy<IReadOnlyList<HugoVerdict>> verdicts;
    private readonly Lazy<(IReadOnlyList<CliCard> Cards, IReadOnlyList<CliDiagnostic> Diagnostics)> cli;

    internal string WorkDirectory { get; } = Path.Combine(Path.GetTempPath(), "orbitlsp-hugo-" + Guid.NewGuid().ToString("N")[..8]);

    internal IReadOnlyList<Note> Notes { get; }

    internal HugoSite Site { get; }

    internal OrbitCli? Cli { get; private set; }

    /// <summary>Wall-clock time Hugo took to render all the notes.</summary>
    internal TimeSpan HugoTime { get; private set; }

    public DifferentialRun()
    {
        Notes = [.. FixtureNotes(), .. new NoteGenerator(Seed).Generate(GeneratedCount)];
        Directory.CreateDirectory(Path.Combine(WorkDirectory, "notes"));
        foreach (var note in Notes)
        {
            File.WriteAllBytes(PathOf(note), note.Content);
        }
        if (Directory.Exists(RepositoryLayout.KeptNotes))
        {
            Directory.Delete(RepositoryLayout.KeptNotes, recursive: true);
        }
        Site = new HugoSite(RepositoryLayout.FindHugo(), WorkDirectory);
        verdicts = new(() =>
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var rendered = Site.Render(Notes);
            HugoTime = clock.Elapsed;
            return rendered;
        });
        cli = new(() =>
        {
            Cli = new OrbitCli(RepositoryLayout.FindCli());
            var published = Verdicts.Where(v => v.Html is not null).Select(v => PathOf(v.Note)).ToList();
            return (Cli.Cards(published), Cli.Check(Notes.Select(PathOf).ToList()));
        });
    }

    /// <summary>Hugo's verdict on every note, in the order of <see cref="Notes"/>.</summary>
    internal IReadOnlyList<HugoVerdict> Verdicts => verdicts.Value;

    internal IReadOnlyList<CliCard> Cards => cli.Value.Cards;

    internal IReadOnlyList<CliDiagnostic> Diagnostics => cli.Value.Diagnostics;

    /// <summary>The path the CLI is given (and reports back in `file`).</summary>
    internal string PathOf(Note note) => Path.Combine(WorkDirectory, "notes", note.FileName);

    /// <summary>Where a note can be found after the run: its repository path, or a kept copy.</summary>
    internal string Keep(Note note)
    {
        if (!note.IsGenerated)
        {
            return note.Origin;
        }
        Directory.CreateDirectory(RepositoryLayout.KeptNotes);
        var kept = Path.Combine(RepositoryLayout.KeptNotes, note.FileName);
        File.WriteAllBytes(kept, note.Content);
        return kept;
    }

    private static IEnumerable<Note> FixtureNotes()
    {
        var root = RepositoryLayout.Root;
        var fixtures = Path.Combine(root, "tests", "fixtures");
        var files = Directory.Exists(fixtures)
            ? Directory.EnumerateFiles(fixtures, "*.md", SearchOption.AllDirectories)
                .Where(f => !Path.GetFileName(f).StartsWith("nohugo-", StringComparison.Ordinal))
            : [];
        files = files.Concat(Directory.EnumerateFiles(Path.Combine(root, "examples"), "*.md"));
        foreach (var file in files.Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
            var id = relative[..^3].Replace("/", "--").Replace(' ', '_');
            yield return Note.FromFile(id, file, relative);
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(WorkDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A scratch folder left in the temp directory is harmless.
        }
    }
}
