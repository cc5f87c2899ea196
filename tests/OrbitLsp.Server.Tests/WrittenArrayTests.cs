using System.Text.Json;
using OrbitLsp.LanguageServer.Protocol;
using OrbitLsp.LanguageServer.Transport;
using OrbitLsp.Server.Tests.Infrastructure;
using Range = OrbitLsp.LanguageServer.Protocol.Range;

namespace OrbitLsp.Server.Tests;

/// <summary>An answer written ahead (<see cref="WrittenArray"/>) is, on the wire, exactly the answer written then.</summary>
[Trait(TestServer.Trait, TestServer.HereOnly)]
public sealed class WrittenArrayTests
{
    private static DocumentSymbol Symbol(string name, int line, string? detail = null, params DocumentSymbol[] children) => new()
    {
        Name = name, Detail = detail, Kind = children.Length > 0 ? SymbolKinds.Module : SymbolKinds.String,
        Range = new Range(new Position(line, 0), new Position(line + 1, 3)), SelectionRange = new Range(new Position(line, 0), new Position(line, 2)),
        Children = children.Length > 0 ? children : null,
    };

    // Names as prompts have them: quotes, backslashes, markup, non-ASCII, a character outside the BMP, a lone surrogate half.
    private static readonly DocumentSymbol[][] Groups =
    [
        [Symbol("orbit_review", 0, "2 prompts", Symbol("What is \"inner\" alignment?", 1), Symbol(@"C:\path <b>&amp;</b>", 3))],
        [Symbol("Ünïcödé — 𝔸 and \ud800 alone", 6, null)],
        [Symbol("orbit_review", 8, "1 prompt", Symbol("Tabs\tand\nbreaks", 9))],
    ];

    private static string Written(WrittenArray array) => JsonSerializer.Serialize(array, LspJson.Info<WrittenArray>());

    private static string AsObjects(IEnumerable<DocumentSymbol> symbols) => JsonSerializer.Serialize(symbols.ToArray(), LspJson.Info<DocumentSymbol[]>());

    [Fact]
    public void Written_ahead_it_is_the_same_bytes_as_the_objects_written_then()
    {
        var array = WrittenArray.Of(Groups, LspJson.Info<DocumentSymbol>());
        Assert.Equal(AsObjects(Groups.SelectMany(g => g)), Written(array));
        Assert.Equal(3, array.Count);
        Assert.Equal(3, array.Groups);
        // Written twice, the same.
        Assert.Equal(Written(array), Written(array));
    }

    [Fact]
    public void An_empty_array_and_empty_groups_write_as_nothing_between_the_brackets()
    {
        Assert.Equal("[]", Written(WrittenArray.Of(Array.Empty<DocumentSymbol[]>(), LspJson.Info<DocumentSymbol>())));
        var withEmpty = WrittenArray.Of([[], Groups[1], []], LspJson.Info<DocumentSymbol>());
        Assert.Equal(AsObjects(Groups[1]), Written(withEmpty));
        Assert.Equal(3, withEmpty.Groups);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void A_group_replaced_writes_the_others_as_they_were_and_the_new_ones_in_its_place(int group)
    {
        var array = WrittenArray.Of(Groups, LspJson.Info<DocumentSymbol>());
        DocumentSymbol[] replacement = [Symbol("new one", 20, "x"), Symbol("and \"another\"", 22)];
        var replaced = array.WithGroup(group, WrittenArray.Of([replacement], LspJson.Info<DocumentSymbol>()));
        var expected = Groups.Select((g, i) => i == group ? replacement : g).SelectMany(g => g);
        Assert.Equal(AsObjects(expected), Written(replaced));
        Assert.Equal(4, replaced.Count);
        // Emptied, the group leaves no separator behind.
        var emptied = array.WithGroup(group, WrittenArray.Of(Array.Empty<DocumentSymbol[]>(), LspJson.Info<DocumentSymbol>()));
        Assert.Equal(AsObjects(Groups.Where((_, i) => i != group).SelectMany(g => g)), Written(emptied));
        // The array it was made from is unchanged.
        Assert.Equal(AsObjects(Groups.SelectMany(g => g)), Written(array));
        Assert.Throws<ArgumentOutOfRangeException>(() => array.WithGroup(3, replaced));
        Assert.Throws<InvalidOperationException>(() => replaced.WithGroup(0, array));
    }

    [Fact]
    public void Inside_a_message_it_is_one_value_among_the_others()
    {
        var array = WrittenArray.Of(Groups, LspJson.Info<DocumentSymbol>());
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("jsonrpc", "2.0");
            writer.WritePropertyName("result");
            JsonSerializer.Serialize(writer, (object)array, LspJson.Options);
            writer.WriteNumber("id", 7);
            writer.WriteEndObject();
        }
        using var message = JsonDocument.Parse(buffer.WrittenMemory);
        Assert.Equal(7, message.RootElement.GetProperty("id").GetInt32());
        var result = message.RootElement.GetProperty("result");
        Assert.Equal(3, result.GetArrayLength());
        Assert.Equal(["orbit_review", "orbit_review"], new[] { result[0], result[2] }.Select(s => s.GetProperty("name").GetString()));
        Assert.Equal("What is \"inner\" alignment?", result[0].GetProperty("children")[0].GetProperty("name").GetString());
        Assert.Throws<NotSupportedException>(() => JsonSerializer.Deserialize("[]", LspJson.Info<WrittenArray>()));
    }
}
