namespace OrbitLsp.Core.Ide.Fixes;

/// <summary>
/// One change the author may apply to a note: a quick fix for a diagnostic, a rewrite of a block,
/// or a suppression comment. <see cref="Kind"/> is LSP's code action kind ("quickfix" or
/// "refactor.rewrite"). The edits are against the analysed text, never overlap, and are applied
/// together. <see cref="IsSafe"/> means fix-all may apply it without asking: the change is what the
/// author meant beyond doubt, or leaves the published cards as they are.
/// </summary>
public sealed record CodeFix(
    string Title,
    string Kind,
    IReadOnlyList<TextEdit> Edits,
    bool IsSafe,
    string? DiagnosticCode,
    bool IsPreferred)
{
    public const string QuickFix = "quickfix";
    public const string RefactorRewrite = "refactor.rewrite";
}
