using System.Text.Json;
using OrbitLsp.Core.Ide;
using OrbitLsp.Server.Tests.Infrastructure;
using static OrbitLsp.Server.Tests.Infrastructure.FeatureSteps;

namespace OrbitLsp.Server.Tests;

/// <summary>Visible pairing: <c>textDocument/inlayHint</c> and <c>textDocument/semanticTokens/*</c>.</summary>
public sealed class PairingTests
{
    private const string Shifted = "Note\n\n{{< orbit_review >}}\nQ1?\nA1\n\nstray\nQ2?\nA2\n{{< /orbit_review >}}\n";

    [Fact]
    public async Task Inlay_hints_label_every_prompt_line_and_explain_the_first_shifted_one()
    {
        string text = Notes.Example("misalignment.md");
        int stray = Array.FindIndex(text.Split('\n'), l => l.Trim() == "<orbit-reviewarea>");
        await using var server = await WithNoteAsync(text);
        var hints = await server.Client.RequestAsync("textDocument/inlayHint", new { textDocument = Doc(), range = Range(stray - 2, 0, stray + 3, 0) });
        var labels = hints.EnumerateArray().Select(h => $"{h.GetProperty("position").GetProperty("line").GetInt32() - stray}:{h.GetProperty("label").GetString()}");
        Assert.Equal(["0:Q5 ⚠", "1:A5", "2:Q6"], labels);
        Assert.Equal($"Shifted by line {stray + 1}: from here on, lines are not paired as written.", hints[0].GetProperty("tooltip").GetString());
        Assert.True(hints[0].GetProperty("paddingRight").GetBoolean());
    }

    [Fact]
    public async Task Inlay_hints_come_only_for_the_range_asked()
    {
        await using var server = await WithNoteAsync(Shifted);
        var hints = await server.Client.RequestAsync("textDocument/inlayHint", new { textDocument = Doc(), range = Range(4, 0, 4, 2) });
        Assert.Equal("A1", Assert.Single(hints.EnumerateArray()).GetProperty("label").GetString());
    }

    [Fact]
    public async Task The_legend_is_the_cores_and_full_tokens_tell_questions_answers_and_tags_apart()
    {
        await using var server = TestServer.InProcess();
        var init = await server.Client.InitializeAsync(Editor);
        var legend = init.GetProperty("capabilities").GetProperty("semanticTokensProvider").GetProperty("legend");
        Assert.Equal(SemanticTokenLegend.TokenTypes, legend.GetProperty("tokenTypes").EnumerateArray().Select(t => t.GetString()!));
        await server.Client.OpenAsync(Notes.Uri(), "Note\n\n{{< orbit_review >}}\nQ1?\nA1\n{{< /orbit_review >}}\n");
        var tokens = await server.Client.RequestAsync("textDocument/semanticTokens/full", new { textDocument = Doc() });
        Assert.Equal(["2:0 orbitTag", "2:17 orbitTag", "3:0 orbitQuestion", "4:0 orbitAnswer", "5:0 orbitTag", "5:18 orbitTag"], Decode(tokens.GetProperty("data")));
        Assert.False(string.IsNullOrEmpty(tokens.GetProperty("resultId").GetString()));
    }

    [Fact]
    public async Task A_delta_against_the_previous_result_rebuilds_the_new_full_result()
    {
        string before = "Note\n\n{{< orbit_review >}}\nQ1?\nA1\nQ2?\nA2\n{{< /orbit_review >}}\n";
        await using var server = await WithNoteAsync(before);
        var first = await server.Client.RequestAsync("textDocument/semanticTokens/full", new { textDocument = Doc() });
        await server.Client.ChangeAsync(Notes.Uri(), 2, ClientSteps.Insert(3, 0, "new line\n"));
        var delta = await server.Client.RequestAsync("textDocument/semanticTokens/full/delta", new { textDocument = Doc(), previousResultId = first.GetProperty("resultId").GetString() });
        var edits = delta.GetProperty("edits").EnumerateArray().Select(e => new SemanticTokensEdit(
            e.GetProperty("start").GetInt32(), e.GetProperty("deleteCount").GetInt32(), [.. e.GetProperty("data").EnumerateArray().Select(d => d.GetInt32())])).ToList();
        int[] rebuilt = SemanticTokens.Apply([.. first.GetProperty("data").EnumerateArray().Select(d => d.GetInt32())], edits);
        var full = await server.Client.RequestAsync("textDocument/semanticTokens/full", new { textDocument = Doc() });
        Assert.Equal(full.GetProperty("data").EnumerateArray().Select(d => d.GetInt32()), rebuilt);
        Assert.NotEqual(first.GetProperty("resultId").GetString(), delta.GetProperty("resultId").GetString());
    }

    [Fact]
    public async Task A_delta_against_an_unknown_result_is_a_full_result()
    {
        await using var server = await WithNoteAsync(Shifted);
        var delta = await server.Client.RequestAsync("textDocument/semanticTokens/full/delta", new { textDocument = Doc(), previousResultId = "nope" });
        Assert.True(delta.GetProperty("data").GetArrayLength() > 0);
    }

    [Fact]
    public async Task Range_tokens_are_those_of_the_lines_asked()
    {
        await using var server = await WithNoteAsync(Shifted);
        var tokens = await server.Client.RequestAsync("textDocument/semanticTokens/range", new { textDocument = Doc(), range = Range(3, 0, 4, 2) });
        Assert.Equal(["3:0 orbitQuestion", "4:0 orbitAnswer"], Decode(tokens.GetProperty("data")));
    }

    [Fact]
    public async Task With_utf8_positions_tokens_are_counted_in_bytes()
    {
        await using var server = await WithNoteAsync("Note\n\n{{< orbit_review >}}\nQ1? é\nA1 $x$\n{{< /orbit_review >}}\n", Capabilities.Utf8);
        var tokens = await server.Client.RequestAsync("textDocument/semanticTokens/full", new { textDocument = Doc() });
        var data = tokens.GetProperty("data").EnumerateArray().Select(d => d.GetInt32()).ToArray();
        Assert.Equal(6, data[2 * 5 + 2]); // "Q1? é": five characters, six bytes
    }

    private static string[] Decode(JsonElement data)
    {
        var ints = data.EnumerateArray().Select(d => d.GetInt32()).ToArray();
        var result = new List<string>();
        int line = 0, character = 0;
        for (int i = 0; i < ints.Length; i += 5)
        {
            character = ints[i] == 0 ? character + ints[i + 1] : ints[i + 1];
            line += ints[i];
            result.Add($"{line}:{character} {SemanticTokenLegend.TokenTypes[ints[i + 3]]}");
        }
        return [.. result];
    }
}
