using System.Collections.Immutable;
using OrbitLsp.Core.Syntax;
using OrbitLsp.Core.Text;

namespace OrbitLsp.Core.Model;

/// <summary>How a review area is written.</summary>
public enum BlockForm
{
    /// <summary><c>{{&lt;orbit_review&gt;}}</c> … <c>{{&lt;/orbit_review&gt;}}</c>: prompts are lines, paired in order.</summary>
    Shortcode,

    /// <summary><c>orbit_review_start</c>, <c>orbit_flashcard</c> calls, <c>orbit_review_end</c>.</summary>
    Legacy,

    /// <summary>Raw <c>&lt;orbit-reviewarea&gt;</c> and <c>&lt;orbit-prompt&gt;</c> HTML.</summary>
    Html,
}

/// <summary>Where in the note's Markdown a block sits, which decides what the page shows of it.</summary>
public enum BlockPlacement
{
    Body,

    /// <summary>In a fenced code block: a <c>{{&lt; &gt;}}</c> block still makes a live review area there.</summary>
    CodeFence,

    /// <summary>In an HTML comment: executed, but the browser hides the cards.</summary>
    HtmlComment,

    /// <summary>In the front matter: not executed at all.</summary>
    FrontMatter,

    /// <summary>Inside another review block: its HTML becomes one prompt line of the outer block.</summary>
    Nested,
}

/// <summary>One review area of a note and the cards it publishes.</summary>
public sealed class ReviewBlock
{
    public required BlockForm Form { get; init; }

    /// <summary>Opening tag (the <c>orbit_review</c> or <c>orbit_review_start</c> call); null for raw HTML.</summary>
    public ShortcodeCall? Open { get; init; }

    /// <summary>Closing tag (<c>/orbit_review</c> or <c>orbit_review_end</c>); null when never closed.</summary>
    public ShortcodeCall? Close { get; init; }

    /// <summary>For raw HTML: the <c>&lt;orbit-reviewarea&gt;</c> element.</summary>
    public HtmlElement? Area
    {
        get => _rare?.Area;
        init { if (value is not null) Rare.Area = value; }
    }

    /// <summary>From the opening tag's start to the closing tag's end.</summary>
    public required TextSpan Span { get; init; }

    /// <summary>Between the tags: an <c>orbit_review</c> shortcode's inner text.</summary>
    public required TextSpan InnerSpan { get; init; }

    /// <summary>The span of the opening tag (or start tag) alone.</summary>
    public TextSpan OpenSpan => Open?.Span ?? Area?.StartTag ?? new TextSpan(Span.Start, 0);

    public bool IsClosed { get; init; } = true;

    /// <summary><c>{{&lt; orbit_review /&gt;}}</c>: no inner text, an empty review area.</summary>
    public bool IsSelfClosed { get; init; }

    /// <summary>The colour the page gets, exactly (quotes and all, for a value Hugo keeps quotes of).</summary>
    public required string Color { get; init; }

    /// <summary>The <c>color</c> parameter or attribute, when written.</summary>
    public ShortcodeParameter? ColorParameter { get; init; }

    public HtmlAttribute? ColorAttribute
    {
        get => _rare?.ColorAttribute;
        init { if (value is not null) Rare.ColorAttribute = value; }
    }

    public BlockPlacement Placement { get; internal set; }

    /// <summary>0-based index among the note's blocks, in document order.</summary>
    public int Index { get; internal set; }

    public ImmutableArray<PromptLine> Lines { get; init; } = [];

    /// <summary>Lines the shortcode drops because only spaces and '*' are on them (<c>***</c>).</summary>
    public ImmutableArray<TextSpan> DroppedLines
    {
        get => _rare?.DroppedLines ?? [];
        init { if (!value.IsDefaultOrEmpty) Rare.DroppedLines = value; }
    }

    public ImmutableArray<Prompt> Prompts { get; init; } = [];

    /// <summary>Calls of other shortcodes written inside this block's inner text.</summary>
    public ImmutableArray<ShortcodeCall> InnerCalls
    {
        get => _rare?.InnerCalls ?? [];
        init { if (!value.IsDefaultOrEmpty) Rare.InnerCalls = value; }
    }

    public ImmutableArray<ReviewBlock> NestedBlocks
    {
        get => _rare?.NestedBlocks ?? [];
        internal set { if (!value.IsDefaultOrEmpty || _rare is not null) Rare.NestedBlocks = value.IsDefault ? [] : value; }
    }

    public ReviewBlock? Parent
    {
        get => _rare?.Parent;
        internal set { if (value is not null || _rare is not null) Rare.Parent = value; }
    }

    /// <summary>Lines of the inner text that end in "\r\n".</summary>
    public int CrlfLineCount { get; init; }

    /// <summary>Runs of lines between blank lines whose size breaks the author's own two-line rhythm.</summary>
    public ImmutableArray<TextSpan> OddGroups
    {
        get => _rare?.OddGroups ?? [];
        internal set { if (!value.IsDefaultOrEmpty || _rare is not null) Rare.OddGroups = value.IsDefault ? [] : value; }
    }

    /// <summary>Where the block's own rhythm of questions says its pairs shift (OL008), when no line explains it.</summary>
    public ImmutableArray<QuestionShift> QuestionShifts
    {
        get => _rare?.QuestionShifts ?? [];
        internal set { if (!value.IsDefaultOrEmpty || _rare is not null) Rare.QuestionShifts = value.IsDefault ? [] : value; }
    }

    /// <summary>For the legacy form: every <c>orbit_flashcard</c> call, in order.</summary>
    public ImmutableArray<ShortcodeCall> Flashcards
    {
        get => _rare?.Flashcards ?? [];
        init { if (!value.IsDefaultOrEmpty) Rare.Flashcards = value; }
    }

    /// <summary>For raw HTML: <c>&lt;orbit-prompt&gt;</c> elements that Orbit will ignore (not direct children).</summary>
    public ImmutableArray<(HtmlElement Element, string Why)> IgnoredPrompts
    {
        get => _rare?.IgnoredPrompts ?? [];
        init { if (!value.IsDefaultOrEmpty) Rare.IgnoredPrompts = value; }
    }

    // What most blocks of a note have none of lives apart, so that a block of the usual kind (an
    // orbit_review of line pairs, nothing nested, nothing dropped) is 120 bytes, not 184.
    private sealed class RareParts
    {
        public HtmlElement? Area;
        public HtmlAttribute? ColorAttribute;
        public ImmutableArray<TextSpan> DroppedLines = [];
        public ImmutableArray<ShortcodeCall> InnerCalls = [];
        public ImmutableArray<ReviewBlock> NestedBlocks = [];
        public ReviewBlock? Parent;
        public ImmutableArray<TextSpan> OddGroups = [];
        public ImmutableArray<QuestionShift> QuestionShifts = [];
        public ImmutableArray<ShortcodeCall> Flashcards = [];
        public ImmutableArray<(HtmlElement Element, string Why)> IgnoredPrompts = [];
    }

    private RareParts? _rare;

    private RareParts Rare => _rare ??= new();

    public bool IsHidden => Placement == BlockPlacement.HtmlComment;

    /// <summary>True when the page gets a working-or-not review area for this block.</summary>
    public bool PublishesArea =>
        Placement is BlockPlacement.Body or BlockPlacement.HtmlComment
        || (Placement == BlockPlacement.CodeFence && (Open is null || Open.Notation == ShortcodeNotation.Angle));

    public override string ToString() => $"{Form} block {Index} {Span} ({Prompts.Length} prompts, {Color})";
}
