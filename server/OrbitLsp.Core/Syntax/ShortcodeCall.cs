using System.Collections.Immutable;
using OrbitLsp.Core.Text;

namespace OrbitLsp.Core.Syntax;

/// <summary>Which of Hugo's two call notations a shortcode tag uses.</summary>
public enum ShortcodeNotation
{
    /// <summary><c>{{&lt; name &gt;}}</c>: inner text and output are passed as they are.</summary>
    Angle,

    /// <summary><c>{{% name %}}</c>: the output goes through the Markdown renderer.</summary>
    Percent,
}

/// <summary>How a parameter value was written.</summary>
public enum ParameterQuoting
{
    /// <summary>A bare word, ended by white space (Hugo reads it up to the next white space).</summary>
    None,
    Double,
    Backtick,

    /// <summary>Single quotes: not quotes to Hugo, only seen when reading a call Hugo rejects or keeps quotes of.</summary>
    Single,
}

/// <summary>
/// One parameter of a call. <see cref="Value"/> is what the template's <c>.Get</c> returns (escapes
/// removed); for a parameter Hugo could not read, it is the best reading of what the author meant.
/// </summary>
public sealed record ShortcodeParameter(
    string? Name,
    TextSpan? NameSpan,
    string Value,
    TextSpan ValueSpan,
    ParameterQuoting Quoting)
{
    public bool IsNamed => Name is not null;

    /// <summary>The whole parameter: name, '=' and value.</summary>
    public TextSpan Span => NameSpan is { } name ? TextSpan.FromBounds(name.Start, ValueSpan.End) : ValueSpan;
}

/// <summary>What went wrong when Hugo's lexer read a call: the site build stops with <see cref="HugoMessage"/>.</summary>
public sealed record ShortcodeSyntaxError(ShortcodeErrorKind Kind, string HugoMessage, TextSpan Span)
{
    /// <summary>
    /// How far Hugo's lexer read before it failed (past the call's lenient span when it read on over
    /// line breaks, or to the end of the note looking for a delimiter): the error, and its message,
    /// depend on the text up to here.
    /// </summary>
    public int ReadTo { get; init; }
}

public enum ShortcodeErrorKind
{
    /// <summary>No closing <c>&gt;}}</c> / <c>%}}</c> before the end of the note.</summary>
    UnclosedAction,
    UnterminatedQuote,
    UnrecognizedCharacter,
    MixedParameters,
    /// <summary>An unquoted value written against the closing delimiter swallows it (<c>color=blue&gt;}}</c>).</summary>
    ValueSwallowsDelimiter,
    ClosingNameMismatch,
    MissingName,
    BadName,
    UnclosedComment,
    Other,
}

/// <summary>
/// One shortcode tag as Hugo reads it: an opening call, a closing tag (<c>{{&lt; /name &gt;}}</c>),
/// a self-closing call, or an escaped call (<c>{{&lt;/* name */&gt;}}</c>), which is text.
/// Calls Hugo cannot read carry a <see cref="SyntaxError"/> and are read leniently for the rest.
/// </summary>
public sealed class ShortcodeCall
{
    public required TextSpan Span { get; init; }
    public required ShortcodeNotation Notation { get; init; }
    public required string Name { get; init; }
    public required TextSpan NameSpan { get; init; }
    public ImmutableArray<ShortcodeParameter> Parameters { get; init; } = [];
    public bool IsClosing { get; init; }
    public bool IsSelfClosing { get; init; }

    /// <summary>An escaped call, <c>{{&lt;/* … */&gt;}}</c>: Hugo shows it as text.</summary>
    public bool IsEscaped { get; init; }

    /// <summary>Set when Hugo's lexer fails on this call; the whole site build then fails.</summary>
    public ShortcodeSyntaxError? SyntaxError { get; init; }

    public bool IsNamed(string name) => string.Equals(Name, name, StringComparison.Ordinal);

    public ShortcodeParameter? GetNamed(string name)
    {
        foreach (var p in Parameters)
            if (p.Name == name) return p;
        return null;
    }

    public bool HasNamedParameters => Parameters.Any(p => p.IsNamed);

    public bool HasPositionalParameters => Parameters.Any(p => !p.IsNamed);

    public override string ToString() =>
        (IsEscaped ? "escaped " : "") + (IsClosing ? "/" : "") + Name + (IsSelfClosing ? " /" : "") + " " + Span;
}
