using System.Text;

namespace OrbitLsp.LanguageServer.Features.Completion;

/// <summary>LSP snippet text as the plain text a client without snippets inserts.</summary>
public static class SnippetText
{
    /// <summary>Tab stops (<c>$0</c>, <c>$1</c>) vanish, a choice (<c>${1|a,b|}</c>) or placeholder (<c>${1:a}</c>) becomes its first value, escapes are undone.</summary>
    public static string ToPlain(string snippet)
    {
        var sb = new StringBuilder(snippet.Length);
        for (int i = 0; i < snippet.Length; i++)
        {
            char c = snippet[i];
            if (c == '\\' && i + 1 < snippet.Length) sb.Append(snippet[++i]);
            else if (c == '$' && i + 1 < snippet.Length && char.IsAsciiDigit(snippet[i + 1]))
                while (i + 1 < snippet.Length && char.IsAsciiDigit(snippet[i + 1])) i++;
            else if (c == '$' && i + 1 < snippet.Length && snippet[i + 1] == '{')
            {
                int close = snippet.IndexOf('}', i);
                if (close < 0) { sb.Append(snippet, i, snippet.Length - i); break; }
                string body = snippet[(i + 2)..close];
                int cut = body.IndexOfAny([':', '|']);
                if (cut >= 0 && body[cut] == '|') sb.Append(body[(cut + 1)..].Split(',', '|')[0]);
                else if (cut >= 0) sb.Append(body[(cut + 1)..]);
                i = close;
            }
            else sb.Append(c);
        }
        return sb.ToString();
    }
}
