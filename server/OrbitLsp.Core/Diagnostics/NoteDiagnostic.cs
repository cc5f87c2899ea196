using System.Collections.Immutable;
using OrbitLsp.Core.Text;

namespace OrbitLsp.Core.Diagnostics;

/// <summary>
/// Another place that explains a diagnostic: the first copy of a duplicate, the line that caused a
/// shift. In another note (<see cref="File"/> set), <see cref="Range"/> says where, in that note's positions.
/// </summary>
public sealed record RelatedPlace(TextSpan Span, string Message, string? File = null, TextRange? Range = null);

/// <summary>One problem found in a note, with the rule that found it and where it is.</summary>
public sealed record NoteDiagnostic(Rule Rule, TextSpan Span, string Message, Severity Severity, ImmutableArray<RelatedPlace> Related)
{
    public string Code => Rule.Code;

    /// <summary>True when Hugo stops the site build on this problem: the page is not published at all.</summary>
    public bool FailsBuild { get; init; }

    public NoteDiagnostic(Rule rule, TextSpan span, string message, params RelatedPlace[] related)
        : this(rule, span, message, rule.DefaultSeverity, [.. related])
    {
    }
}
