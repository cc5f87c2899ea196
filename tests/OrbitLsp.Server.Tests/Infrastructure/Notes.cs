using System.Text.Json;
using System.Text.Json.Nodes;
using OrbitLsp.Core.Config;
using OrbitLsp.LanguageServer.Documents;
using OrbitLsp.LanguageServer.Features.Diagnostics;
using OrbitLsp.LanguageServer.Transport;

namespace OrbitLsp.Server.Tests.Infrastructure;

/// <summary>Notes and fixtures: the example notes, and text with a <c>$0</c> cursor marker.</summary>
public static class Notes
{
    public static string Example(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "examples", name));

    /// <summary>An example note by name, or "generated": a generated note of 60,000 characters.</summary>
    public static string ExampleOrGenerated(string name) => name == "generated" ? GeneratedNotes.Large(60_000) : Example(name);

    /// <summary>Two protocol values are the same once written as the server writes them.</summary>
    public static void AssertSameJson<T>(T expected, T actual, string message) =>
        Assert.True(JsonNode.DeepEquals(JsonSerializer.SerializeToNode(expected, LspJson.Options), JsonSerializer.SerializeToNode(actual, LspJson.Options)), message);

    public static string ExampleUri(string name) => new Uri(Path.Combine(AppContext.BaseDirectory, "examples", name)).AbsoluteUri;

    public static string Uri(string name = "note.md") => "file:///notes/" + name;

    /// <summary>The offset of a 0-based line and UTF-16 character in an LF text, as the tests' edits name it.</summary>
    public static int Offset(string text, int line, int character)
    {
        int offset = 0;
        for (int l = 0; l < line; l++) offset = text.IndexOf('\n', offset) + 1;
        return offset + character;
    }

    /// <summary>The text after the edit a test sent as <c>ClientSteps.Insert(line, character, s)</c>.</summary>
    public static string Insert(string text, int line, int character, string s) => text.Insert(Offset(text, line, character), s);

    /// <summary>The text without its <c>$0</c> marker, and the marker's LSP position.</summary>
    public static (string Text, int Line, int Character) Cursor(string fixture)
    {
        int offset = fixture.IndexOf("$0", StringComparison.Ordinal);
        string text = fixture.Remove(offset, 2);
        string before = text[..offset];
        int line = before.Count(c => c == '\n');
        return (text, line, offset - (before.LastIndexOf('\n') + 1));
    }

    /// <summary>
    /// Where the rule pages are for the server under test: beside a published server named by
    /// <c>ORBITLSP_TEST_SERVER</c>, else (null) beside this build.
    /// </summary>
    private static readonly string? ServerDocs = Environment.GetEnvironmentVariable("ORBITLSP_TEST_SERVER") is { Length: > 0 } published
        ? new Uri(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(published))!, "docs", "rules")).AbsoluteUri
        : null;

    /// <summary>
    /// What a fresh analysis of the text gives, as the server would publish it; <paramref name="here"/>:
    /// as this build converts it in this process (rule pages beside this build, whatever server is tested).
    /// </summary>
    public static JsonNode Expected(string uri, string text, RuleSettings? settings = null, PositionEncoder? encoder = null, bool here = false)
    {
        var snapshot = new DocumentSnapshot(uri, 0, text, settings ?? RuleSettings.Default, 0);
        var items = DiagnosticConverter.Convert(snapshot, encoder ?? PositionEncoder.Utf16, here ? null : ServerDocs);
        return JsonSerializer.SerializeToNode(items, LspJson.Options)!;
    }

    public static void AssertSameDiagnostics(JsonNode expected, JsonElement published)
    {
        var actual = JsonNode.Parse(published.GetProperty("diagnostics").GetRawText());
        Assert.True(JsonNode.DeepEquals(expected, actual),
            $"Published diagnostics differ from a fresh analysis.\nexpected: {expected.ToJsonString()[..Math.Min(2000, expected.ToJsonString().Length)]}\nactual:   {actual?.ToJsonString()[..Math.Min(2000, actual.ToJsonString().Length)]}");
    }

    public static string[] Codes(JsonElement publishedOrItems)
    {
        var items = publishedOrItems.ValueKind == JsonValueKind.Array ? publishedOrItems
            : publishedOrItems.TryGetProperty("diagnostics", out var d) ? d : publishedOrItems.GetProperty("items");
        return [.. items.EnumerateArray().Select(i => i.GetProperty("code").GetString()!)];
    }
}
