using System.Text.Json.Serialization;

namespace OrbitLsp.LanguageServer.Protocol;

/// <summary><see href="https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#diagnostic"/></summary>
public sealed record Diagnostic
{
    [JsonPropertyName("range")] public required Range Range { get; init; }
    [JsonPropertyName("severity")] public int? Severity { get; init; }
    [JsonPropertyName("code")] public string? Code { get; init; }
    [JsonPropertyName("codeDescription")] public CodeDescription? CodeDescription { get; init; }
    [JsonPropertyName("source")] public string? Source { get; init; }
    [JsonPropertyName("message")] public required string Message { get; init; }

    /// <summary>1 = Unnecessary, 2 = Deprecated.</summary>
    [JsonPropertyName("tags")] public int[]? Tags { get; init; }
    [JsonPropertyName("relatedInformation")] public DiagnosticRelatedInformation[]? RelatedInformation { get; init; }

    /// <summary>Equal when they would be written the same: the arrays by their elements.</summary>
    public bool Equals(Diagnostic? other) =>
        other is not null && Range == other.Range && Severity == other.Severity && Code == other.Code && CodeDescription == other.CodeDescription
        && Source == other.Source && Message == other.Message && Same(Tags, other.Tags) && Same(RelatedInformation, other.RelatedInformation);

    public override int GetHashCode() => HashCode.Combine(Range, Code, Message);

    private static bool Same<T>(T[]? a, T[]? b) where T : IEquatable<T> => a is null ? b is null : b is not null && a.AsSpan().SequenceEqual(b);
}

/// <summary><see href="https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#codeDescription"/></summary>
public sealed record CodeDescription([property: JsonPropertyName("href")] string Href);

/// <summary><see href="https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#diagnosticRelatedInformation"/></summary>
public sealed record DiagnosticRelatedInformation(
    [property: JsonPropertyName("location")] Location Location,
    [property: JsonPropertyName("message")] string Message);

/// <summary><see href="https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#publishDiagnosticsParams"/></summary>
public sealed record PublishDiagnosticsParams(
    [property: JsonPropertyName("uri")] string Uri,
    [property: JsonPropertyName("version")] int? Version,
    [property: JsonPropertyName("diagnostics")] Diagnostic[] Diagnostics);

/// <summary><see href="https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#documentDiagnosticParams"/></summary>
public sealed record DocumentDiagnosticParams(
    [property: JsonPropertyName("textDocument")] TextDocumentIdentifier TextDocument,
    [property: JsonPropertyName("identifier")] string? Identifier = null,
    [property: JsonPropertyName("previousResultId")] string? PreviousResultId = null);

/// <summary>
/// A full ("full", with items) or unchanged ("unchanged", items omitted) report.
/// <see href="https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#documentDiagnosticReport"/>
/// </summary>
public sealed record DocumentDiagnosticReport(
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("resultId")] string? ResultId,
    [property: JsonPropertyName("items")] Diagnostic[]? Items)
{
    public static DocumentDiagnosticReport Full(string resultId, Diagnostic[] items) => new("full", resultId, items);

    public static DocumentDiagnosticReport Unchanged(string resultId) => new("unchanged", resultId, null);
}
