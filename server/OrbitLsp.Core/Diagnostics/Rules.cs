using System.Collections.Frozen;

namespace OrbitLsp.Core.Diagnostics;

/// <summary>The catalogue: every rule OrbitLsp reports. Codes are stable and never reused.</summary>
public static class Rules
{
    // Pairing: what the orbit_review shortcode does to the lines (ORBIT-FORMAT §1).
    public static readonly Rule UnansweredPrompt = new("OL001", "unanswered-prompt", Severity.Error, "A prompt has no answer");
    public static readonly Rule InvisibleLine = new("OL002", "invisible-line", Severity.Error, "A line that looks blank is a prompt line");
    public static readonly Rule StrayMarkupLine = new("OL003", "stray-markup-line", Severity.Error, "An HTML tag on its own line becomes a prompt");
    public static readonly Rule ShortcodeInBlock = new("OL004", "shortcode-in-block", Severity.Error, "Another shortcode inside a review block becomes a prompt line");
    public static readonly Rule OddRun = new("OL005", "odd-run", Severity.Warning, "An odd number of lines between blank lines shifts the pairs after it");
    public static readonly Rule CrlfLineEndings = new("OL006", "crlf-line-endings", Severity.Error, "CRLF line endings inside a review block");
    public static readonly Rule NestedBlock = new("OL007", "nested-block", Severity.Error, "A review block inside a review block");
    public static readonly Rule QuestionInAnswerPlace = new("OL008", "question-in-answer-place", Severity.Warning, "Questions are published as answers from some line on");

    // Blocks that fail the Hugo build (§2, §2a).
    public static readonly Rule UnclosedBlock = new("OL010", "unclosed-block", Severity.Error, "A review block is never closed");
    public static readonly Rule StrayClosingTag = new("OL011", "stray-closing-tag", Severity.Error, "A closing tag with no open block");
    public static readonly Rule SingleQuotedValue = new("OL012", "single-quoted-value", Severity.Error, "A single-quoted parameter value");
    public static readonly Rule UnquotedValueAtDelimiter = new("OL013", "unquoted-value-at-delimiter", Severity.Error, "An unquoted value runs into >}}");
    public static readonly Rule MixedParameters = new("OL014", "mixed-parameters", Severity.Error, "Named and positional parameters mixed");
    public static readonly Rule ShortcodeSyntax = new("OL015", "shortcode-syntax", Severity.Error, "Hugo cannot read a shortcode call");

    // Parameters and the review area (§2a, §4).
    public static readonly Rule UnknownColor = new("OL020", "unknown-color", Severity.Error, "A colour Orbit does not know");
    public static readonly Rule EmptyColor = new("OL021", "empty-color", Severity.Warning, "An empty colour");
    public static readonly Rule PositionalParameter = new("OL022", "positional-parameter", Severity.Warning, "A positional parameter is ignored");
    public static readonly Rule UnknownParameter = new("OL023", "unknown-parameter", Severity.Warning, "A parameter the shortcode ignores");
    public static readonly Rule SelfClosedBlock = new("OL024", "self-closed-block", Severity.Warning, "A self-closed review block has no prompts");
    public static readonly Rule EmptyBlock = new("OL025", "empty-block", Severity.Warning, "A review block with no prompts");
    public static readonly Rule StrippedAsterisks = new("OL026", "stripped-asterisks", Severity.Warning, "'*' at the edge of a prompt line is removed");
    public static readonly Rule DroppedLine = new("OL027", "dropped-line", Severity.Information, "A line of only '*' is dropped", RuleTags.Unnecessary);
    public static readonly Rule DuplicatePrompt = new("OL028", "duplicate-prompt", Severity.Warning, "The same prompt twice in a note");

    // Where a block sits (§2).
    public static readonly Rule BlockInCodeFence = new("OL030", "block-in-code-fence", Severity.Warning, "A review block inside a fenced code block");
    public static readonly Rule BlockInComment = new("OL031", "block-in-html-comment", Severity.Warning, "A review block inside an HTML comment");
    public static readonly Rule BlockInFrontMatter = new("OL032", "block-in-front-matter", Severity.Warning, "A review block inside the front matter");

    // The older forms and raw HTML (§3, §4).
    public static readonly Rule MissingQuestion = new("OL040", "missing-question", Severity.Error, "A prompt without a question");
    public static readonly Rule MissingAnswer = new("OL041", "missing-answer", Severity.Warning, "A prompt without an answer");
    public static readonly Rule ApostropheCutsValue = new("OL042", "apostrophe-cuts-value", Severity.Error, "An apostrophe cuts an orbit_flashcard value short");
    public static readonly Rule AreaNotClosed = new("OL043", "area-not-closed", Severity.Warning, "A review area is never closed");
    public static readonly Rule PromptOutsideArea = new("OL044", "prompt-outside-area", Severity.Error, "A prompt outside any review area");
    public static readonly Rule PromptNotDirectChild = new("OL045", "prompt-not-direct-child", Severity.Warning, "A prompt Orbit will ignore");
    public static readonly Rule RelativeAttachment = new("OL046", "relative-attachment", Severity.Error, "An attachment URL that is not absolute");
    public static readonly Rule BadCloze = new("OL047", "bad-cloze", Severity.Error, "A cloze prompt with bad braces");
    public static readonly Rule LegacyForm = new("OL048", "legacy-form", Severity.Hint, "An older review form", RuleTags.Deprecated);
    public static readonly Rule UnescapedAttribute = new("OL049", "unescaped-attribute", Severity.Warning, "A reserved HTML character in a raw attribute");
    public static readonly Rule StrayReviewEnd = new("OL050", "stray-review-end", Severity.Warning, "orbit_review_end with no orbit_review_start");

    // Prompt text (§4).
    public static readonly Rule UnbalancedMath = new("OL060", "unbalanced-math", Severity.Warning, "Unbalanced '$' math delimiters");
    public static readonly Rule UnbalancedQuote = new("OL061", "unbalanced-quote", Severity.Warning, "A stray '\"' in a prompt");

    // Front matter (§2).
    public static readonly Rule FrontMatterSyntax = new("OL070", "front-matter-syntax", Severity.Error, "Front matter Hugo cannot read");
    public static readonly Rule InvalidDate = new("OL071", "invalid-date", Severity.Error, "A date Hugo cannot parse");
    public static readonly Rule LastmodBeforeDate = new("OL072", "lastmod-before-date", Severity.Warning, "lastmod is earlier than date");

    // OrbitLsp's own settings.
    public static readonly Rule ConfigError = new("OL080", "config-error", Severity.Error, "A problem in .orbitlsp.yaml");
    public static readonly Rule UnknownRuleInComment = new("OL081", "unknown-rule-in-comment", Severity.Warning, "A suppression comment names no known rule");
    public static readonly Rule UnreadableFile = new("OL082", "unreadable-file", Severity.Error, "A note that cannot be read as UTF-8 text");

    // Across notes.
    public static readonly Rule DuplicateAcrossNotes = new("OL090", "duplicate-across-notes", Severity.Warning, "The same prompt in two notes");

    public static IReadOnlyList<Rule> All { get; } =
    [
        UnansweredPrompt, InvisibleLine, StrayMarkupLine, ShortcodeInBlock, OddRun, CrlfLineEndings, NestedBlock, QuestionInAnswerPlace,
        UnclosedBlock, StrayClosingTag, SingleQuotedValue, UnquotedValueAtDelimiter, MixedParameters, ShortcodeSyntax,
        UnknownColor, EmptyColor, PositionalParameter, UnknownParameter, SelfClosedBlock, EmptyBlock, StrippedAsterisks,
        DroppedLine, DuplicatePrompt,
        BlockInCodeFence, BlockInComment, BlockInFrontMatter,
        MissingQuestion, MissingAnswer, ApostropheCutsValue, AreaNotClosed, PromptOutsideArea, PromptNotDirectChild,
        RelativeAttachment, BadCloze, LegacyForm, UnescapedAttribute, StrayReviewEnd,
        UnbalancedMath, UnbalancedQuote,
        FrontMatterSyntax, InvalidDate, LastmodBeforeDate,
        ConfigError, UnknownRuleInComment, UnreadableFile,
        DuplicateAcrossNotes,
    ];

    private static readonly FrozenDictionary<string, Rule> ByKey =
        All.SelectMany(r => new[] { (r.Code, r), (r.Name, r) })
           .ToFrozenDictionary(p => p.Item1, p => p.Item2, StringComparer.OrdinalIgnoreCase);

    /// <summary>A rule by its code ("OL001") or name ("unanswered-prompt"), any case.</summary>
    public static Rule? Find(string codeOrName) => ByKey.GetValueOrDefault(codeOrName.Trim());
}
