using System.Collections.Immutable;
using OrbitLsp.Core.Syntax;
using OrbitLsp.Core.Text;

namespace OrbitLsp.Core.Model;

/// <summary>
/// Everything OrbitLsp knows about one version of a note, read once: front matter, shortcode
/// calls, Markdown context, review blocks and their cards. Immutable; every feature asks it.
/// </summary>
public sealed class NoteDocument
{
    public required string Text { get; init; }
    public required LineMap Lines { get; init; }
    public FrontMatter? FrontMatter { get; init; }

    /// <summary>Offset where Hugo's Markdown starts (after the front matter).</summary>
    public int BodyStart { get; init; }

    public ImmutableArray<ShortcodeCall> Calls { get; init; } = [];

    /// <summary>Every review block, nested ones included, in document order.</summary>
    public ImmutableArray<ReviewBlock> Blocks { get; init; } = [];

    public ImmutableArray<ContextRegion> Regions { get; init; } = [];

    /// <summary><c>{{&lt; /orbit_review &gt;}}</c> tags with no block open: the site build fails.</summary>
    public ImmutableArray<ShortcodeCall> StrayClosingTags { get; init; } = [];

    /// <summary><c>orbit_flashcard</c> calls outside <c>orbit_review_start</c> … <c>orbit_review_end</c>.</summary>
    public ImmutableArray<ShortcodeCall> OrphanFlashcards { get; init; } = [];

    /// <summary><c>orbit_review_end</c> calls with no <c>orbit_review_start</c> open.</summary>
    public ImmutableArray<ShortcodeCall> OrphanLegacyEnds { get; init; } = [];

    /// <summary><c>&lt;orbit-prompt&gt;</c> elements outside any review area: Orbit throws.</summary>
    public ImmutableArray<HtmlElement> OrphanHtmlPrompts { get; init; } = [];

    /// <summary>The range of a span, as LSP can name it (<see cref="LineMap.GetRange(TextSpan, string)"/>).</summary>
    public TextRange GetRange(TextSpan span) => Lines.GetRange(span, Text);

    /// <summary>The position of an offset, as LSP can name it (<see cref="LineMap.Nameable(string, int, bool)"/>).</summary>
    public TextPosition GetPosition(int offset) => Lines.GetPosition(LineMap.Nameable(Text, offset, forward: false));

    public int GetOffset(TextPosition position) => Lines.GetOffset(position, Text);

    public string GetText(TextSpan span) => Text.Substring(span.Start, span.Length);

    /// <summary>Blocks that hold the offset, innermost last.</summary>
    public IEnumerable<ReviewBlock> BlocksAt(int offset) => Blocks.Where(b => b.Span.Touches(offset));

    /// <summary>The innermost block holding the offset.</summary>
    public ReviewBlock? BlockAt(int offset) => BlocksAt(offset).LastOrDefault();

    public static NoteDocument Parse(string text) => NoteParser.Parse(text);
}
