using System.Text;

namespace OrbitLsp.Workspace;

/// <summary>Reads a note from disk as editors do: UTF-8, byte-order mark dropped. Never throws.</summary>
public static class NoteReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The note's text, or null with a reason a person can act on.</summary>
    public static (string? Text, string? Error) Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            return (null, $"cannot read the file: {e.Message}");
        }
        return Decode(bytes);
    }

    public static (string? Text, string? Error) Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)))
            return (null, "the file is UTF-16; Hugo reads notes as UTF-8. Save it as UTF-8.");
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) bytes = bytes[3..];
        if (bytes.IndexOf((byte)0) >= 0)
            return (null, "the file holds NUL bytes: it looks binary, not a Markdown note.");
        try
        {
            return (StrictUtf8.GetString(bytes), null);
        }
        catch (DecoderFallbackException e)
        {
            return (null, $"the file is not valid UTF-8 (bad byte at offset {e.Index}); Hugo reads notes as UTF-8. Save it as UTF-8.");
        }
    }
}
