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
        Assert.Null(error);
        var settings = FindConfig(path);
        var analysis = NoteAnalyzer.Analyze(text!, settings);
        string expectedPath = fixture.StartsWith("examples/", StringComparison.Ordinal)
            ? Path.Combine(Snapshot.RepoRoot, "tests", "fixtures-expected", "examples", Path.GetFileName(path) + ".expected")
            : path + ".expected";
        Directory.CreateDirectory(Path.GetDirectoryName(expectedPath)!);
        Snapshot.Check(expectedPath, Snapshot.Dump(analysis));
    }

    private static RuleSettings? FindConfig(string notePath) => new Workspace.ConfigLocator().ForNote(notePath)?.Settings;
}
