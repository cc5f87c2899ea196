using System.Text;
using System.Text.RegularExpressions;

namespace OrbitLsp.Workspace;

/// <summary>
/// The patterns of one <c>.gitignore</c> file, matched as git does for the common forms:
/// <c>name</c>, <c>dir/</c>, <c>/anchored</c>, <c>*.ext</c>, <c>**</c>, <c>?</c>, <c>[abc]</c> and <c>!negation</c>.
/// </summary>
public sealed class GitIgnore
{
    private readonly List<(Regex Pattern, bool Negated, bool DirectoryOnly)> _rules = [];

    public GitIgnore(string baseDirectory, IEnumerable<string> lines)
    {
        BaseDirectory = baseDirectory;
        foreach (var raw in lines)
        {
            string line = raw.TrimEnd('\r');
            if (line.Length == 0 || line[0] == '#') continue;
            line = line.TrimEnd(' ');
            bool negated = line[0] == '!';
            if (negated) line = line[1..];
            if (line.StartsWith("\\#") || line.StartsWith("\\!")) line = line[1..];
            bool dirOnly = line.EndsWith('/');
            line = line.TrimEnd('/');
            if (line.Length == 0) continue;
            bool anchored = line.Contains('/');
            line = line.TrimStart('/');
            string regex = (anchored ? "^" : "^(?:.*/)?") + Translate(line) + "$";
            _rules.Add((new Regex(regex, RegexOptions.CultureInvariant), negated, dirOnly));
        }
    }

    public string BaseDirectory { get; }

    public static GitIgnore? Load(string directory)
    {
        string path = Path.Combine(directory, ".gitignore");
        try
        {
            return File.Exists(path) ? new GitIgnore(directory, File.ReadAllLines(path)) : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Null when no pattern speaks of the path, else whether it is ignored.</summary>
    public bool? Match(string fullPath, bool isDirectory)
    {
        string relative = Path.GetRelativePath(BaseDirectory, fullPath).Replace('\\', '/');
        bool? result = null;
        foreach (var (pattern, negated, dirOnly) in _rules)
        {
            if (dirOnly && !isDirectory) continue;
            if (pattern.IsMatch(relative)) result = !negated;
        }
        return result;
    }

    private static string Translate(string glob)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < glob.Length; i++)
        {
            char c = glob[i];
            if (c == '*' && i + 1 < glob.Length && glob[i + 1] == '*')
            {
                bool slashAfter = i + 2 < glob.Length && glob[i + 2] == '/';
                sb.Append(slashAfter ? "(?:.*/)?" : ".*");
                i += slashAfter ? 2 : 1;
            }
            else if (c == '*') sb.Append("[^/]*");
            else if (c == '?') sb.Append("[^/]");
            else if (c == '[')
            {
                int close = glob.IndexOf(']', i + 1);
                if (close < 0) sb.Append("\\[");
                else
                {
                    string set = glob[(i + 1)..close];
                    if (set.StartsWith('!')) set = "^" + set[1..];
                    sb.Append('[').Append(set.Replace("\\", "\\\\")).Append(']');
                    i = close;
                }
            }
            else if (c == '\\' && i + 1 < glob.Length) sb.Append(Regex.Escape(glob[++i].ToString()));
            else sb.Append(Regex.Escape(c.ToString()));
        }
        return sb.ToString();
    }
}
