using OrbitLsp.Core.Text;

namespace OrbitLsp.Core.Model;

/// <summary>What about a prompt line can silently change the published cards.</summary>
[Flags]
public enum LineHazards : byte
{
    None = 0,

    /// <summary>Only characters the shortcode does not trim (tab, no-break space, '\r' …): looks blank, is a prompt.</summary>
    InvisibleOnly = 1 << 0,

    /// <summary>The whole line is one HTML tag or comment, e.g. a leftover <c>&lt;orbit-reviewarea&gt;</c>.</summary>
    MarkupOnly = 1 << 1,

    /// <summary>The line holds a call of another shortcode; its output becomes prompt text.</summary>
    ShortcodeCall = 1 << 2,

    /// <summary>The line holds a whole nested review block, whose HTML becomes one prompt line.</summary>
    NestedBlock = 1 << 3,

    /// <summary>'*' at an end of the line is stripped (bold, italics or a bullet lose their marks).</summary>
    StrippedAsterisks = 1 << 4,

    /// <summary>The line ends in '\r' (a CRLF line): the '\r' is published as part of the prompt.</summary>
    CarriageReturn = 1 << 5,
}

/// <summary>
/// A non-blank line of an <c>orbit_review</c> block's inner text, as the site's shortcode sees it:
/// the raw line is split on '\n' and trimmed of spaces and '*' only.
/// </summary>
public sealed class PromptLine
{
    private readonly string _source;
    private string? _text;

    internal PromptLine(string source, TextSpan lineSpan, TextSpan contentSpan, LineHazards hazards, int group, string? text)
    {
        _source = source;
        LineSpan = lineSpan;
        ContentSpan = contentSpan;
        Hazards = hazards;
        Group = group;
        _text = text;
        // Read once here, while the line is in the cache: the checks that need these would
        // otherwise touch every prompt's text again (on a large note, a cache miss each).
        var published = TextMemory.Span;
        TextHash = string.GetHashCode(published);
        _textFacts = (published.Contains('$') ? TextFacts.Dollar : 0) | (published.Count('"') % 2 == 1 ? TextFacts.OddQuotes : 0)
            | (ReadsAsQuestion(published) ? TextFacts.Question : 0);
    }

    // What may close a question after its '?': emphasis, quotes, brackets, math.
    private const string Closers = " \t*_\"'\u201D\u2019\u00BB)]}$";

    /// <summary>The text ends in '?' (or a full-width '？'), once closing emphasis, quotes, brackets and '$' are set aside.</summary>
    internal static bool ReadsAsQuestion(ReadOnlySpan<char> text)
    {
        text = text.TrimEnd(Closers);
        return text.Length > 0 && text[^1] is '?' or '\uFF1F';
    }

    // One byte beside the hazards, so that a line is 64 bytes (a large note has tens of thousands).
    [Flags]
    private enum TextFacts : byte { Dollar = 1, OddQuotes = 2, Question = 4 }

    private readonly TextFacts _textFacts;

    /// <summary>A hash of <see cref="Text"/>, for finding the same prompt twice.</summary>
    internal int TextHash { get; }

    /// <summary>The text holds a '$' (possible math).</summary>
    internal bool HasDollar => (_textFacts & TextFacts.Dollar) != 0;

    /// <summary>The text holds an odd number of '"'.</summary>
    internal bool HasOddQuotes => (_textFacts & TextFacts.OddQuotes) != 0;

    /// <summary>The text reads as a question (<see cref="ReadsAsQuestion"/>): the author's rhythm of questions (OL008).</summary>
    internal bool IsQuestionLike => (_textFacts & TextFacts.Question) != 0;

    /// <summary>The raw line, without its '\n'.</summary>
    public TextSpan LineSpan { get; }

    /// <summary>The part the page gets: the line without leading and trailing spaces and '*'.</summary>
    public TextSpan ContentSpan { get; }

    public LineHazards Hazards { get; }

    /// <summary>0-based index of the run of lines between blank lines this line belongs to.</summary>
    public int Group { get; internal set; }

    /// <summary>0-based position among the block's non-blank lines (even: question, odd: answer).</summary>
    public int Index { get; internal set; }

    /// <summary>Exactly the text the shortcode puts into the page for this line.</summary>
    public string Text => _text ??= _source.Substring(ContentSpan.Start, ContentSpan.Length);

    /// <summary><see cref="Text"/> without making a string of it.</summary>
    public ReadOnlyMemory<char> TextMemory => _text?.AsMemory() ?? _source.AsMemory(ContentSpan.Start, ContentSpan.Length);

    public bool Has(LineHazards hazard) => (Hazards & hazard) != 0;

    public override string ToString() => $"{Index}@{LineSpan}: {Text}";
}
