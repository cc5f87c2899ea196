using OrbitLsp.Core.Analysis;
using OrbitLsp.Core.Config;

namespace OrbitLsp.Core.Tests;

/// <summary>Every note under tests/fixtures and examples/, analysed and compared with its expected dump.</summary>
public class FixtureTests
{
    public static TheoryData<string> Fixtures()
    {
        var data = new TheoryData<string>();
        foreach (var dir in new[] { "tests/fixtures", "examples" })
        {
            string root = Path.Combine(Snapshot.RepoRoot, dir);
            if (!Directory.Exists(root)) continue;
            foreach (var f in Directory.GetFiles(root, "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                data.Add(Path.GetRelativePath(Snapshot.RepoRoot, f).Replace('\\', '/'));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Fixture_analysis_matches_its_expected_dump(string fixture)
    {
        string path = Path.Combine(Snapshot.RepoRoot, fixture);
        var (text, error) = Workspace.NoteReader.Read(path);
        var config = new Workspace.ConfigLocator().ForNote(path);
        string configDump = config is null || config.Problems.IsEmpty ? "" : string.Concat(config.Problems.Select(p =>
            $"config {Path.GetFileName(config.Path)} [{p.Span.Start}..{p.Span.End}) {p.Message}\n"));
        string dump = text is null ? $"unreadable: {error}\n" : Snapshot.Dump(NoteAnalyzer.Analyze(text, config?.Settings));
        string expectedPath = fixture.StartsWith("examples/", StringComparison.Ordinal)
            ? Path.Combine(Snapshot.RepoRoot, "tests", "fixtures-expected", "examples", Path.GetFileName(path) + ".expected")
            : path + ".expected";
        Directory.CreateDirectory(Path.GetDirectoryName(expectedPath)!);
        Snapshot.Check(expectedPath, configDump + dump);
    }
}
