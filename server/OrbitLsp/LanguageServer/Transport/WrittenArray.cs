using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Nerdbank.Streams;

namespace OrbitLsp.LanguageServer.Transport;

/// <summary>
/// A JSON array whose elements were written ahead, as UTF-8, and are written out as they are. An
/// answer kept with an analysis for every request of it (a 1 MB note's document symbols: some
/// 3,000 objects with two ranges of two positions each, 32,000 small objects and about 1 MB) is
/// then one array of bytes, which the collector neither walks nor copies when it promotes the
/// analysis, and each request copies bytes instead of writing every object again. The elements
/// come in groups (one per top-level symbol), so the answer of a version that changed one group
/// is this one's bytes with that group's replaced (<see cref="WithGroup"/>).
/// </summary>
[JsonConverter(typeof(WrittenArrayConverter))]
public sealed class WrittenArray
{
    private readonly Part[] _parts;

    // Where each group ends among the elements of the one part written; null for a combination (WithGroup).
    private readonly int[]? _groupEnds;

    private WrittenArray(Part[] parts, int[]? groupEnds)
    {
        _parts = parts;
        _groupEnds = groupEnds;
    }

    /// <summary>
    /// Elements [<paramref name="First"/>, <paramref name="End"/>) of an array's bytes, which hold
    /// its elements one after another without separators, element i ending at <c>Ends[i]</c>.
    /// </summary>
    private readonly record struct Part(byte[] Utf8, int[] Ends, int First, int End);

    /// <summary>The number of elements.</summary>
    public int Count => _parts.Sum(p => p.End - p.First);

    /// <summary>The number of groups (of an array written by <see cref="Of"/>).</summary>
    public int Groups => _groupEnds?.Length ?? throw new InvalidOperationException("a combination of written arrays has no groups of its own");

    /// <summary>
    /// The elements of <paramref name="groups"/>, in order, written with their generated contract
    /// (<paramref name="info"/>: the options and the encoder the connection writes with).
    /// </summary>
    public static WrittenArray Of<T>(IEnumerable<IEnumerable<T>> groups, JsonTypeInfo<T> info)
    {
        // Written into pooled pieces, then copied once into an array of its exact size: a buffer that
        // grew by doubling would leave its smaller copies behind, large objects each.
        using var buffer = new Sequence<byte>(ArrayPool<byte>.Shared) { MinimumSpanLength = 32 * 1024 };
        var ends = new List<int>();
        var groupEnds = new List<int>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = info.Options.Encoder }))
        {
            foreach (var group in groups)
            {
                foreach (var element in group)
                {
                    JsonSerializer.Serialize(writer, element, info);
                    writer.Flush();
                    ends.Add(checked((int)buffer.Length));
                    // Each element is a value of its own: no separator is written before the next.
                    writer.Reset();
                }
                groupEnds.Add(ends.Count);
            }
        }
        int[] endsArray = [.. ends];
        return new([new Part(buffer.AsReadOnlySequence.ToArray(), endsArray, 0, endsArray.Length)], [.. groupEnds]);
    }

    /// <summary>These elements with group <paramref name="group"/>'s replaced by all of <paramref name="replacement"/>'s; neither array is changed.</summary>
    public WrittenArray WithGroup(int group, WrittenArray replacement)
    {
        if (_groupEnds is null) throw new InvalidOperationException("only an array written by Of has groups");
        ArgumentOutOfRangeException.ThrowIfNegative(group);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(group, _groupEnds.Length);
        var whole = _parts[0];
        int first = group == 0 ? 0 : _groupEnds[group - 1];
        int end = _groupEnds[group];
        return new([whole with { End = first }, .. replacement._parts, whole with { First = end }], null);
    }

    /// <summary>Writes the array: its elements' bytes as they were written, with the separators between them.</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartArray();
        foreach (var part in _parts)
        {
            for (int i = part.First; i < part.End; i++)
            {
                int start = i == 0 ? 0 : part.Ends[i - 1];
                writer.WriteRawValue(part.Utf8.AsSpan(start, part.Ends[i] - start), skipInputValidation: true);
            }
        }
        writer.WriteEndArray();
    }
}

/// <summary>Writes a <see cref="WrittenArray"/> as it was written; it is never read.</summary>
public sealed class WrittenArrayConverter : JsonConverter<WrittenArray>
{
    public override WrittenArray Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("A written array is only ever written.");

    public override void Write(Utf8JsonWriter writer, WrittenArray value, JsonSerializerOptions options) => value.WriteTo(writer);
}
