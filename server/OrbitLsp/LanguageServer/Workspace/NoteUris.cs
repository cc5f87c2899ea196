using OrbitLsp.Core.Text;

namespace OrbitLsp.LanguageServer.Workspace;

/// <summary>
/// Between the client's URIs and the index's keys: a note on disk is keyed by its full path, so the
/// same file opened in the editor and found on disk is one note however the client spells its URI.
/// </summary>
public static class NoteUris
{
    public static string Key(string uri) =>
        System.Uri.TryCreate(uri, UriKind.Absolute, out var u) && u.IsFile ? Path.GetFullPath(u.LocalPath) : uri;

    public static string Uri(string key) => Path.IsPathRooted(key) ? new System.Uri(key).AbsoluteUri : key;

    public static Protocol.Range ToProtocol(this TextRange r) => new(new(r.Start.Line, r.Start.Character), new(r.End.Line, r.End.Character));
}
