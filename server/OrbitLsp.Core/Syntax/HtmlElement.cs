using System.Collections.Immutable;
using OrbitLsp.Core.Text;

namespace OrbitLsp.Core.Syntax;

/// <summary>An attribute of a raw HTML tag. <see cref="Quote"/> is '"', '\'' or '\0' (unquoted or no value).</summary>
public sealed record HtmlAttribute(string Name, string Value, TextSpan NameSpan, TextSpan ValueSpan, char Quote, bool HasValue)
{
    public TextSpan Span => HasValue ? TextSpan.FromBounds(NameSpan.Start, ValueSpan.End) : NameSpan;
}

/// <summary>A start tag of an Orbit element written as raw HTML, with its end tag once matched.</summary>
public sealed class HtmlElement
{
    public required string Name { get; init; }
    public required TextSpan StartTag { get; init; }
    public ImmutableArray<HtmlAttribute> Attributes { get; init; } = [];
    public bool IsSelfClosing { get; init; }

    /// <summary>False when the start tag has no closing '&gt;'.</summary>
    public bool IsComplete { get; init; } = true;

    public TextSpan? EndTag { get; internal set; }

    public TextSpan Span => EndTag is { } end ? TextSpan.FromBounds(StartTag.Start, end.End) : StartTag;

    public HtmlAttribute? Get(string name)
    {
        foreach (var a in Attributes)
            if (string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase)) return a;
        return null;
    }
}

/// <summary>A start or end tag found in raw text.</summary>
public readonly record struct HtmlTag(string Name, TextSpan Span, bool IsEnd, bool IsSelfClosing, HtmlElement? Element);
