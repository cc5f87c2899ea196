using System.Text.RegularExpressions;
using OrbitLsp.HugoDifferential.Tests.Infrastructure;

namespace OrbitLsp.HugoDifferential.Tests.Hugo;

/// <summary>What Hugo did with one note.</summary>
/// <param name="Html">The page body, when the note built and was published.</param>
/// <param name="Error">Hugo's error, when the note makes the site build fail.</param>
internal sealed record HugoVerdict(Note Note, string? Html, string? Error)
{
    public bool Built => Error is null;
}

/// <summary>
/// Scratch copies of tests/hugo-site that render many notes at once. One bad note fails the
/// whole build and Hugo names only the first, so the culprit is taken out and the rest rebuilt
/// (bisecting when Hugo names no note) until what remains builds. The notes are split between
/// two copies built side by side.
/// </summary>
internal sealed partial class HugoSite(string hugo, string workDirectory)
{
    private const int Lanes = 2;

    // Each page starts with a marker naming its source file, so no page is looked up by URL
    // (front matter may set url, slug or aliases).
    private const string MarkedLayout = """
        <meta name="orbit-note" content="{{ .File.Path }}">
        {{ .Content }}
        """;

    private readonly string executable = hugo;
    private readonly Lock clock = new();
    private int renders;

    public int Runs { get; private set; }

    public TimeSpan Elapsed { get; private set; }

    public string Version() => ProcessRunner.Run(executable, ["version"], workDirectory).StandardOutput.Trim();

    public IReadOnlyList<HugoVerdict> Render(IReadOnlyList<Note> notes)
    {
        var render = Interlocked.Increment(ref renders);
        var lanes = Enumerable.Range(0, Math.Min(Lanes, notes.Count))
            .Select(lane => Task.Run(() =>
            {
                var workspace = new Workspace(this, Path.Combine(workDirectory, $"site-{render}-{lane}"));
                var verdicts = new List<HugoVerdict>();
                workspace.Resolve(notes.Where((_, i) => i % Lanes == lane).ToList(), verdicts);
                return verdicts;
            }))
            .ToArray();
        var order = notes.Select((n, i) => (n.Id, i)).ToDictionary(p => p.Id, p => p.i);
        return lanes.SelectMany(l => l.Result).OrderBy(v => order[v.Note.Id]).ToList();
    }

    private void Count(TimeSpan elapsed)
    {
        lock (clock)
        {
            Runs++;
            Elapsed += elapsed;
        }
    }

    [GeneratedRegex("""<meta name="orbit-note" content="(?<file>[^"]*)">""")]
    private static partial Regex Marker();

    private sealed class Workspace
    {
        private readonly HugoSite owner;
        private readonly string site;
        private readonly string content;
        private readonly string output;
        private readonly HashSet<string> present = [];

        public Workspace(HugoSite owner, string directory)
        {
            this.owner = owner;
            site = Path.Combine(directory, "site");
            content = Path.Combine(site, "content");
            output = Path.Combine(directory, "public");
            Directory.CreateDirectory(content);
            File.Copy(Path.Combine(RepositoryLayout.HugoSite, "hugo.toml"), Path.Combine(site, "hugo.toml"));
            CopyDirectory(Path.Combine(RepositoryLayout.HugoSite, "layouts"), Path.Combine(site, "layouts"));
            File.WriteAllText(Path.Combine(site, "layouts", "_default", "single.html"), MarkedLayout);
        }

        public void Resolve(List<Note> notes, List<HugoVerdict> verdicts)
        {
            while (notes.Count > 0)
            {
                var result = Build(notes);
                if (result.ExitCode == 0)
                {
                    verdicts.AddRange(ReadPages(notes));
                    return;
                }
                var error = Clean(result.StandardError + result.StandardOutput);
                var culprit = notes.FirstOrDefault(n => error.Contains("/" + n.FileName + ":", StringComparison.Ordinal));
                if (culprit is null && notes.Count == 1)
                {
                    culprit = notes[0];
                }
                if (culprit is not null)
                {
                    verdicts.Add(new HugoVerdict(culprit, null, error));
                    notes.Remove(culprit);
                    continue;
                }
                var half = notes.Count / 2;
                Resolve(notes.Take(half).ToList(), verdicts);
                Resolve(notes.Skip(half).ToList(), verdicts);
                return;
            }
        }

        private ProcessResult Build(List<Note> notes)
        {
            var wanted = notes.Select(n => n.FileName).ToHashSet();
            foreach (var stale in present.Where(f => !wanted.Contains(f)).ToList())
            {
                File.Delete(Path.Combine(content, stale));
                present.Remove(stale);
            }
            foreach (var note in notes.Where(n => present.Add(n.FileName)))
            {
                File.WriteAllBytes(Path.Combine(content, note.FileName), note.Content);
            }
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
            var result = ProcessRunner.Run(owner.executable,
                ["--quiet", "--noBuildLock", "--buildDrafts", "--buildFuture", "--buildExpired",
                 "--source", site, "--destination", output, "--cacheDir", Path.Combine(site, ".cache")],
                site);
            owner.Count(result.Elapsed);
            return result;
        }

        private IEnumerable<HugoVerdict> ReadPages(List<Note> notes)
        {
            var pages = new Dictionary<string, string>();
            foreach (var file in Directory.EnumerateFiles(output, "*.html", SearchOption.AllDirectories))
            {
                var html = File.ReadAllText(file);
                var marker = Marker().Match(html);
                if (marker.Success)
                {
                    pages[System.Net.WebUtility.HtmlDecode(marker.Groups["file"].Value)] = html[(marker.Index + marker.Length)..];
                }
            }
            // NOTE: a note that builds but publishes no page (headless, `build: render: never`) has
            // Html null: nothing is published, and the test lists it as not compared.
            return notes.Select(n => new HugoVerdict(n, pages.GetValueOrDefault(n.FileName), null)).ToList();
        }

        private string Clean(string error) => error.Replace(content + Path.DirectorySeparatorChar, "content/").Trim();

        private static void CopyDirectory(string from, string to)
        {
            Directory.CreateDirectory(to);
            foreach (var file in Directory.EnumerateFiles(from))
            {
                File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
            }
            foreach (var folder in Directory.EnumerateDirectories(from))
            {
                CopyDirectory(folder, Path.Combine(to, Path.GetFileName(folder)));
            }
        }
    }
}
