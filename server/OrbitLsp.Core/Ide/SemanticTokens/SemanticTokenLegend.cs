namespace OrbitLsp.Core.Ide;

/// <summary>Token types; the number is the index in <see cref="SemanticTokenLegend.TokenTypes"/>.</summary>
public enum SemanticTokenType
{
    /// <summary>A question as the page gets it: a prompt line paired as a question, or a question value.</summary>
    OrbitQuestion,
    OrbitAnswer,

    /// <summary>A review block's tags: <c>{{&lt; orbit_review &gt;}}</c>, its close, the older forms' calls, raw Orbit elements.</summary>
    OrbitTag,

    /// <summary>A parameter or attribute name (standard LSP type).</summary>
    Parameter,

    /// <summary>A parameter or attribute value, quotes included (standard LSP type).</summary>
    String,

    /// <summary>LaTeX math in a prompt: <c>$…$</c> or <c>$$…$$</c>.</summary>
    OrbitMath,

    /// <summary>A line the shortcode drops (only '*' on it) (standard LSP type).</summary>
    Comment,
}

/// <summary>Token modifiers; each is a bit, numbered as in <see cref="SemanticTokenLegend.TokenModifiers"/>.</summary>
[Flags]
public enum SemanticTokenModifiers
{
    None = 0,

    /// <summary>A prompt line paired differently from how it is written (something before it shifted the pairs).</summary>
    Shifted = 1 << 0,

    /// <summary>A question with no answer: Orbit shows a blank back.</summary>
    Unanswered = 1 << 1,

    /// <summary>In a block inside an HTML comment: the browser hides the cards.</summary>
    Hidden = 1 << 2,

    /// <summary>The older <c>orbit_review_start</c> / <c>orbit_flashcard</c> form (standard LSP modifier).</summary>
    Deprecated = 1 << 3,
}

/// <summary>
/// The legend the server announces in its capabilities. Standard LSP names are used where they
/// mean the same thing; the <c>orbit*</c> types are OrbitLsp's own (a client maps them to colours,
/// VS Code through <c>semanticTokenScopes</c>).
/// </summary>
public static class SemanticTokenLegend
{
    public static IReadOnlyList<string> TokenTypes { get; } =
        ["orbitQuestion", "orbitAnswer", "orbitTag", "parameter", "string", "orbitMath", "comment"];

    public static IReadOnlyList<string> TokenModifiers { get; } = ["shifted", "unanswered", "hidden", "deprecated"];
}
