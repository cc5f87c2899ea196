using System.Text.Json.Serialization;
using OrbitLsp.LanguageServer.Protocol;

namespace OrbitLsp.LanguageServer.Features.Commands;

/// <summary>The result of <c>orbit.previewReview</c>: the cards the published page will contain.</summary>
public sealed record PreviewReviewResult(
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("cards")] PreviewCard[] Cards);

/// <summary>One card; <c>range</c> is the question line's; <c>problems</c> are rule codes.</summary>
public sealed record PreviewCard(
    [property: JsonPropertyName("question")] string Question,
    [property: JsonPropertyName("answer")] string Answer,
    [property: JsonPropertyName("color")] string Color,
    [property: JsonPropertyName("block")] int Block,
    [property: JsonPropertyName("prompt")] int Prompt,
    [property: JsonPropertyName("range")] Protocol.Range Range,
    [property: JsonPropertyName("problems")] string[] Problems,
    [property: JsonPropertyName("hidden")] bool Hidden);

/// <summary>The result of <c>orbit.previewReviewHtml</c>: one self-contained page.</summary>
public sealed record PreviewHtmlResult([property: JsonPropertyName("html")] string Html);
