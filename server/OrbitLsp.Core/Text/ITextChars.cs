namespace OrbitLsp.Core.Text;

/// <summary>
/// A text's characters by offset: a string (<see cref="StringChars"/>), or a text the server holds
/// in pieces while an author types. What <see cref="LineMap"/> needs to read of a text.
/// </summary>
public interface ITextChars
{
    int Length { get; }

    char this[int index] { get; }
}

/// <summary>A string as <see cref="ITextChars"/>; a struct, so generic callers read it without a copy or a call through the interface.</summary>
public readonly struct StringChars(string text) : ITextChars
{
    public int Length => text.Length;

    public char this[int index] => text[index];
}
