using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using OrbitLsp.Core.Review;

namespace OrbitLsp.Reviews;

/// <summary>
/// The lines of the review store. The log (<c>reviews.jsonl</c>) starts with a header and then
/// holds one grade per line:
/// <code>
/// {"orbitlsp":"reviews","version":1,"id":"6f0c…"}
/// {"card":"0f3a…(32 hex)","grade":3,"day":"2026-12-04","at":"2026-12-04T06:02:03.120Z","color":"purple"}
/// </code>
/// <c>grade</c> is FSRS's rating (1 forgotten, 2 hard, 3 remembered, 4 easy), <c>day</c> the
/// author's local day, <c>at</c> the instant in UTC, <c>from</c> (optional) the card whose
/// history this one took over. The snapshot (<c>reviews.snapshot.jsonl</c>) has a header naming
/// the log and how much of it it folds in, then one card state per line.
/// </summary>
internal static class ReviewLines
{
    public const int Version = 1;
    public const string LogKind = "reviews";
    public const string SnapshotKind = "reviews-snapshot";

    private static readonly JsonWriterOptions Compact = new() { Indented = false, SkipValidation = false };

    // Colours come from a set of a dozen names: one string each, not one per line read.
    private static readonly Dictionary<string, string> Colors = new(StringComparer.Ordinal);

    public static byte[] Header(string id) => Line(w =>
    {
        w.WriteString("orbitlsp", LogKind);
        w.WriteNumber("version", Version);
        w.WriteString("id", id);
    });

    public static byte[] Event(ReviewEvent e) => Line(w =>
    {
        w.WriteString("card", e.Card.ToString());
        w.WriteNumber("grade", (int)e.Grade);
        w.WriteString("day", e.Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        w.WriteString("at", e.At.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
        if (e.Color is { } color) w.WriteString("color", color);
        if (e.From is { } from) w.WriteString("from", from.ToString());
    });

    public static byte[] Line(Action<Utf8JsonWriter> write)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(160);
        using (var w = new Utf8JsonWriter(buffer, Compact))
        {
            w.WriteStartObject();
            write(w);
            w.WriteEndObject();
        }
        return [.. buffer.WrittenSpan, (byte)'\n'];
    }

    /// <summary>What a header line says: its kind, version and id; null when the line is no header.</summary>
    public static (string Kind, int Version, JsonElement Root)? ReadHeader(ReadOnlySpan<byte> line)
    {
        try
        {
            using var doc = JsonDocument.Parse(line.ToArray());
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("orbitlsp", out var kind) || kind.ValueKind != JsonValueKind.String) return null;
            int version = root.TryGetProperty("version", out var v) && v.TryGetInt32(out int n) ? n : 0;
            return (kind.GetString()!, version, root.Clone());
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Reads one grade; false with what is wrong when the line is not one.</summary>
    public static bool TryReadEvent(ReadOnlySpan<byte> line, out ReviewEvent e, out string? error)
    {
        error = null;
        return TryReadWritten(line, out e) || TryReadJson(line, out e, out error);
    }

    /// <summary>
    /// Reads a grade written exactly as <see cref="Event"/> writes it (its properties in that order,
    /// nothing escaped, a colour met before), without a JSON reader: a store's load reads a million
    /// of them. False for any other line, which <see cref="TryReadJson"/> then reads as JSON; where
    /// both read a line they agree (tested on random and mutated lines).
    /// </summary>
    internal static bool TryReadWritten(ReadOnlySpan<byte> line, out ReviewEvent e)
    {
        e = default;
        var p = line;
        if (!Skip(ref p, "{\"card\":\""u8) || p.Length < 33 || !CardKey.TryParse(p[..32], out var card)) return false;
        p = p[32..];
        if (!Skip(ref p, "\",\"grade\":"u8) || p.Length < 1 || p[0] is < (byte)'1' or > (byte)'4') return false;
        int grade = p[0] - '0';
        p = p[1..];
        if (!Skip(ref p, ",\"day\":\""u8) || p.Length < 10 || !TryReadDay(p[..10], out var day)) return false;
        p = p[10..];
        if (!Skip(ref p, "\",\"at\":\""u8) || p.Length < 25 || !TryReadInstant(p[..24], out var at) || p[24] != '"') return false;
        p = p[25..];
        string? color = null;
        if (Skip(ref p, ",\"color\":\""u8))
        {
            int end = p.IndexOf((byte)'"');
            if (end < 0 || (color = KnownColor(p[..end])) is null) return false;
            p = p[(end + 1)..];
        }
        CardKey? from = null;
        if (Skip(ref p, ",\"from\":\""u8))
        {
            if (p.Length < 33 || !CardKey.TryParse(p[..32], out var f) || p[32] != '"') return false;
            from = f;
            p = p[33..];
        }
        if (p.Length != 1 || p[0] != '}') return false;
        e = new ReviewEvent(card, (ReviewGrade)grade, day, at, color, from);
        return true;

        static bool Skip(ref ReadOnlySpan<byte> p, ReadOnlySpan<byte> literal)
        {
            if (!p.StartsWith(literal)) return false;
            p = p[literal.Length..];
            return true;
        }
    }

    /// <summary>A UTC instant as <see cref="Event"/> writes it: <c>yyyy-MM-ddTHH:mm:ss.fffZ</c>.</summary>
    private static bool TryReadInstant(ReadOnlySpan<byte> s, out DateTimeOffset at)
    {
        at = default;
        if (s.Length != 24 || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != '.' || s[23] != 'Z' || !TryReadDay(s[..10], out var day)) return false;
        if (!Digits(s[11..13], out int h) || !Digits(s[14..16], out int m) || !Digits(s[17..19], out int sec) || !Digits(s[20..23], out int ms)
            || h > 23 || m > 59 || sec > 59) return false;
        at = new DateTimeOffset(day.Year, day.Month, day.Day, h, m, sec, ms, TimeSpan.Zero);
        return true;

        static bool Digits(ReadOnlySpan<byte> d, out int value)
        {
            value = 0;
            foreach (byte b in d)
            {
                if (b is < (byte)'0' or > (byte)'9') return false;
                value = value * 10 + (b - '0');
            }
            return true;
        }
    }

    /// <summary>The kept string of a colour already met, from its UTF-8 bytes as written (no escapes); null when not met yet.</summary>
    private static string? KnownColor(ReadOnlySpan<byte> raw)
    {
        if (raw.IndexOf((byte)'\\') >= 0) return null;
        lock (Colors)
            foreach (var (utf8, text) in ColorBytes)
                if (raw.SequenceEqual(utf8)) return text;
        return null;
    }

    /// <summary>Reads one grade as JSON (any order, escapes, other properties skipped); false with what is wrong.</summary>
    internal static bool TryReadJson(ReadOnlySpan<byte> line, out ReviewEvent e, out string? error)
    {
        e = default;
        error = null;
        CardKey card = default, from = default;
        bool hasCard = false, hasFrom = false, hasDay = false, hasAt = false;
        int grade = 0;
        DateOnly day = default;
        DateTimeOffset at = default;
        string? color = null;
        try
        {
            var r = new Utf8JsonReader(line);
            if (!r.Read() || r.TokenType != JsonTokenType.StartObject) return Fail("not a JSON object", out error);
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                var name = r.ValueSpan;
                if (!r.Read()) break;
                if (name.SequenceEqual("card"u8)) hasCard = r.TokenType == JsonTokenType.String && CardKey.TryParse(r.ValueSpan, out card);
                else if (name.SequenceEqual("grade"u8)) { if (r.TokenType != JsonTokenType.Number || !r.TryGetInt32(out grade)) grade = 0; }
                else if (name.SequenceEqual("day"u8)) hasDay = r.TokenType == JsonTokenType.String && TryReadDay(r.ValueSpan, out day);
                else if (name.SequenceEqual("at"u8)) hasAt = r.TokenType == JsonTokenType.String && r.TryGetDateTimeOffset(out at);
                else if (name.SequenceEqual("color"u8)) color = r.TokenType == JsonTokenType.String ? Intern(ref r) : null;
                else if (name.SequenceEqual("from"u8)) hasFrom = r.TokenType == JsonTokenType.String && CardKey.TryParse(r.ValueSpan, out from);
                else r.Skip();
            }
            if (r.TokenType != JsonTokenType.EndObject || r.Read()) return Fail("not one complete JSON object (cut short?)", out error);
        }
        catch (JsonException ex)
        {
            return Fail($"not JSON ({ex.Message.Split(" LineNumber")[0].TrimEnd('.', ' ')})", out error);
        }
        if (!hasCard) return Fail("no \"card\" of 32 hex digits", out error);
        if (grade is < 1 or > 4) return Fail("no \"grade\" from 1 to 4", out error);
        if (!hasDay) return Fail("no \"day\" as YYYY-MM-DD", out error);
        if (!hasAt) return Fail("no \"at\" time", out error);
        e = new ReviewEvent(card, (ReviewGrade)grade, day, at, color, hasFrom ? from : null);
        return true;
    }

    /// <summary>Reads one card state of the snapshot; false when the line is not one.</summary>
    public static bool TryReadState(ReadOnlySpan<byte> line, out CardKey card, out CardReviewState state)
    {
        card = default;
        state = default;
        double stability = double.NaN, difficulty = double.NaN;
        DateOnly last = default, due = default;
        DateTimeOffset at = default;
        int reviews = -1, lapses = -1;
        string? color = null;
        bool hasCard = false, hasLast = false, hasDue = false, hasAt = false;
        try
        {
            var r = new Utf8JsonReader(line);
            if (!r.Read() || r.TokenType != JsonTokenType.StartObject) return false;
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                var name = r.ValueSpan;
                if (!r.Read()) return false;
                bool number = r.TokenType == JsonTokenType.Number, text = r.TokenType == JsonTokenType.String;
                if (name.SequenceEqual("card"u8)) hasCard = text && CardKey.TryParse(r.ValueSpan, out card);
                else if (name.SequenceEqual("s"u8)) { if (!number || !r.TryGetDouble(out stability)) return false; }
                else if (name.SequenceEqual("d"u8)) { if (!number || !r.TryGetDouble(out difficulty)) return false; }
                else if (name.SequenceEqual("last"u8)) hasLast = text && TryReadDay(r.ValueSpan, out last);
                else if (name.SequenceEqual("due"u8)) hasDue = text && TryReadDay(r.ValueSpan, out due);
                else if (name.SequenceEqual("at"u8)) hasAt = text && r.TryGetDateTimeOffset(out at);
                else if (name.SequenceEqual("reviews"u8)) { if (!number || !r.TryGetInt32(out reviews)) return false; }
                else if (name.SequenceEqual("lapses"u8)) { if (!number || !r.TryGetInt32(out lapses)) return false; }
                else if (name.SequenceEqual("color"u8)) color = text ? Intern(ref r) : null;
                else r.Skip();
            }
            if (r.TokenType != JsonTokenType.EndObject || r.Read()) return false;
        }
        catch (JsonException)
        {
            return false;
        }
        if (!hasCard || !hasLast || !hasDue || !hasAt || double.IsNaN(stability) || double.IsNaN(difficulty) || reviews < 0 || lapses < 0) return false;
        state = new CardReviewState(new MemoryState(stability, difficulty), last, due, at, reviews, lapses, color);
        return true;
    }

    /// <summary>Writes lines to a stream through one reused buffer and JSON writer (a snapshot is 100,000 lines and more).</summary>
    public sealed class LineWriter(Stream stream) : IDisposable
    {
        private readonly System.Buffers.ArrayBufferWriter<byte> _buffer = new(1 << 16);
        private Utf8JsonWriter? _json;

        public void State(CardKey card, CardReviewState s)
        {
            var w = Start();
            Span<char> text = stackalloc char[32];
            card.TryFormat(text);
            w.WriteString("card"u8, text);
            w.WriteNumber("s"u8, s.Memory.Stability);
            w.WriteNumber("d"u8, s.Memory.Difficulty);
            WriteDay(w, "last"u8, s.LastReview);
            WriteDay(w, "due"u8, s.Due);
            Span<char> at = stackalloc char[24];
            s.LastReviewedAt.UtcDateTime.TryFormat(at, out int n, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
            w.WriteString("at"u8, at[..n]);
            w.WriteNumber("reviews"u8, s.Reviews);
            w.WriteNumber("lapses"u8, s.Lapses);
            if (s.Color is { } color) w.WriteString("color"u8, color);
            End();
        }

        /// <summary>A line of its own (a header).</summary>
        public void Raw(ReadOnlySpan<byte> line)
        {
            _buffer.Write(line);
            if (_buffer.WrittenCount >= 60_000) Drain();
        }

        private Utf8JsonWriter Start()
        {
            if (_json is null) _json = new Utf8JsonWriter(_buffer, Compact);
            else _json.Reset(_buffer);
            _json.WriteStartObject();
            return _json;
        }

        private void End()
        {
            _json!.WriteEndObject();
            _json.Flush();
            _buffer.Write("\n"u8);
            if (_buffer.WrittenCount >= 60_000) Drain();
        }

        private void Drain()
        {
            stream.Write(_buffer.WrittenSpan);
            _buffer.ResetWrittenCount();
        }

        private static void WriteDay(Utf8JsonWriter w, ReadOnlySpan<byte> name, DateOnly day)
        {
            Span<char> text = stackalloc char[10];
            day.TryFormat(text, out int n, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            w.WriteString(name, text[..n]);
        }

        public void Dispose()
        {
            Drain();
            _json?.Dispose();
        }
    }

    private static bool TryReadDay(ReadOnlySpan<byte> s, out DateOnly day)
    {
        day = default;
        if (s.Length != 10 || s[4] != '-' || s[7] != '-') return false;
        if (!Utf8Parser.TryParse(s[..4], out int y, out int a) || a != 4 || !Utf8Parser.TryParse(s[5..7], out int m, out a) || a != 2
            || !Utf8Parser.TryParse(s[8..], out int d, out a) || a != 2) return false;
        if (y < 1 || m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, m)) return false;
        day = new DateOnly(y, m, d);
        return true;
    }

    // The colours met so far as UTF-8, to find one without making a string of it.
    private static readonly List<(byte[] Utf8, string Text)> ColorBytes = [];

    /// <summary>The colour the reader is at, as the one string kept for it.</summary>
    private static string Intern(ref Utf8JsonReader r)
    {
        if (!r.ValueIsEscaped && !r.HasValueSequence && KnownColor(r.ValueSpan) is { } known) return known;
        string color = Intern(r.GetString()!);
        lock (Colors)
            if (ColorBytes.Count < 64 && !r.ValueIsEscaped && ReferenceEquals(Colors.GetValueOrDefault(color), color) && !ColorBytes.Exists(c => c.Text == color))
                ColorBytes.Add((Encoding.UTF8.GetBytes(color), color));
        return color;
    }

    private static string Intern(string color)
    {
        lock (Colors)
        {
            if (Colors.TryGetValue(color, out var known)) return known;
            if (Colors.Count < 64) Colors[color] = color;
            return color;
        }
    }

    private static bool Fail(string message, out string? error)
    {
        error = message;
        return false;
    }

    public static string Show(ReadOnlySpan<byte> line) =>
        line.Length > 60 ? Encoding.UTF8.GetString(line[..57]) + "..." : Encoding.UTF8.GetString(line);
}
