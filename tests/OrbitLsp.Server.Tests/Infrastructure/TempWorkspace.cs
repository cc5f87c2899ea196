using System.Text.Json;

namespace OrbitLsp.Server.Tests.Infrastructure;

/// <summary>A folder of notes on disk for one test, deleted afterwards.</summary>
public sealed class TempWorkspace : IDisposable
{
    public TempWorkspace(params (string Path, string Text)[] files)
    {
        Root = Path.Combine(Path.GetTempPath(), "orbitlsp-workspace-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        foreach (var (path, text) in files) Write(path, text);
    }

    public string Root { get; }

    public string RootUri => new Uri(Root + "/").AbsoluteUri.TrimEnd('/');

    public string Uri(string path) => new Uri(Path.Combine(Root, path)).AbsoluteUri;

    public string Text(string path) => File.ReadAllText(Path.Combine(Root, path));

    public void Write(string path, string text)
    {
        string full = Path.Combine(Root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }

    public void Delete(string path) => File.Delete(Path.Combine(Root, path));

    /// <summary>Initializes the server with this folder as its one workspace folder.</summary>
    public async Task<JsonElement> InitializeAsync(LspTestClient client, object capabilities)
    {
        var result = await client.RequestAsync("initialize", new
        {
            processId = (int?)null,
            rootUri = RootUri,
            workspaceFolders = new[] { new { uri = RootUri, name = "notes" } },
            capabilities,
            clientInfo = new { name = "tests" },
        });
        await client.NotifyAsync("initialized", new { });
        return result;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>A note with one review block of the given prompts (question, answer).</summary>
    public static string Note(params (string Question, string Answer)[] prompts) =>
        "# Note\n\n{{< orbit_review >}}\n" + string.Join("\n", prompts.Select(p => $"{p.Question}\n{p.Answer}\n")) + "{{< /orbit_review >}}\n";
}
