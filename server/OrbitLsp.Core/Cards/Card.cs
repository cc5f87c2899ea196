using System.Collections.Immutable;
using OrbitLsp.Core.Model;
using OrbitLsp.Core.Text;

namespace OrbitLsp.Core.Cards;

/// <summary>
/// A card exactly as the published page contains it, with the rule codes of the problems that
/// touch it (an unanswered or shifted card included).
/// </summary>
public sealed record Card(
    int Block,
    int Prompt,
    string Question,
    string Answer,
    string Color,
    TextSpan QuestionSpan,
    TextSpan Span,
    bool Hidden,
    ImmutableArray<string> Problems,
    ReviewBlock SourceBlock,
    Prompt SourcePrompt);
