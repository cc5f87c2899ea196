using System.Text;

namespace OrbitLsp.HugoDifferential.Tests;

/// <summary>One note fed to both Hugo and the CLI, byte for byte the same.</summary>
/// <param name="Id">File name without `.md`, unique in a run.</param>
/// <param name="Origin">Where it comes from: a repository path, or what the generator put in it.</param>
internal sealed record Note(string Id, string Origin, byte[] Content, bool IsGenerated)
{
    public string FileName => Id + ".md";

    public string Text => new UTF8Encoding(false).GetString(Content);

    public static Note Generated(string id, string description, string text) =>
        new(id, "generated: " + description, new UTF8Encoding(false).GetBytes(text), IsGenerated: true);

    public static Note FromFile(string id, string path, string shownPath) =>
        new(id, shownPath, File.ReadAllBytes(path), IsGenerated: false);
}
