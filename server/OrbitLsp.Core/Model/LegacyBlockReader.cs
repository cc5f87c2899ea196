using System.Collections.Immutable;
using OrbitLsp.Core.Syntax;
using OrbitLsp.Core.Text;

namespace OrbitLsp.Core.Model;

/// <summary>
/// The older form: <c>orbit_review_start</c> opens a review area (with <c>color=''</c> when no
/// colour is given), each <c>orbit_flashcard</c> call is one prompt written into single-quoted
/// attributes (so an apostrophe ends the value), <c>orbit_review_end</c> closes the area.
/// </summary>
internal static class LegacyBlockReader
{
    public static ReviewBlock Build(string text, ShortcodeCall start, ShortcodeCall? end, IReadOnlyList<ShortcodeCall> cards, int innerEnd)
    {
        var prompts = ImmutableArray.CreateBuilder<Prompt>(cards.Count);
        foreach (var card in cards)
        {
            var q = card.GetNamed("question");
            var a = card.GetNamed("answer");
            prompts.Add(new Prompt
            {
                Index = prompts.Count,
                Question = Published(q?.Value ?? ""),
                Answer = Published(a?.Value ?? ""),
                QuestionSpan = q?.ValueSpan ?? card.Span,
                AnswerSpan = a?.ValueSpan,
                Span = card.Span,
                HasAnswer = a is not null,
                FlashcardCall = card,
            });
        }
        var color = start.GetNamed("color");
        return new ReviewBlock
        {
            Form = BlockForm.Legacy,
            Open = start,
            Close = end,
            // Never closed: to its last text, and at least over its cards (an unfinished call runs on over white space).
            Span = TextSpan.FromBounds(start.Span.Start, end?.Span.End
                ?? Math.Max(Math.Max(start.Span.End, TrimEnd(text, start.Span.End, innerEnd)), cards.Count > 0 ? cards.Max(c => c.Span.End) : 0)),
            InnerSpan = TextSpan.FromBounds(start.Span.End, Math.Max(start.Span.End, innerEnd)),
            IsClosed = end is not null,
            Color = color?.Value ?? "",
            ColorParameter = color,
            Prompts = prompts.MoveToImmutable(),
            Flashcards = [.. cards],
        };
    }

    /// <summary>
    /// What a reader sees of a value pasted raw into a single-quoted HTML attribute: the part
    /// before the first apostrophe, with its character references decoded by the browser.
    /// </summary>
    public static string Published(string value)
    {
        int apostrophe = value.IndexOf('\'');
        return System.Net.WebUtility.HtmlDecode(apostrophe < 0 ? value : value[..apostrophe]);
    }

    private static int TrimEnd(string text, int start, int end)
    {
        while (end > start && char.IsWhiteSpace(text[end - 1])) end--;
        return end;
    }
}
