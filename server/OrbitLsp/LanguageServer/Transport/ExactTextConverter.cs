using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrbitLsp.LanguageServer.Transport;

/// <summary>
/// A note's text (and the text of an edit to it) read and written exactly as the client holds it,
/// where System.Text.Json would refuse it or change it:
/// <list type="bullet">
/// <item>a lone surrogate, which an editor working in UTF-16 (VS Code) can hold and sends as a
/// <c>\uD83D</c> escape, is read as that one UTF-16 unit (System.Text.Json refuses the whole
/// message, so the note would silently stop following the editor), and written back the same way
/// (System.Text.Json writes U+FFFD, which an edit would put in the note);</item>
/// <item>bytes that are not UTF-8, which an editor keeping a file's bytes (Neovim) can send, are read
/// as U+FFFD, one per bad sequence, as the encoders of the platform decode them.</item>
/// </list>
/// Text without either takes the usual, fast path. A long text the framing took out of its message
/// (<see cref="LargeText"/>) is read here from its placeholder.
/// </summary>
public sealed class ExactTextConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null) return null;
        if (reader.TokenType != JsonTokenType.String) throw new JsonException($"Expected a string, not {reader.TokenType}.");
        try
        {
            return LargeText.Resolve(reader.GetString()!);
        }
        catch (InvalidOperationException)
        {
            // A lone surrogate escaped, or bytes that are not UTF-8: read the raw value ourselves.
            return Unescape(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan);
        }
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        if (!HasLoneSurrogate(value))
        {
            writer.WriteStringValue(value);
            return;
        }
        writer.WriteRawValue(Literal(value), skipInputValidation: true);
    }

    /// <summary>A JSON string's raw content (between its quotes) as UTF-16, escapes undone one unit at a time.</summary>
    internal static string Unescape(ReadOnlySpan<byte> raw)
    {
        var sb = new StringBuilder(raw.Length);
        int run = 0;
        for (int i = 0; i < raw.Length; i++)
        {
            if (raw[i] != (byte)'\\') continue;
            Decode(raw[run..i], sb);
            if (i + 1 >= raw.Length) throw new JsonException("A string ends inside an escape.");
            byte e = raw[++i];
            if (SimpleEscape(e) is { } simple) sb.Append(simple);
            else if (e == (byte)'u' && i + 4 < raw.Length && TryHex(raw.Slice(i + 1, 4), out char unit))
            {
                sb.Append(unit);
                i += 4;
            }
            else throw new JsonException($"'\\{(char)e}' is not a JSON escape.");
            run = i + 1;
        }
        Decode(raw[run..], sb);
        return sb.ToString();
    }

    /// <summary>UTF-8 bytes as UTF-16, each invalid sequence as U+FFFD.</summary>
    private static void Decode(ReadOnlySpan<byte> bytes, StringBuilder sb)
    {
        if (bytes.IsEmpty) return;
        sb.Append(Encoding.UTF8.GetString(bytes));
    }

    /// <summary>What a two-character escape (<c>\\n</c>, <c>\\"</c>, ...) whose letter is <paramref name="e"/> stands for; null for <c>u</c> and for what is no JSON escape.</summary>
    internal static char? SimpleEscape(byte e) => e switch
    {
        (byte)'"' => '"',
        (byte)'\\' => '\\',
        (byte)'/' => '/',
        (byte)'b' => '\b',
        (byte)'f' => '\f',
        (byte)'n' => '\n',
        (byte)'r' => '\r',
        (byte)'t' => '\t',
        _ => null,
    };

    /// <summary>Four hex digits as the UTF-16 unit they name.</summary>
    internal static bool TryHex(ReadOnlySpan<byte> hex, out char unit)
    {
        int value = 0;
        foreach (byte b in hex)
        {
            int digit = b switch
            {
                >= (byte)'0' and <= (byte)'9' => b - '0',
                >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
                >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
                _ => -1,
            };
            if (digit < 0)
            {
                unit = '\0';
                return false;
            }
            value = value * 16 + digit;
        }
        unit = (char)value;
        return true;
    }

    internal static bool HasLoneSurrogate(string value)
    {
        for (int i = 0; i < value.Length; i++)
        {
            if (!char.IsSurrogate(value[i])) continue;
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])) i++;
            else return true;
        }
        return false;
    }

    /// <summary>The string as a JSON literal: quotes, backslashes, control characters and lone surrogates escaped.</summary>
    private static string Literal(string value)
    {
        var sb = new StringBuilder(value.Length + 16).Append('"');
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            bool pair = char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]);
            if (pair)
            {
                sb.Append(c).Append(value[++i]);
                continue;
            }
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c < 0x20 || char.IsSurrogate(c)) sb.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        return sb.Append('"').ToString();
    }
}
