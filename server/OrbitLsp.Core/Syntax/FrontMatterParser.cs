using System.Collections.Immutable;
using System.Text.Json;
using OrbitLsp.Core.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace OrbitLsp.Core.Syntax;

/// <summary>Finds and reads the front matter at the start of a note. Never throws.</summary>
public static class FrontMatterParser
{
    /// <summary>
    /// The front matter, or null when the note has none. A note whose first visible character
    /// is '-' or '+' without the full delimiter is reported as a front matter error, as Hugo does.
    /// </summary>
    public static FrontMatter? Parse(string text, LineMap lines)
    {
        int p = 0;
        while (true)
        {
            while (p < text.Length && (text[p] is ' ' or '\t' or '\r' or '\n' or '\uFEFF')) p++;
            if (p >= text.Length) return null;
            if (text[p] != '<') break;
            // Hugo's intro lexer: a comment spanning lines is skipped and the start read again
            // after it; a comment on one line, or any other HTML, stops the build.
            int lineEnd = lines.LineEnd(lines.GetLine(p), text);
            if (string.CompareOrdinal(text, p, "<!--", 0, 4) != 0)
                return Failure(p, lineEnd, "plain HTML documents not supported");
            int close = text.IndexOf("-->", p + 4, StringComparison.Ordinal);
            if (close < 0 || close < lineEnd)
                return Failure(p, lineEnd, "starting HTML comment with no end");
            p = close + 3;
        }
        return text[p] switch
        {
            '-' => ParseDelimited(text, lines, p, "---", FrontMatterFormat.Yaml),
            '+' => ParseDelimited(text, lines, p, "+++", FrontMatterFormat.Toml),
            '{' => ParseJson(text, p),
            _ => null,
        };
    }

    /// <summary>A start Hugo refuses: reported as front matter that is not there.</summary>
    private static FrontMatter Failure(int start, int lineEnd, string message) => new()
    {
        Format = FrontMatterFormat.Yaml,
        Span = new TextSpan(start, 0),
        ContentSpan = new TextSpan(start, 0),
        IsClosed = false,
        Errors = [new FrontMatterError(message, TextSpan.FromBounds(start, Math.Max(start + 1, lineEnd)))],
    };

    private static FrontMatter ParseDelimited(string text, LineMap lines, int start, string delim, FrontMatterFormat format)
    {
        string name = format == FrontMatterFormat.Yaml ? "YAML" : "TOML";
        if (string.CompareOrdinal(text, start, delim, 0, 3) != 0)
        {
            int lineEnd = lines.LineEnd(lines.GetLine(start), text);
            return new FrontMatter
            {
                Format = format,
                Span = TextSpan.FromBounds(start, lineEnd),
                ContentSpan = new TextSpan(start, 0),
                IsClosed = false,
                Errors = [new FrontMatterError($"invalid {name} delimiter", TextSpan.FromBounds(start, Math.Min(lineEnd, start + 3)))],
            };
        }

        int contentStart = start + 3;
        if (contentStart < text.Length && text[contentStart] == '\r') contentStart++;
        if (contentStart < text.Length && text[contentStart] == '\n') contentStart++;

        // The closing delimiter is the first line (after the opening one) that starts with it.
        int closeAt = -1;
        int line = lines.GetLine(start) + 1;
        for (; line < lines.LineCount; line++)
        {
            int ls = lines.LineStart(line);
            if (ls < contentStart) continue;
            if (ls + 3 <= text.Length && string.CompareOrdinal(text, ls, delim, 0, 3) == 0)
            {
                closeAt = ls;
                break;
            }
        }
        if (closeAt < 0)
        {
            var all = TextSpan.FromBounds(contentStart, text.Length);
            return new FrontMatter
            {
                Format = format,
                Span = TextSpan.FromBounds(start, text.Length),
                ContentSpan = all,
                IsClosed = false,
                Errors = [new FrontMatterError($"EOF looking for end {name} front matter delimiter", new TextSpan(start, 3))],
            };
        }

        int end = closeAt + 3;
        if (end < text.Length && text[end] == '\r') end++;
        if (end < text.Length && text[end] == '\n') end++;
        var content = TextSpan.FromBounds(contentStart, closeAt);
        var builder = new FieldsBuilder();
        var errors = ImmutableArray.CreateBuilder<FrontMatterError>();
        if (format == FrontMatterFormat.Yaml) ReadYaml(text, lines, content, builder, errors);
        else TomlReader.Read(text, lines, content, builder, errors);
        return new FrontMatter
        {
            Format = format,
            Span = TextSpan.FromBounds(start, end),
            ContentSpan = content,
            Errors = errors.ToImmutable(),
            Fields = builder.Fields.ToImmutable(),
            Tags = builder.Tags.ToImmutable(),
        };
    }

    internal sealed class FieldsBuilder
    {
        public ImmutableDictionary<string, FrontMatterField>.Builder Fields { get; } = ImmutableDictionary.CreateBuilder<string, FrontMatterField>();
        public ImmutableArray<string>.Builder Tags { get; } = ImmutableArray.CreateBuilder<string>();

        public void Add(string key, string value, TextSpan keySpan, TextSpan valueSpan) =>
            Fields[key] = new FrontMatterField(key, value, keySpan, valueSpan);
    }

    private static void ReadYaml(string text, LineMap lines, TextSpan content, FieldsBuilder fields, ImmutableArray<FrontMatterError>.Builder errors)
    {
        int baseLine = lines.GetLine(content.Start);
        int ToOffset(Mark mark)
        {
            // YamlDotNet marks are 1-based line and column within the front matter text.
            int line = baseLine + (int)mark.Line - 1;
            int offset = lines.LineStart(line) + (int)mark.Column - 1;
            return Math.Clamp(offset, content.Start, content.End);
        }
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text.Substring(content.Start, content.Length)));
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode map)
            {
                if (stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlScalarNode { Value: "" or null }) return;
                if (stream.Documents.Count > 0)
                {
                    var root = stream.Documents[0].RootNode;
                    errors.Add(new FrontMatterError("front matter is not a map of keys and values",
                        TextSpan.FromBounds(ToOffset(root.Start), Math.Max(ToOffset(root.Start), ToOffset(root.End)))));
                }
                return;
            }
            foreach (var (keyNode, valueNode) in map.Children)
            {
                if (keyNode is not YamlScalarNode key || key.Value is null) continue;
                var keySpan = TextSpan.FromBounds(ToOffset(keyNode.Start), ToOffset(keyNode.End));
                var valueSpan = TextSpan.FromBounds(ToOffset(valueNode.Start), Math.Max(ToOffset(valueNode.Start), ToOffset(valueNode.End)));
                switch (valueNode)
                {
                    case YamlScalarNode scalar:
                        fields.Add(key.Value, scalar.Value ?? "", keySpan, valueSpan);
                        if (key.Value == "tags" && !string.IsNullOrWhiteSpace(scalar.Value)) fields.Tags.Add(scalar.Value);
                        break;
                    case YamlSequenceNode seq when key.Value == "tags":
                        foreach (var item in seq.Children)
                            if (item is YamlScalarNode { Value: { Length: > 0 } tag }) fields.Tags.Add(tag);
                        break;
                }
            }
        }
        catch (YamlException e)
        {
            int at = ToOffset(e.Start);
            int lineEnd = lines.LineEnd(lines.GetLine(at), text);
            string message = e.InnerException?.Message ?? e.Message;
            errors.Add(new FrontMatterError(TrimYamlMessage(message), TextSpan.FromBounds(at, Math.Max(at, Math.Min(lineEnd, content.End)))));
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException or OverflowException or IndexOutOfRangeException)
        {
            // NOTE: YamlDotNet throws these too on some malformed text (found by fuzzing); parsing never throws.
            int lineEnd = lines.LineEnd(lines.GetLine(content.Start), text);
            errors.Add(new FrontMatterError("the front matter cannot be read as YAML", TextSpan.FromBounds(content.Start, Math.Max(content.Start, Math.Min(lineEnd, content.End)))));
        }
    }

    private static string TrimYamlMessage(string message)
    {
        // YamlDotNet prefixes "(Line: 3, Col: 5, Idx: 40) - (Line: …): "; the location is in the range already.
        int cut = message.LastIndexOf("): ", StringComparison.Ordinal);
        return cut >= 0 ? message[(cut + 3)..] : message;
    }

    private static FrontMatter ParseJson(string text, int start)
    {
        // Hugo's lexer takes the object up to its matching brace, minding strings.
        int depth = 0;
        bool inString = false;
        int end = -1;
        for (int i = start; i < text.Length; i++)
        {
            char c = text[i];
            if (inString)
            {
                if (c == '\\') i++;
                else if (c == '"') inString = false;
                continue;
            }
            if (c == '"') inString = true;
            else if (c == '{') depth++;
            else if (c == '}' && --depth == 0)
            {
                end = i + 1;
                break;
            }
        }
        if (end < 0)
        {
            return new FrontMatter
            {
                Format = FrontMatterFormat.Json,
                Span = TextSpan.FromBounds(start, text.Length),
                ContentSpan = TextSpan.FromBounds(start, text.Length),
                IsClosed = false,
                Errors = [new FrontMatterError("EOF looking for end JSON front matter delimiter", new TextSpan(start, 1))],
            };
        }
        var span = TextSpan.FromBounds(start, end);
        var fields = new FieldsBuilder();
        var errors = ImmutableArray.CreateBuilder<FrontMatterError>();
        try
        {
            using var doc = JsonDocument.Parse(WellFormed(text.AsMemory(start, end - start)));
            if (doc.RootElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in doc.RootElement.EnumerateObject())
                {
                    if (property.Value.ValueKind == JsonValueKind.String)
                    {
                        var at = FindJsonValue(text, span, property.Name);
                        fields.Add(property.Name, property.Value.GetString() ?? "", at.Key, at.Value);
                    }
                    else if (property.Name == "tags" && property.Value.ValueKind == JsonValueKind.Array)
                    {
                        foreach (var item in property.Value.EnumerateArray())
                            if (item.ValueKind == JsonValueKind.String && item.GetString() is { Length: > 0 } tag) fields.Tags.Add(tag);
                    }
                }
            }
        }
        catch (JsonException e)
        {
            int at = start;
            if (e.LineNumber is long line && e.BytePositionInLine is long column)
            {
                var lines = LineMap.Create(text.Substring(start, end - start));
                at = start + Math.Min(end - start - 1, lines.LineStart((int)line) + (int)column);
            }
            errors.Add(new FrontMatterError(e.Message.Split(" LineNumber:")[0].Split(" Path:")[0].TrimEnd(), new TextSpan(at, 1)));
        }
        int after = end;
        while (after < text.Length && (text[after] == '\r' || text[after] == '\n')) { after++; break; }
        return new FrontMatter
        {
            Format = FrontMatterFormat.Json,
            Span = span,
            ContentSpan = span,
            Errors = errors.ToImmutable(),
            Fields = fields.Fields.ToImmutable(),
            Tags = fields.Tags.ToImmutable(),
        };
    }

    /// <summary>
    /// The text with each lone surrogate as U+FFFD, as the note saved to disk would read (UTF-8 has
    /// no lone surrogates); the same length, so offsets stay. Only an editor's text can hold one.
    /// </summary>
    private static ReadOnlyMemory<char> WellFormed(ReadOnlyMemory<char> text)
    {
        var span = text.Span;
        int bad = -1;
        for (int i = 0; i < span.Length && bad < 0; i++)
        {
            if (char.IsHighSurrogate(span[i]) && i + 1 < span.Length && char.IsLowSurrogate(span[i + 1])) i++;
            else if (char.IsSurrogate(span[i])) bad = i;
        }
        if (bad < 0) return text;
        var copy = span.ToArray();
        for (int i = bad; i < copy.Length; i++)
        {
            if (char.IsHighSurrogate(copy[i]) && i + 1 < copy.Length && char.IsLowSurrogate(copy[i + 1])) i++;
            else if (char.IsSurrogate(copy[i])) copy[i] = '\uFFFD';
        }
        return copy;
    }

    private static (TextSpan Key, TextSpan Value) FindJsonValue(string text, TextSpan span, string key)
    {
        string quoted = "\"" + key + "\"";
        int k = text.IndexOf(quoted, span.Start, span.Length, StringComparison.Ordinal);
        if (k < 0) return (new TextSpan(span.Start, 1), new TextSpan(span.Start, 1));
        int colon = text.IndexOf(':', k + quoted.Length, span.End - k - quoted.Length);
        int v = colon < 0 ? k : colon + 1;
        while (v < span.End && char.IsWhiteSpace(text[v])) v++;
        int ve = v;
        if (ve < span.End && text[ve] == '"')
        {
            ve++;
            while (ve < span.End && text[ve] != '"') ve += text[ve] == '\\' ? 2 : 1;
            ve = Math.Min(ve + 1, span.End);
        }
        return (new TextSpan(k, quoted.Length), TextSpan.FromBounds(v, ve));
    }
}
