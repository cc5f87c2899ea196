namespace OrbitLsp.Workspace;

/// <summary>
/// Expands paths into the notes to check: files as given, folders searched for <c>*.md</c>
/// recursively, skipping <c>.git</c> and whatever the <c>.gitignore</c> files on the way ignore.
/// </summary>
public static class NoteFiles
{
    public static IEnumerable<string> Expand(IEnumerable<string> paths, Action<string, string>? onError = null)
    {
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                string root = Path.GetFullPath(path);
                var ignores = AncestorIgnores(root);
                foreach (var file in Walk(root, ignores, onError))
                    yield return Path.Join(path, Path.GetRelativePath(root, file));
            }
            else yield return path; // a missing file is reported when it is read
        }
    }

    /// <summary>
    /// True when <see cref="Expand"/> on <paramref name="root"/> would list <paramref name="path"/>:
    /// a <c>*.md</c> file under the folder, outside <c>.git</c>, that no <c>.gitignore</c> on the way ignores.
    /// </summary>
    public static bool IsIncluded(string root, string path)
    {
        root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        path = Path.GetFullPath(path);
        if (!path.EndsWith(".md", StringComparison.Ordinal) || !path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal)) return false;
        var ignores = AncestorIgnores(root);
        string dir = root;
        foreach (var part in Path.GetRelativePath(root, Path.GetDirectoryName(path)!).Split(Path.DirectorySeparatorChar))
        {
            if (GitIgnore.Load(dir) is { } own) ignores = [.. ignores, own];
            if (part is "." or "") break;
            dir = Path.Combine(dir, part);
            if (part == ".git" || IsIgnored(ignores, dir, true)) return false;
        }
        if (dir != root && GitIgnore.Load(dir) is { } last) ignores = [.. ignores, last];
        return !IsIgnored(ignores, path, false);
    }

    private static List<GitIgnore> AncestorIgnores(string root)
    {
        // .gitignore files above the folder count too, up to the repository's top.
        var chain = new List<GitIgnore>();
        for (var dir = Directory.GetParent(root); dir is not null; dir = dir.Parent)
        {
            if (GitIgnore.Load(dir.FullName) is { } ignore) chain.Insert(0, ignore);
            if (Directory.Exists(Path.Combine(dir.FullName, ".git"))) break;
        }
        return chain;
    }

    private static IEnumerable<string> Walk(string dir, List<GitIgnore> inherited, Action<string, string>? onError)
    {
        var ignores = inherited;
        if (GitIgnore.Load(dir) is { } own) ignores = [.. inherited, own];

        string[] files, dirs;
        try
        {
            files = Directory.GetFiles(dir, "*.md");
            dirs = Directory.GetDirectories(dir);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            onError?.Invoke(dir, e.Message);
            yield break;
        }
        Array.Sort(files, StringComparer.Ordinal);
        Array.Sort(dirs, StringComparer.Ordinal);
        foreach (var f in files)
            if (!IsIgnored(ignores, f, false)) yield return f;
        foreach (var d in dirs)
        {
            string name = Path.GetFileName(d);
            if (name == ".git" || IsIgnored(ignores, d, true)) continue;
            if (new DirectoryInfo(d).LinkTarget is not null) continue; // no symlink loops
            foreach (var f in Walk(d, ignores, onError)) yield return f;
        }
    }

    private static bool IsIgnored(List<GitIgnore> ignores, string path, bool isDirectory)
    {
        bool ignored = false;
        foreach (var ignore in ignores)
            if (ignore.Match(path, isDirectory) is { } verdict) ignored = verdict;
        return ignored;
    }
}
