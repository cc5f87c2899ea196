using System.Buffers;
using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace OrbitLsp.LanguageServer.Transport;

/// <summary>
/// A note's whole text in a message (<c>textDocument/didOpen</c>, and <c>didChange</c> from a
/// client that sends whole texts) read once, not three times. System.Text.Json reads a message's
/// strings when it parses the message (checking every byte of an escaped string one at a time),
/// again when the params are read into their type, and a third time to undo the escapes: for a
/// 1 MB note about 6 ms of the 15–20 ms from didOpen to its diagnostics. Here the framing takes
/// each long <c>"text"</c> string of those methods out of the message before it is parsed, reads
/// it into a string in one pass (escapes undone between vectorised searches for the next
/// backslash, then one UTF-8 decoding), and leaves in its place a short placeholder that
/// <see cref="ExactTextConverter"/> replaces with the string when the params are read.
/// <list type="bullet">
/// <item>Only what the usual path reads the same: a string with a control character (not JSON), an
/// escape JSON does not have, or an escaped surrogate that is not half of an escaped pair (read one
/// unit at a time by <see cref="ExactTextConverter.Unescape"/>) is left in the message, and so are
/// the message's other long texts. Bytes that are not UTF-8 become U+FFFD, as there.</item>
/// <item>The placeholder holds a random key made when the process starts, which no client can
/// know, so a note's own text is never taken for one.</item>
/// <item>A text lives as long as its message: the message holds it (a weak table), the placeholder
/// only reaches it through a weak reference. A message dropped without being read keeps nothing.</item>
/// </list>
/// </summary>
public static class LargeText
{
    /// <summary>Strings at least this long (bytes in the message) are taken out.</summary>
    public const int MinLength = 16 * 1024;

    private static readonly string Key = "orbitlsp-text:" + Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)) + ":";

    private static readonly ConcurrentDictionary<long, WeakReference<string>> Placed = new();
    private static readonly ConditionalWeakTable<object, string[]> HeldBy = new();
    private static long _next;
    private static int _announced;

    /// <summary>
    /// Whether a message long enough to hold a long text has been announced to this process (its
    /// header read; the framing tells, <see cref="Announced"/>).
    /// </summary>
    public static bool AnyAnnounced => Volatile.Read(ref _announced) != 0;

    internal static void Announced(long length)
    {
        if (length >= MinLength) Volatile.Write(ref _announced, 1);
    }

    /// <summary>
    /// The message with its long texts taken out, or null when it has none that can be (or is not
    /// a didOpen or didChange); <paramref name="texts"/> are to be <see cref="Hold"/>-ed by the
    /// message parsed from the result. The texts are read in place (<see cref="Read"/>): when one
    /// of them cannot be, null is returned and <paramref name="json"/> may have been written over,
    /// so the message is to be read again from where it came.
    /// </summary>
    public static byte[]? TakeOut(Span<byte> json, out string[] texts)
    {
        texts = [];
        var found = Find(json);
        if (found.Count == 0) return null;
        var taken = new List<(int Start, int End, string Text)>(found.Count);
        foreach (var (start, end) in found)
        {
            if (Read(json[start..end]) is not { } text) return null;
            taken.Add((start, end, text));
        }

        var output = new ArrayBufferWriter<byte>(1024);
        int copied = 0;
        texts = new string[taken.Count];
        for (int i = 0; i < taken.Count; i++)
        {
            var (start, end, text) = taken[i];
            output.Write(json[copied..start]);
            long id = Interlocked.Increment(ref _next);
            Placed[id] = new WeakReference<string>(text);
            Encoding.UTF8.GetBytes(Key, output);
            Utf8Formatter.TryFormat(id, output.GetSpan(20), out int written);
            output.Advance(written);
            texts[i] = text;
            copied = end;
        }
        output.Write(json[copied..]);
        if (Placed.Count > 64) Sweep();
        return output.WrittenSpan.ToArray();
    }

    /// <summary>Keeps <paramref name="texts"/> alive as long as <paramref name="message"/>.</summary>
    public static void Hold(object message, string[] texts)
    {
        if (texts.Length > 0) HeldBy.AddOrUpdate(message, texts);
    }

    /// <summary>The text a placeholder stands for; any other string as it is.</summary>
    public static string Resolve(string value)
    {
        if (value.Length > Key.Length + 20 || !value.StartsWith(Key, StringComparison.Ordinal)) return value;
        if (long.TryParse(value.AsSpan(Key.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long id)
            && Placed.TryGetValue(id, out var weak) && weak.TryGetTarget(out var text))
            return text;
        throw new JsonException("A text taken out of its message is no longer held.");
    }

    private static void Sweep()
    {
        foreach (var (id, weak) in Placed)
            if (!weak.TryGetTarget(out _)) Placed.TryRemove(id, out _);
    }

    /// <summary>
    /// The long values of <c>"text"</c> keys (between their quotes) in a message whose top-level
    /// method is didOpen or didChange; none for any other message.
    /// </summary>
    internal static List<(int Start, int End)> Find(ReadOnlySpan<byte> json)
    {
        var found = new List<(int, int)>();
        bool isDocumentSync = false;
        int depth = 0;
        int at = 0;
        ReadOnlySpan<byte> key = default;
        bool methodNext = false;
        while (true)
        {
            int quote = json[at..].IndexOf((byte)'"');
            var gap = quote < 0 ? json[at..] : json.Slice(at, quote);
            depth += gap.Count((byte)'{') + gap.Count((byte)'[') - gap.Count((byte)'}') - gap.Count((byte)']');
            if (quote < 0) break;
            int start = at + quote + 1;
            int end = StringEnd(json, start);
            if (end < 0) return [];
            int after = end + 1;
            while (after < json.Length && json[after] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r') after++;
            var value = json[start..end];
            if (after < json.Length && json[after] == (byte)':')
            {
                key = value;
                methodNext = depth == 1 && value.SequenceEqual("method"u8);
            }
            else
            {
                if (methodNext) isDocumentSync = value.SequenceEqual("textDocument/didOpen"u8) || value.SequenceEqual("textDocument/didChange"u8);
                else if (value.Length >= MinLength && key.SequenceEqual("text"u8)) found.Add((start, end));
                methodNext = false;
            }
            at = after;
        }
        return isDocumentSync ? found : [];
    }

    /// <summary>Where the string that starts at <paramref name="start"/> (after its quote) ends: its closing quote, or -1.</summary>
    private static int StringEnd(ReadOnlySpan<byte> json, int start)
    {
        int at = start;
        while (true)
        {
            int next = json[at..].IndexOfAny((byte)'"', (byte)'\\');
            if (next < 0) return -1;
            at += next;
            if (json[at] == (byte)'"') return at;
            at += 2;
            if (at > json.Length) return -1;
        }
    }

    /// <summary>The unit a <c>\\uXXXX</c> escape at <paramref name="slash"/> names, or null when it is not one.</summary>
    private static char? Hex(ReadOnlySpan<byte> raw, int slash) =>
        slash + 6 <= raw.Length && raw[slash + 1] == (byte)'u' && ExactTextConverter.TryHex(raw.Slice(slash + 2, 4), out char unit) ? unit : null;

    /// <summary>
    /// A JSON string's content read as <see cref="ExactTextConverter"/> would, or null when it must be
    /// left to it. Its escapes are undone in place (each escape is at least as long as what it
    /// stands for, so the bytes written never overtake the bytes still to be read), which spares a
    /// second buffer the size of the note: <paramref name="raw"/> is overwritten, also when null is
    /// returned after some of it was read (see <see cref="TakeOut"/>).
    /// </summary>
    internal static string? Read(Span<byte> raw)
    {
        if (raw.IndexOfAnyInRange((byte)0, (byte)0x1F) >= 0) return null;
        int n = 0;
        int at = 0;
        while (true)
        {
            int slash = raw[at..].IndexOf((byte)'\\');
            int run = slash < 0 ? raw.Length - at : slash;
            if (n != at) raw.Slice(at, run).CopyTo(raw[n..]);
            n += run;
            if (slash < 0) return Encoding.UTF8.GetString(raw[..n]);
            slash += at;
            if (slash + 1 >= raw.Length) return null;
            int used = 2;
            if (ExactTextConverter.SimpleEscape(raw[slash + 1]) is { } simple) raw[n++] = (byte)simple;
            else if (Hex(raw, slash) is { } unit)
            {
                used = 6;
                int scalar = unit;
                if (char.IsHighSurrogate(unit))
                {
                    // A pair escaped as two (a client that escapes all but ASCII): one character.
                    if (raw.Length < slash + 8 || raw[slash + 6] != (byte)'\\' || Hex(raw, slash + 6) is not { } low || !char.IsLowSurrogate(low))
                        return null;
                    scalar = char.ConvertToUtf32(unit, low);
                    used = 12;
                }
                else if (char.IsSurrogate(unit)) return null;
                // Written only after both escapes were read: the character's bytes start at or before the first.
                n += new Rune(scalar).EncodeToUtf8(raw[n..]);
            }
            else return null;
            at = slash + used;
        }
    }

    /// <summary>
    /// Buffers up to this long come from the shared pool; longer ones (a note of tens of megabytes)
    /// are the collector's, so that the pool does not keep them once the note is closed.
    /// </summary>
    private const int PooledAtMost = 4 << 20;

    internal static byte[] Rent(int length) => length <= PooledAtMost ? ArrayPool<byte>.Shared.Rent(length) : GC.AllocateUninitializedArray<byte>(length);

    internal static void Return(byte[] buffer)
    {
        if (buffer.Length <= PooledAtMost) ArrayPool<byte>.Shared.Return(buffer);
    }
}
