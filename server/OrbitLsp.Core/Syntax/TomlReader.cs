using System.Collections.Immutable;
using OrbitLsp.Core.Text;

namespace OrbitLsp.Core.Syntax;

/// <summary>
/// Reads the part of TOML front matter OrbitLsp needs (top-level strings, dates and the tags
/// array) and reports lines that are not TOML at all. It is not a full TOML parser.
/// </summary>
internal static class TomlReader
{
    public static void Read(string text, LineMap lines, TextSpan content, FrontMatterParser.FieldsBuilder fields,
        ImmutableArray<FrontMatterError>.Builder errors)
    {
        int first = lines.GetLine(content.Start);
        int last = content.Length == 0 ? first - 1 : lines.GetLine(content.End - 1);
        bool inTable = false;
        int arrayDepth = 0;
        string? openTriple = null;
        string? arrayKey = null;
        for (int line = first; line <= last; line++)
        {
            int ls = lines.LineStart(line), le = Math.Min(lines.LineEnd(line, text), content.End);
            var raw = text.AsSpan(ls, Math.Max(0, le - ls));
            var trimmed = raw.Trim();
            if (openTriple is not null)
            {
                if (raw.IndexOf(openTriple, StringComparison.Ordinal) >= 0) openTriple = null;
                continue;
            }
            if (arrayDepth > 0)
            {
                if (arrayKey == "tags") CollectStrings(raw, fields);
                arrayDepth += Count(raw, '[') - Count(raw, ']');
                continue;
            }
            if (trimmed.IsEmpty || trimmed[0] == '#') continue;
            if (trimmed[0] == '[')
            {
                inTable = true;
                if (trimmed[^1] != ']')
                    errors.Add(new FrontMatterError("table header is not closed with ']'", TextSpan.FromBounds(ls, le)));
                continue;
            }
            int eq = raw.IndexOf('=');
            if (eq <= 0)
            {
                int lead = raw.Length - raw.TrimStart().Length;
                errors.Add(new FrontMatterError("expected a 'key = value' line", TextSpan.FromBounds(ls + lead, le)));
                continue;
            }
            string key = raw[..eq].Trim().Trim('"').ToString();
            int vs = ls + eq + 1;
            while (vs < le && char.IsWhiteSpace(text[vs])) vs++;
            var value = text.AsSpan(vs, le - vs).TrimEnd();
            int keyStart = ls + (raw.Length - raw.TrimStart().Length);
            var keySpan = new TextSpan(keyStart, key.Length);
            if (value.IsEmpty)
            {
                errors.Add(new FrontMatterError($"'{key}' has no value", TextSpan.FromBounds(keyStart, le)));
                continue;
            }
            if (value.StartsWith("\"\"\"") || value.StartsWith("'''"))
            {
                string triple = value[..3].ToString();
                if (value.Length < 6 || !value[3..].EndsWith(triple)) openTriple = triple;
                continue;
            }
            if (value[0] == '[')
            {
                if (!inTable && key == "tags") CollectStrings(value, fields);
                arrayDepth = Count(value, '[') - Count(value, ']');
                arrayKey = inTable ? null : key;
                continue;
            }
            var valueSpan = new TextSpan(vs, value.Length);
            string scalar = StripComment(value).ToString();
            if (!IsTomlValue(scalar))
            {
                errors.Add(new FrontMatterError($"'{scalar}' is not a TOML value (quote text: \"{scalar}\")", valueSpan));
                continue;
            }
            if (inTable) continue;
            if (scalar.Length >= 2 && (scalar[0] == '"' || scalar[0] == '\''))
            {
                if (scalar[^1] != scalar[0])
                {
                    errors.Add(new FrontMatterError("string is not closed", valueSpan));
                    continue;
                }
                scalar = scalar[1..^1];
            }
            else if (scalar.Length == 1 && (scalar[0] == '"' || scalar[0] == '\''))
            {
                errors.Add(new FrontMatterError("string is not closed", valueSpan));
                continue;
            }
            fields.Add(key, scalar, keySpan, valueSpan);
            if (key == "tags" && scalar.Length > 0) fields.Tags.Add(scalar);
        }
        if (openTriple is not null)
            errors.Add(new FrontMatterError("multi-line string is not closed", content));
        else if (arrayDepth > 0)
            errors.Add(new FrontMatterError("array is not closed with ']'", content));
    }

    /// <summary>A quoted string, an inline table, a number, a boolean or a date: what TOML accepts after '='.</summary>
    private static bool IsTomlValue(string v)
    {
        if (v.Length == 0) return false;
        if (v[0] is '"' or '\'' or '{' or '[') return true;
        if (v is "true" or "false" or "inf" or "+inf" or "-inf" or "nan" or "+nan" or "-nan") return true;
        if (System.Text.RegularExpressions.Regex.IsMatch(v, @"^[+-]?(\d[\d_]*)(\.\d[\d_]*)?([eE][+-]?\d+)?$")) return true;
        if (System.Text.RegularExpressions.Regex.IsMatch(v, @"^0x[0-9a-fA-F_]+$|^0o[0-7_]+$|^0b[01_]+$")) return true;
        return System.Text.RegularExpressions.Regex.IsMatch(v, @"^(\d{4}-\d{2}-\d{2})?([Tt ]?\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?([Zz]|[+-]\d{2}:\d{2})?$")
            && v.Any(char.IsAsciiDigit);
    }

    private static ReadOnlySpan<char> StripComment(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty || value[0] == '"' || value[0] == '\'') return value;
        int hash = value.IndexOf('#');
        return hash < 0 ? value : value[..hash].TrimEnd();
    }

    private static void CollectStrings(ReadOnlySpan<char> s, FrontMatterParser.FieldsBuilder fields)
    {
        for (int i = 0; i < s.Length; i++)
        {
            if (s[i] != '"' && s[i] != '\'') continue;
            char q = s[i];
            int close = s[(i + 1)..].IndexOf(q);
            if (close < 0) return;
            var tag = s.Slice(i + 1, close);
            if (!tag.IsEmpty) fields.Tags.Add(tag.ToString());
            i += close + 1;
        }
    }

    private static int Count(ReadOnlySpan<char> s, char c)
    {
        int n = 0;
        foreach (char x in s) if (x == c) n++;
        return n;
    }
}
