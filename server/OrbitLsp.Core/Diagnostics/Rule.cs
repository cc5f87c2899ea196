namespace OrbitLsp.Core.Diagnostics;

/// <summary>Extra meaning a client may show (LSP's DiagnosticTag).</summary>
[Flags]
public enum RuleTags
{
    None = 0,
    Unnecessary = 1,
    Deprecated = 2,
}

/// <summary>
/// One rule of the catalogue. The code never changes and is never reused; the documentation
/// page is <c>docs/rules/{Code}.md</c>.
/// </summary>
public sealed record Rule(string Code, string Name, Severity DefaultSeverity, string Title, RuleTags Tags = RuleTags.None)
{
    /// <summary>The rule's documentation page, relative to the repository (and to the installed server).</summary>
    public string DocPath => "docs/rules/" + Code + ".md";
}
