using System.Globalization;

namespace OrbitLsp.Core.Review;

/// <summary>
/// A card's identity in the review store: Orbit identifies a prompt by its published text, so a
/// card is the pair of hashes of its question and its answer, whatever note or block it is in
/// (the block colour is only a hint, see <see cref="ReviewHistory.Resolve"/>). Written as 32
/// lower-case hex digits, the question's hash first.
/// </summary>
/// <remarks>
/// NOTE: the texts are hashed after <see cref="Normalize"/>: runs of white space count as one
/// space, and white space and <c>*</c> at either end are dropped, so re-wrapping a line, fixing
/// spacing or the trailing <c>*</c> that OL026 warns about keeps a card's history. Any other edit
/// makes another card (whose history can still be carried over, see <see cref="ReviewHistory.Resolve"/>).
/// Two different cards would have to collide in both 64-bit hashes at once.
/// </remarks>
public readonly record struct CardKey(ulong Question, ulong Answer)
{
    public static CardKey Of(ReadOnlySpan<char> question, ReadOnlySpan<char> answer) =>
        new(Hash(question, 0), Hash(answer, 0x9E3779B97F4A7C15));

    /// <summary>The hash of a question as <see cref="Question"/> holds it.</summary>
    public static ulong QuestionHash(ReadOnlySpan<char> question) => Hash(question, 0);

    public override string ToString() => $"{Question:x16}{Answer:x16}";

    /// <summary>Writes the 32 hex digits of <see cref="ToString"/> into <paramref name="destination"/> (32 chars at least).</summary>
    public bool TryFormat(Span<char> destination) =>
        destination.Length >= 32 && Question.TryFormat(destination[..16], out _, "x16", CultureInfo.InvariantCulture)
        && Answer.TryFormat(destination[16..32], out _, "x16", CultureInfo.InvariantCulture);

    public static bool TryParse(ReadOnlySpan<char> text, out CardKey key)
    {
        key = default;
        if (text.Length != 32) return false;
        foreach (char c in text)
            if (!char.IsAsciiHexDigitLower(c) && !char.IsAsciiDigit(c)) return false;
        key = new CardKey(ulong.Parse(text[..16], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture),
            ulong.Parse(text[16..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));
        return true;
    }

    /// <summary>The same as <see cref="TryParse(ReadOnlySpan{char}, out CardKey)"/>, from UTF-8 (a store's line, a million times on load).</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out CardKey key)
    {
        key = default;
        if (utf8.Length != 32 || !TryHex(utf8[..16], out ulong question) || !TryHex(utf8[16..], out ulong answer)) return false;
        key = new CardKey(question, answer);
        return true;
    }

    private static bool TryHex(ReadOnlySpan<byte> digits, out ulong value)
    {
        value = 0;
        foreach (byte b in digits)
        {
            int d = b is >= (byte)'0' and <= (byte)'9' ? b - '0' : b is >= (byte)'a' and <= (byte)'f' ? b - 'a' + 10 : -1;
            if (d < 0) return false;
            value = (value << 4) | (uint)d;
        }
        return true;
    }

    /// <summary>The text as the key reads it: white space runs as one space, no white space or <c>*</c> at the ends.</summary>
    public static string Normalize(ReadOnlySpan<char> text)
    {
        var sb = new System.Text.StringBuilder(text.Length);
        foreach (char c in Trimmed(text)) AppendNormalized(sb, c);
        return sb.ToString();
    }

    private static void AppendNormalized(System.Text.StringBuilder sb, char c)
    {
        if (!char.IsWhiteSpace(c)) sb.Append(c);
        else if (sb.Length > 0 && sb[^1] != ' ') sb.Append(' ');
    }

    private static ReadOnlySpan<char> Trimmed(ReadOnlySpan<char> text)
    {
        int start = 0, end = text.Length;
        while (start < end && (char.IsWhiteSpace(text[start]) || text[start] == '*')) start++;
        while (end > start && (char.IsWhiteSpace(text[end - 1]) || text[end - 1] == '*')) end--;
        return text[start..end];
    }

    /// <summary>FNV-1a over the normalised characters (no string made), then a 64-bit finaliser to spread the bits.</summary>
    private static ulong Hash(ReadOnlySpan<char> text, ulong seed)
    {
        ulong h = 0xcbf29ce484222325 ^ seed;
        bool space = false;
        foreach (char c in Trimmed(text))
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }
            if (space)
            {
                h ^= ' ';
                h *= 0x100000001b3;
                space = false;
            }
            h ^= c;
            h *= 0x100000001b3;
        }
        h ^= h >> 33;
        h *= 0xff51afd7ed558ccd;
        h ^= h >> 33;
        h *= 0xc4ceb9fe1a85ec53;
        h ^= h >> 33;
        return h;
    }
}
