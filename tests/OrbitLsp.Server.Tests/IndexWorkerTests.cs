using System.Collections.Immutable;
using System.IO.Pipelines;
using System.Text;
using OrbitLsp.Core.Config;
using OrbitLsp.Core.Diagnostics;
using OrbitLsp.LanguageServer.Workspace;
using OrbitLsp.Server.Tests.Infrastructure;
using OrbitLsp.Workspace;

namespace OrbitLsp.Server.Tests;

/// <summary>
/// The indexing worker's wire: what the worker sends for a note equals what the server's own
/// process would record for it, field by field, for every fixture note.
/// </summary>
[Trait(TestServer.Trait, TestServer.HereOnly)]
public sealed class IndexWorkerTests
{
    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "OrbitLsp.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("OrbitLsp.sln not found");
    }

    /// <summary>Every fixture note, copied into a folder whose <c>.orbitlsp.yaml</c> turns one rule off and raises another.</summary>
    private static (string Root, List<string> Paths) Fixtures()
    {
        string root = Path.Combine(Path.GetTempPath(), "orbitlsp-worker-tests", Guid.NewGuid().ToString("N"));
        var paths = new List<string>();
        foreach (string file in Directory.EnumerateFiles(Path.Combine(RepoRoot(), "tests", "fixtures"), "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            string to = Path.Combine(root, paths.Count % 2 == 0 ? "plain" : "configured", paths.Count + "-" + Path.GetFileName(file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
            paths.Add(to);
        }
        File.WriteAllText(Path.Combine(root, "configured", OrbitConfig.FileName), "rules:\n  OL028: off\n  OL005: error\n");
        File.WriteAllBytes(Path.Combine(root, "plain", "binary.md"), [0xC3, 0x28, 0x00, 0xFF]);
        paths.Add(Path.Combine(root, "plain", "binary.md"));
        paths.Add(Path.Combine(root, "plain", "gone.md"));
        return (root, paths);
    }

    private static byte[] Bytes(NoteEntry entry)
    {
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream, new UTF8Encoding(false), leaveOpen: true)) IndexWorker.Write(w, entry);
        return stream.ToArray();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_worker_sends_for_every_fixture_what_the_server_would_record_itself(bool utf8)
    {
        var (root, paths) = Fixtures();
        try
        {
            var client = new RuleSettings(ImmutableDictionary<string, Severity?>.Empty.Add("OL001", Severity.Information).Add("OL090", null));
            var toWorker = new Pipe();
            var fromWorker = new Pipe();
            using (var w = new BinaryWriter(toWorker.Writer.AsStream(), new UTF8Encoding(false), leaveOpen: true))
            {
                IndexWorker.WriteHeader(w, new IndexWorker.Header(utf8, true, client));
                foreach (string path in paths) w.Write(path);
            }
            await toWorker.Writer.CompleteAsync();
            var worker = Task.Run(() => IndexWorker.Run(toWorker.Reader.AsStream(), fromWorker.Writer.AsStream(), WorkspaceIndex.Utf8Range));

            var direct = new NoteIndex(rangeOf: utf8 ? WorkspaceIndex.Utf8Range : null);
            var configs = new ConfigLocator();
            using var reader = new BinaryReader(fromWorker.Reader.AsStream(), new UTF8Encoding(false));
            // As the server reads them: every entry's prompts in one array, grown and reused.
            Core.Analysis.PromptIndex.PromptHash[]? prompts = null;
            foreach (string path in paths)
            {
                var (entry, failure) = IndexWorker.ReadRecord(reader, ref prompts);
                Assert.Null(failure);
                var expected = direct.ComputeFromDisk(path, (configs.ForNote(path)?.Settings ?? RuleSettings.Default).With(client));
                Assert.Equal(path, entry!.Key);
                Assert.Equal(Bytes(expected), Bytes(entry));
                Assert.Equal(expected.Questions.Texts, entry.Questions.Texts);
            }
            Assert.Equal(0, await worker.WaitAsync(TimeSpan.FromSeconds(30)));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void A_header_of_another_kind_is_refused()
    {
        using var reader = new BinaryReader(new MemoryStream(Encoding.UTF8.GetBytes("Content-Length: 12\r\n\r\n")));
        Assert.Throws<InvalidDataException>(() => IndexWorker.ReadHeader(reader));
    }

    [Fact]
    public void A_note_indexed_again_or_removed_frees_the_questions_it_had()
    {
        var index = new NoteIndex();
        var first = index.Set("a.md", Core.Analysis.NoteAnalyzer.Analyze("Note.\n{{< orbit_review >}}\nFirst question?\nA.\n{{< /orbit_review >}}\n"));
        Assert.Equal("First question?", first.Questions.Texts);
        var second = index.Set("a.md", Core.Analysis.NoteAnalyzer.Analyze("Note.\n{{< orbit_review >}}\nSecond question?\nA.\n{{< /orbit_review >}}\n"));
        Assert.Equal("", first.Questions.Texts);
        Assert.Equal("Second question?", second.Questions.Texts);
        Assert.True(index.Remove("a.md"));
        Assert.Equal("", second.Questions.Texts);
    }
}
