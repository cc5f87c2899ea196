using System.Text.Json.Serialization;
using OrbitLsp.LanguageServer.Protocol;

namespace OrbitLsp.LanguageServer.Features.Review;

/// <summary>The result of <c>orbit.reviewDue</c>: the due cards, in review order, and how many there are in all.</summary>
/// <param name="Due">Reviewed cards due today or overdue.</param>
/// <param name="New">Cards never reviewed (due as well).</param>
/// <param name="Total">Due and new together: the cards to review today, of which <see cref="Cards"/> holds the first <c>limit</c>.</param>
/// <param name="NextDue">The day the next card falls due after today, when none is left for today.</param>
public sealed record ReviewDueResult(
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("today")] string Today,
    [property: JsonPropertyName("due")] int Due,
    [property: JsonPropertyName("new")] int New,
    [property: JsonPropertyName("total")] int Total,
    [property: JsonPropertyName("nextDue"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? NextDue,
    [property: JsonPropertyName("cards")] ReviewDueCard[] Cards);

/// <summary>
/// A due card: the shape of <c>orbit.previewReview</c>'s cards, with the note it is in, its id
/// (for <c>orbit.recordReview</c>) and its schedule. <c>due</c>, <c>stability</c> and
/// <c>lastReviewed</c> are null for a new card.
/// </summary>
public sealed record ReviewDueCard(
    [property: JsonPropertyName("question")] string Question,
    [property: JsonPropertyName("answer")] string Answer,
    [property: JsonPropertyName("color")] string Color,
    [property: JsonPropertyName("block")] int Block,
    [property: JsonPropertyName("prompt")] int Prompt,
    [property: JsonPropertyName("range")] Protocol.Range Range,
    [property: JsonPropertyName("problems")] string[] Problems,
    [property: JsonPropertyName("hidden")] bool Hidden,
    [property: JsonPropertyName("uri")] string Uri,
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("due"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Due,
    [property: JsonPropertyName("stability"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? Stability,
    [property: JsonPropertyName("difficulty"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? Difficulty,
    [property: JsonPropertyName("lastReviewed"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? LastReviewed,
    [property: JsonPropertyName("reviews")] int Reviews);

/// <summary>The result of <c>orbit.recordReview</c>: when the card is due next.</summary>
public sealed record RecordReviewResult(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("grade")] string Grade,
    [property: JsonPropertyName("due")] string Due,
    [property: JsonPropertyName("interval")] int Interval,
    [property: JsonPropertyName("dueText")] string DueText,
    [property: JsonPropertyName("stability")] double Stability,
    [property: JsonPropertyName("difficulty")] double Difficulty,
    [property: JsonPropertyName("reviews")] int Reviews,
    [property: JsonPropertyName("lapses")] int Lapses);
