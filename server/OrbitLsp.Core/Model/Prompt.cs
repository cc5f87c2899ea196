using System.Collections.Immutable;
using OrbitLsp.Core.Syntax;
using OrbitLsp.Core.Text;

namespace OrbitLsp.Core.Model;

/// <summary>
/// One card as the published page will contain it: the question and answer text exactly as the
/// page gets them, and where they come from in the note.
/// </summary>
/// <remarks>
/// NOTE: a prompt of an <c>orbit_review</c> block is its two lines and nothing else: its text and
/// spans are read from them. Only the older forms (a flashcard call, an HTML element) write
/// these out, in an object of their own, so that the tens of thousands of line-pair prompts of a
/// large note stay small (56 bytes, not 104).
/// </remarks>
public sealed class Prompt
{
    public required int Index { get; init; }

    /// <summary>For an <c>orbit_review</c> block: the lines paired into this prompt.</summary>
    public PromptLine? QuestionLine { get; init; }

    public PromptLine? AnswerLine { get; init; }

    /// <summary>
    /// The line whose presence shifted this prompt's pairing (the question is really an answer,
    /// or the pair spans two of the author's groups), or null when the pairing looks as meant.
    /// </summary>
    public PromptLine? ShiftedBy { get; internal set; }

    private sealed class Written
    {
        public string? Question;
        public string? Answer;
        public TextSpan QuestionSpan;
        public TextSpan? AnswerSpan;
        public TextSpan Span;
        public bool HasAnswer = true;
        public ShortcodeCall? FlashcardCall;
        public HtmlElement? Element;
        public string? Cloze;
        public ImmutableArray<string> QuestionAttachments = [];
        public ImmutableArray<string> AnswerAttachments = [];
    }

    private Written? _written;

    private Written Write => _written ??= new();

    /// <summary>The question as the page gets it.</summary>
    public string Question
    {
        get => _written is { } w ? w.Question ?? "" : QuestionLine?.Text ?? "";
        init => Write.Question = value;
    }

    /// <summary>Empty when the note gives no answer (Orbit shows a blank back of the card).</summary>
    public string Answer
    {
        get => _written is { } w ? w.Answer ?? "" : AnswerLine?.Text ?? "";
        init => Write.Answer = value;
    }

    /// <summary><see cref="Question"/> without making a string of it.</summary>
    public ReadOnlyMemory<char> QuestionMemory => _written is { } w ? w.Question.AsMemory() : QuestionLine?.TextMemory ?? default;

    /// <summary><see cref="Answer"/> without making a string of it.</summary>
    public ReadOnlyMemory<char> AnswerMemory => _written is { } w ? w.Answer.AsMemory() : AnswerLine?.TextMemory ?? default;

    /// <summary>A hash of the question and answer text, equal for equal prompts.</summary>
    internal int TextHash => _written is null && QuestionLine is { } q
        ? HashCode.Combine(q.TextHash, AnswerLine?.TextHash ?? 0)
        : HashCode.Combine(string.GetHashCode(QuestionMemory.Span), AnswerMemory.Length == 0 ? 0 : string.GetHashCode(AnswerMemory.Span));

    /// <summary>Where the question is written: the question line's text, or the <c>question</c> value.</summary>
    public TextSpan QuestionSpan
    {
        get => _written is { } w ? w.QuestionSpan : QuestionLine?.ContentSpan ?? default;
        init => Write.QuestionSpan = value;
    }

    public TextSpan? AnswerSpan
    {
        get => _written is { } w ? w.AnswerSpan : AnswerLine?.ContentSpan;
        init => Write.AnswerSpan = value;
    }

    /// <summary>The whole source of the prompt (both lines, the flashcard call, or the element).</summary>
    public TextSpan Span
    {
        get => _written is { } w ? w.Span
            : QuestionLine is { } q ? TextSpan.FromBounds(q.LineSpan.Start, (AnswerLine ?? q).LineSpan.End)
            : default;
        init => Write.Span = value;
    }

    /// <summary>False when the note gives no answer at all (an odd last line, a missing attribute).</summary>
    public bool HasAnswer
    {
        get => _written is { } w ? w.HasAnswer : AnswerLine is not null;
        init => Write.HasAnswer = value;
    }

    /// <summary>For the legacy form: the <c>orbit_flashcard</c> call.</summary>
    public ShortcodeCall? FlashcardCall
    {
        get => _written?.FlashcardCall;
        init => Write.FlashcardCall = value;
    }

    /// <summary>For raw HTML: the <c>&lt;orbit-prompt&gt;</c> element.</summary>
    public HtmlElement? Element
    {
        get => _written?.Element;
        init => Write.Element = value;
    }

    /// <summary>A cloze prompt's text (<c>cloze</c> attribute); the deletions are in braces.</summary>
    public string? Cloze
    {
        get => _written?.Cloze;
        init => Write.Cloze = value;
    }

    public ImmutableArray<string> QuestionAttachments
    {
        get => _written?.QuestionAttachments ?? [];
        init => Write.QuestionAttachments = value;
    }

    public ImmutableArray<string> AnswerAttachments
    {
        get => _written?.AnswerAttachments ?? [];
        init => Write.AnswerAttachments = value;
    }

    public override string ToString() => $"Q{Index + 1}: {Question} | A: {Answer}";
}
