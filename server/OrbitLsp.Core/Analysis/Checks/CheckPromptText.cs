using OrbitLsp.Core.Diagnostics;
using OrbitLsp.Core.Model;
using OrbitLsp.Core.Text;

namespace OrbitLsp.Core.Analysis.Checks;

/// <summary>The text of the cards: math delimiters, stray quotes, the same card twice (ORBIT-FORMAT §4).</summary>
internal static class CheckPromptText
{
    public static void Run(NoteDocument doc, List<NoteDiagnostic> sink)
    {
        int prompts = 0;
        foreach (var block in doc.Blocks) prompts += block.Prompts.Length;
        var seen = new Dictionary<PromptKey, Prompt>(prompts);
        foreach (var block in doc.Blocks)
        {
            if (!block.PublishesArea || block.Placement == BlockPlacement.Nested) continue;
            foreach (var prompt in block.Prompts)
            {
                if (block.Form == BlockForm.Shortcode)
                {
                    Math(prompt, sink);
                    Quotes(prompt, sink);
                }
                if (prompt.QuestionMemory.Length == 0) continue;
                var key = new PromptKey(prompt.QuestionMemory, prompt.AnswerMemory);
                if (seen.TryGetValue(key, out var first))
                {
                    var at = doc.GetPosition(first.Span.Start);
                    sink.Add(new(Rules.DuplicatePrompt, prompt.Span,
                        $"The same prompt is already on line {at.Line + 1}: Orbit identifies a prompt by its text, so readers get one card, not two. Delete this copy or change it.",
                        new RelatedPlace(first.Span, "first copy of this prompt")));
                }
                else seen[key] = prompt;
            }
        }
    }

    public static void Math(Prompt prompt, List<NoteDiagnostic> sink)
    {
        Check(prompt.QuestionMemory.Span, prompt.QuestionSpan, sink);
        if (prompt.AnswerSpan is { } answerSpan) Check(prompt.AnswerMemory.Span, answerSpan, sink);

        static void Check(ReadOnlySpan<char> text, TextSpan span, List<NoteDiagnostic> sink)
        {
            if (text.IndexOf('$') < 0) return;
            bool inline = false, display = false;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c == '\\') { i++; continue; }
                if (c != '$') continue;
                if (!inline && i + 1 < text.Length && text[i + 1] == '$')
                {
                    display = !display;
                    i++;
                }
                else if (!display) inline = !inline;
            }
            if (inline || display)
            {
                sink.Add(new(Rules.UnbalancedMath, span,
                    $"A '{(display ? "$$" : "$")}' is never closed: Orbit reads '$' as the start of math, so the card shows the rest as a formula or as KaTeX's error text. Close the formula, or write \\$ for a dollar sign."));
            }
        }
    }

    private static void Quotes(Prompt prompt, List<NoteDiagnostic> sink)
    {
        Quote(prompt.QuestionLine, sink);
        Quote(prompt.AnswerLine, sink);
    }

    private static void Quote(PromptLine? line, List<NoteDiagnostic> sink)
    {
        {
            if (line is null || line.Hazards != LineHazards.None && !line.Has(LineHazards.StrippedAsterisks) && !line.Has(LineHazards.CarriageReturn)) return;
            int count = line.TextMemory.Span.Count('"');
            if (count % 2 == 1)
            {
                sink.Add(new(Rules.UnbalancedQuote, line.ContentSpan,
                    $"This line has an odd number of '\"': the card shows the stray quote as typed. Remove it or add its partner."));
            }
        }
    }
}

/// <summary>A prompt's text as a dictionary key, compared without making strings.</summary>
internal readonly struct PromptKey(ReadOnlyMemory<char> question, ReadOnlyMemory<char> answer) : IEquatable<PromptKey>
{
    private readonly ReadOnlyMemory<char> _question = question;
    private readonly ReadOnlyMemory<char> _answer = answer;

    public bool Equals(PromptKey other) =>
        _question.Span.SequenceEqual(other._question.Span) && _answer.Span.SequenceEqual(other._answer.Span);

    public override bool Equals(object? obj) => obj is PromptKey other && Equals(other);

    // Equal texts must hash alike; unequal ones rarely collide on length and both ends, and
    // Equals settles those. Far cheaper than hashing every character of every prompt.
    public override int GetHashCode() => HashCode.Combine(Sample(_question.Span), Sample(_answer.Span));

    private static int Sample(ReadOnlySpan<char> s) => s.Length <= 32
        ? string.GetHashCode(s)
        : HashCode.Combine(s.Length, string.GetHashCode(s[..16]), string.GetHashCode(s[^16..]), s[s.Length / 2]);
}
