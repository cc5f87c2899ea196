using System.Text.Json.Serialization;
using OrbitLsp.LanguageServer.Protocol;

namespace OrbitLsp.LanguageServer.Features.Commands;

/// <summary>The result of <c>orbit.previewReview</c>: the cards the published page will contain.</summary>
public sealed record PreviewReviewResult(
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("cards")] PreviewCard[] Cards);

/// <summary>One card; <c>range</c> is the question line's; <c>problems</c> are rule codes; <c>id</c> the card's id for <c>orbit.recordReview</c> (none for a hidden card or one without a question).</summary>
public sealed record PreviewCard(
    [property: JsonPropertyName("question")] string Question,
    [property: JsonPropertyName("answer")] string Answer,
    [property: JsonPropertyName("color")] string Color,
    [property: JsonPropertyName("block")] int Block,
    [property: JsonPropertyName("prompt")] int Prompt,
    [property: JsonPropertyName("range")] Protocol.Range Range,
    [property: JsonPropertyName("problems")] string[] Problems,
    [property: JsonPropertyName("hidden")] bool Hidden,
    [property: JsonPropertyName("id"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Id = null);

/// <summary>The result of <c>orbit.previewReviewHtml</c>: one self-contained page.</summary>
public sealed record PreviewHtmlResult([property: JsonPropertyName("html")] string Html);

/// <summary>
/// The result of <c>orbit.pagePreview</c>: what the published page makes of the note's shortcodes,
/// for a Markdown preview. <c>version</c> is the editor's version it was computed from (null for a
/// note read from disk); <c>rules</c> names every code used in it.
/// </summary>
public sealed record PagePreviewResult(
    [property: JsonPropertyName("version")] int? Version,
    [property: JsonPropertyName("areas")] PagePreviewArea[] Areas,
    [property: JsonPropertyName("shortcodes")] PagePreviewCall[] Shortcodes,
    [property: JsonPropertyName("buildFailure")] PagePreviewProblem? BuildFailure,
    [property: JsonPropertyName("rules")] Dictionary<string, PagePreviewRule> Rules);

/// <summary>
/// A review area the page shows: its source (<c>range</c>, from the opening tag's start to the closing
/// tag's end), its colour exactly as the page gets it, where it sits and its cards in order.
/// </summary>
public sealed record PagePreviewArea(
    [property: JsonPropertyName("index")] int Index,
    [property: JsonPropertyName("form")] string Form,
    [property: JsonPropertyName("placement")] string Placement,
    [property: JsonPropertyName("hidden")] bool Hidden,
    [property: JsonPropertyName("color")] string Color,
    [property: JsonPropertyName("range")] Protocol.Range Range,
    [property: JsonPropertyName("openRange")] Protocol.Range OpenRange,
    [property: JsonPropertyName("problems")] string[] Problems,
    [property: JsonPropertyName("cards")] PagePreviewCard[] Cards);

/// <summary>
/// One card: its texts exactly as the page gets them, where it is written (<c>range</c>; <c>line</c>
/// is the question's line), its problems, and the line that shifted its pairing, if any.
/// A cloze prompt has <c>cloze</c>: its text cut into runs and deletions.
/// </summary>
public sealed record PagePreviewCard(
    [property: JsonPropertyName("prompt")] int Prompt,
    [property: JsonPropertyName("question")] string Question,
    [property: JsonPropertyName("answer")] string Answer,
    [property: JsonPropertyName("hasAnswer")] bool HasAnswer,
    [property: JsonPropertyName("line")] int Line,
    [property: JsonPropertyName("range")] Protocol.Range Range,
    [property: JsonPropertyName("problems")] string[] Problems,
    [property: JsonPropertyName("shiftedBy")] int? ShiftedBy,
    [property: JsonPropertyName("cloze")] PagePreviewClozePart[]? Cloze,
    [property: JsonPropertyName("questionAttachments")] string[]? QuestionAttachments,
    [property: JsonPropertyName("answerAttachments")] string[]? AnswerAttachments);

public sealed record PagePreviewClozePart(
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("deleted")] bool Deleted);

/// <summary>
/// A shortcode call outside the review areas. <c>text</c> is set for an escaped call
/// (<c>{{&lt;/* name */&gt;}}</c>): the page prints that text instead.
/// </summary>
public sealed record PagePreviewCall(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("range")] Protocol.Range Range,
    [property: JsonPropertyName("closing")] bool Closing,
    [property: JsonPropertyName("selfClosing")] bool SelfClosing,
    [property: JsonPropertyName("text")] string? Text,
    [property: JsonPropertyName("problems")] string[] Problems);

/// <summary>The first problem that stops the site build: the page is not published at all.</summary>
public sealed record PagePreviewProblem(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("range")] Protocol.Range Range);

public sealed record PagePreviewRule(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("title")] string Title);
