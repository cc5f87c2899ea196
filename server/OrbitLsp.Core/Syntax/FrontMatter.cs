using System.Collections.Immutable;
using OrbitLsp.Core.Text;

namespace OrbitLsp.Core.Syntax;

public enum FrontMatterFormat
{
    Yaml,
    Toml,
    Json,
}

/// <summary>A top-level scalar of the front matter: its text as written (quotes removed) and where the value is.</summary>
public sealed record FrontMatterField(string Key, string Value, TextSpan KeySpan, TextSpan ValueSpan);

/// <summary>A problem Hugo meets reading the front matter; <see cref="FailsBuild"/> when the site build stops on it.</summary>
public sealed record FrontMatterError(string Message, TextSpan Span, bool FailsBuild = true);

/// <summary>
/// The note's front matter, found as Hugo finds it: after optional white space and byte-order
/// mark, YAML between <c>---</c> lines, TOML between <c>+++</c> lines, or a JSON object.
/// </summary>
public sealed class FrontMatter
{
    public required FrontMatterFormat Format { get; init; }

    /// <summary>Delimiters included; Hugo's Markdown starts right after it.</summary>
    public required TextSpan Span { get; init; }

    public required TextSpan ContentSpan { get; init; }

    public bool IsClosed { get; init; } = true;

    public ImmutableArray<FrontMatterError> Errors { get; init; } = [];

    public ImmutableDictionary<string, FrontMatterField> Fields { get; init; } = ImmutableDictionary<string, FrontMatterField>.Empty;

    public ImmutableArray<string> Tags { get; init; } = [];

    public FrontMatterField? Get(string key) => Fields.GetValueOrDefault(key);
}
