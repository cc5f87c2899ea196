using System.Text.Json;
using OrbitLsp.Core.Diagnostics;

namespace OrbitLsp.Cli;

/// <summary>The three output formats of `orbitlsp check`.</summary>
internal static class FindingWriters
{
    /// <summary>Like a compiler: <c>path:line:col: severity OLxxx message</c>, 1-based, columns in UTF-16 units.</summary>
    public static void Text(TextWriter output, IReadOnlyList<Finding> findings)
    {
        foreach (var f in findings)
        {
            output.Write($"{f.File}:{f.Range.Start.Line + 1}:{f.Range.Start.Character + 1}: {f.Severity.Name()} {f.Rule.Code} {OneLine(f.Message)}\n");
            foreach (var (file, range, message) in f.Related)
                output.Write($"  {file}:{range.Start.Line + 1}:{range.Start.Character + 1}: note: {OneLine(message)}\n");
        }
    }

    public static void Json(Stream output, IReadOnlyList<Finding> findings)
    {
        using var w = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        w.WriteStartArray();
        foreach (var f in findings)
        {
            w.WriteStartObject();
            w.WriteString("file", f.File);
            w.WriteNumber("line", f.Range.Start.Line + 1);
            w.WriteNumber("column", f.Range.Start.Character + 1);
            w.WriteNumber("endLine", f.Range.End.Line + 1);
            w.WriteNumber("endColumn", f.Range.End.Character + 1);
            w.WriteString("severity", f.Severity.Name());
            w.WriteString("code", f.Rule.Code);
            w.WriteString("message", f.Message);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.Flush();
        output.WriteByte((byte)'\n');
    }

    /// <summary>SARIF 2.1.0, for code-scanning tools. Columns are UTF-16 code units, SARIF's default.</summary>
    public static void Sarif(Stream output, IReadOnlyList<Finding> findings, string version)
    {
        var rules = Rules.All;
        using var w = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteString("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        w.WriteString("version", "2.1.0");
        w.WriteStartArray("runs");
        w.WriteStartObject();
        w.WriteStartObject("tool");
        w.WriteStartObject("driver");
        w.WriteString("name", "orbitlsp");
        w.WriteString("semanticVersion", version);
        w.WriteStartArray("rules");
        foreach (var r in rules)
        {
            w.WriteStartObject();
            w.WriteString("id", r.Code);
            w.WriteString("name", r.Name);
            w.WritePropertyName("shortDescription");
            w.WriteStartObject();
            w.WriteString("text", r.Title);
            w.WriteEndObject();
            w.WritePropertyName("help");
            w.WriteStartObject();
            w.WriteString("text", $"See {r.DocPath}.");
            w.WriteEndObject();
            w.WritePropertyName("defaultConfiguration");
            w.WriteStartObject();
            w.WriteString("level", Level(r.DefaultSeverity));
            w.WriteEndObject();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteString("columnKind", "utf16CodeUnits");
        w.WriteStartArray("results");
        foreach (var f in findings)
        {
            w.WriteStartObject();
            w.WriteString("ruleId", f.Rule.Code);
            w.WriteNumber("ruleIndex", IndexOf(rules, f.Rule));
            w.WriteString("level", Level(f.Severity));
            w.WritePropertyName("message");
            w.WriteStartObject();
            w.WriteString("text", f.Message);
            w.WriteEndObject();
            w.WriteStartArray("locations");
            WriteLocation(w, f.File, f.Range, null);
            w.WriteEndArray();
            if (!f.Related.IsEmpty)
            {
                w.WriteStartArray("relatedLocations");
                int id = 0;
                foreach (var (file, range, message) in f.Related) WriteLocation(w, file, range, message, id++);
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
        w.Flush();
        output.WriteByte((byte)'\n');
    }

    private static void WriteLocation(Utf8JsonWriter w, string file, Core.Text.TextRange range, string? message, int id = -1)
    {
        w.WriteStartObject();
        if (id >= 0) w.WriteNumber("id", id);
        w.WritePropertyName("physicalLocation");
        w.WriteStartObject();
        w.WritePropertyName("artifactLocation");
        w.WriteStartObject();
        w.WriteString("uri", file.Replace('\\', '/'));
        w.WriteEndObject();
        w.WritePropertyName("region");
        w.WriteStartObject();
        w.WriteNumber("startLine", range.Start.Line + 1);
        w.WriteNumber("startColumn", range.Start.Character + 1);
        w.WriteNumber("endLine", range.End.Line + 1);
        w.WriteNumber("endColumn", range.End.Character + 1);
        w.WriteEndObject();
        w.WriteEndObject();
        if (message is not null)
        {
            w.WritePropertyName("message");
            w.WriteStartObject();
            w.WriteString("text", message);
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    private static int IndexOf(IReadOnlyList<Rule> rules, Rule rule)
    {
        for (int i = 0; i < rules.Count; i++) if (rules[i] == rule) return i;
        return -1;
    }

    private static string Level(Severity s) => s switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        _ => "note",
    };

    private static string OneLine(string message) => message.Replace("\r", "\\r").Replace("\n", " ");
}
