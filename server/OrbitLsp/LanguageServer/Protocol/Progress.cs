using System.Text.Json.Serialization;

namespace OrbitLsp.LanguageServer.Protocol;

/// <summary><see href="https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#window_workDoneProgress_create"/></summary>
public sealed record WorkDoneProgressCreateParams([property: JsonPropertyName("token")] string Token);

/// <summary><c>$/progress</c> carrying work-done progress. <see href="https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#progress"/></summary>
public sealed record ProgressParams(
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("value")] WorkDoneProgress Value);

/// <summary>
/// One of begin (with a title), report and end; the fields another kind does not have stay null.
/// <see href="https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#workDoneProgress"/>
/// </summary>
public sealed record WorkDoneProgress
{
    [JsonPropertyName("kind")] public required string Kind { get; init; }
    [JsonPropertyName("title")] public string? Title { get; init; }
    [JsonPropertyName("cancellable")] public bool? Cancellable { get; init; }
    [JsonPropertyName("message")] public string? Message { get; init; }
    [JsonPropertyName("percentage")] public int? Percentage { get; init; }

    public static WorkDoneProgress Begin(string title, string message) => new() { Kind = "begin", Title = title, Cancellable = false, Message = message, Percentage = 0 };

    public static WorkDoneProgress Report(string message, int percentage) => new() { Kind = "report", Message = message, Percentage = percentage };

    public static WorkDoneProgress End(string message) => new() { Kind = "end", Message = message };
}
