using System.Collections.Immutable;
using OrbitLsp.Core.Syntax;
using OrbitLsp.Core.Text;

namespace OrbitLsp.Core.Model;

/// <summary>
/// One card as the published page will contain it: the question and answer text exactly as the
/// page gets them, and where they come from in the note.
/// </summary>
public sealed class Prompt
{
    public required int Index { get; init; }

    private string? _question;
    private string? _answer;

    /// <summary>The question as the page gets it (read from the question line on first use).</summary>
    public string Question
    {
        get => _question ??= QuestionLine?.Text ?? "";
        init => _question = value;
    }

    /// <summary>Empty when the note gives no answer (Orbit shows a blank back of the card).</summary>
    public string Answer
    {
        get => _answer ??= AnswerLine?.Text ?? "";
        init => _answer = value;
    }

    /// <summary><see cref="Question"/> without making a string of it.</summary>
    public ReadOnlyMemory<char> QuestionMemory => _question?.AsMemory() ?? QuestionLine?.TextMemory ?? default;

    /// <summary><see cref="Answer"/> without making a string of it.</summary>
    public ReadOnlyMemory<char> AnswerMemory => _answer?.AsMemory() ?? AnswerLine?.TextMemory ?? default;

    /// <summary>A hash of the question and answer text, equal for equal prompts.</summary>
    internal int TextHash => QuestionLine is { } q && _question is null && _answer is null
        ? HashCode.Combine(q.TextHash, AnswerLine?.TextHash ?? 0)
        : HashCode.Combine(string.GetHashCode(QuestionMemory.Span), AnswerMemory.Length == 0 ? 0 : string.GetHashCode(AnswerMemory.Span));

    /// <summary>Where the question is written: the question line, or the <c>question</c> value.</summary>
    public required TextSpan QuestionSpan { get; init; }

    public TextSpan? AnswerSpan { get; init; }

    /// <summary>The whole source of the prompt (both lines, the flashcard call, or the element).</summary>
    public required TextSpan Span { get; init; }

    /// <summary>False when the note gives no answer at all (an odd last line, a missing attribute).</summary>
    public bool HasAnswer { get; init; } = true;

    /// <summary>For an <c>orbit_review</c> block: the lines paired into this prompt.</summary>
    public PromptLine? QuestionLine { get; init; }

    public PromptLine? AnswerLine { get; init; }

    // What only the older forms have lives apart, so that the many line-pair prompts of a large
    // note stay small objects.
    private sealed class OlderForm
    {
        public ShortcodeCall? FlashcardCall;
        public HtmlElement? Element;
        public string? Cloze;
        public ImmutableArray<string> QuestionAttachments = [];
        public ImmutableArray<string> AnswerAttachments = [];
    }

    private OlderForm? _older;

    /// <summary>For the legacy form: the <c>orbit_flashcard</c> call.</summary>
    public ShortcodeCall? FlashcardCall
    {
        get => _older?.FlashcardCall;
        init => (_older ??= new()).FlashcardCall = value;
    }

    /// <summary>For raw HTML: the <c>&lt;orbit-prompt&gt;</c> element.</summary>
    public HtmlElement? Element
    {
        get => _older?.Element;
        init => (_older ??= new()).Element = value;
    }

    /// <summary>A cloze prompt's text (<c>cloze</c> attribute); the deletions are in braces.</summary>
    public string? Cloze
    {
        get => _older?.Cloze;
        init => (_older ??= new()).Cloze = value;
    }

    public ImmutableArray<string> QuestionAttachments
    {
        get => _older?.QuestionAttachments ?? [];
        init => (_older ??= new()).QuestionAttachments = value;
    }

    public ImmutableArray<string> AnswerAttachments
    {
        get => _older?.AnswerAttachments ?? [];
        init => (_older ??= new()).AnswerAttachments = value;
    }

    /// <summary>
    /// The line whose presence shifted this prompt's pairing (the question is really an answer,
    /// or the pair spans two of the author's groups), or null when the pairing looks as meant.
    /// </summary>
    public PromptLine? ShiftedBy { get; internal set; }

    public override string ToString() => $"Q{Index + 1}: {Question} | A: {Answer}";
}
