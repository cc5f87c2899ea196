using System.Text.Json;
using OrbitLsp.Core.Analysis;
using OrbitLsp.Core.Ide.Fixes;
using OrbitLsp.LanguageServer.Documents;
using OrbitLsp.LanguageServer.Features.Diagnostics;
using OrbitLsp.LanguageServer.Lifecycle;
using OrbitLsp.LanguageServer.Protocol;
using OrbitLsp.LanguageServer.Transport;

namespace OrbitLsp.LanguageServer.Features.CodeActions;

/// <summary>
/// <c>textDocument/codeAction</c>: the quick fixes and rewrites at the range, and
/// <c>source.fixAll.orbitlsp</c> for the whole note; <c>codeAction/resolve</c> computes the
/// fix-all's edit later for clients that can ask (it re-analyses the note once a round, see <see cref="CodeFixes.MaxRounds"/>).
/// </summary>
public sealed class CodeActionHandler(DocumentStore documents, ServerState state)
{
    public const string FixAllTitle = "Fix all safe Orbit problems";

    public static string[] Kinds => [CodeActionKinds.QuickFix, CodeActionKinds.RefactorRewrite, CodeActionKinds.SourceFixAllOrbit];

    public async Task<CodeAction[]> HandleAsync(CodeActionParams p, CancellationToken ct)
    {
        var snapshot = documents.Require(p.TextDocument);
        if (!snapshot.IsNote || p.Range is null) return [];
        // A prose edit's fixes and rewrites at the range are its basis's (they lie on the lines of
        // blocks, calls and diagnostics, which it neither moves nor touches), at the same positions.
        var (source, analysis) = await snapshot.AnalyzeProseSourceAsync(ct).ConfigureAwait(false);
        var actions = At(snapshot, source, analysis, p.Range, p.Context, state);
        // NOTE: without resolve, the fix-all's edit (an analysis a round) is computed only when asked
        // for by kind or at a problem, not for every cursor move of a client that asks with no kind.
        var only = p.Context?.Only;
        var span = state.Encoder.ToSpan(source.Lines, source.Text, p.Range);
        bool worthIt = ClientResolvesEdits || only is not null || analysis.Diagnostics.Any(d => d.Span.Start <= span.End && span.Start <= d.Span.End);
        if (Wants(only, CodeActionKinds.SourceFixAllOrbit) && analysis.Diagnostics.Length > 0 && worthIt)
        {
            var fixAll = new CodeAction { Title = FixAllTitle, Kind = CodeActionKinds.SourceFixAllOrbit };
            if (ClientResolvesEdits) actions.Add(fixAll with { Data = JsonSerializer.SerializeToElement(new TextDocumentIdentifier(snapshot.Uri), LspJson.Info<TextDocumentIdentifier>()) });
            // The fix-all's edit is made on the note as it is (its rounds analyse the fixed text).
            else if (CodeFixes.FixAll(await snapshot.AnalyzeAsync(ct).ConfigureAwait(false)) is { Count: > 0 } edits) actions.Add(fixAll with { Edit = WorkspaceEdits.For(snapshot, edits, state) });
        }
        return [.. actions];
    }

    /// <summary>
    /// The quick fixes and rewrites at <paramref name="range"/> of <paramref name="snapshot"/>, made
    /// from <paramref name="source"/> (the snapshot or the analysed version a prose edit was typed
    /// on) and its <paramref name="analysis"/>; edits are of the snapshot's version.
    /// </summary>
    public static List<CodeAction> At(DocumentSnapshot snapshot, DocumentSnapshot source, NoteAnalysis analysis, Protocol.Range range, CodeActionContext? context, ServerState state)
    {
        var span = state.Encoder.ToSpan(source.Lines, source.Text, range);
        var only = context?.Only;
        return [.. CodeFixes.For(analysis, span).Where(f => Wants(only, f.Kind)).Select(f => new CodeAction
        {
            Title = f.Title,
            Kind = f.Kind,
            IsPreferred = f.IsPreferred ? true : null,
            Diagnostics = Linked(context?.Diagnostics, f.DiagnosticCode),
            Edit = WorkspaceEdits.For(snapshot, f.Edits, state, source),
        })];
    }

    /// <summary><c>codeAction/resolve</c>: the fix-all's edit, against the note as it is now.</summary>
    public async Task<CodeAction> ResolveAsync(CodeAction action, CancellationToken ct)
    {
        if (action.Kind != CodeActionKinds.SourceFixAllOrbit || action.Data?.Deserialize(LspJson.Info<TextDocumentIdentifier>()) is not { } document)
            return action;
        var snapshot = documents.Require(document);
        if (!snapshot.IsNote) return action;
        var analysis = await snapshot.AnalyzeAsync(ct).ConfigureAwait(false);
        return action with { Edit = WorkspaceEdits.For(snapshot, CodeFixes.FixAll(analysis), state), Data = null };
    }

    public static bool ResolvesEdits(ClientCapabilities client) =>
        client.TextDocument?.CodeAction is { DataSupport: true, ResolveSupport.Properties: { } properties } && properties.Contains("edit");

    private bool ClientResolvesEdits => ResolvesEdits(state.Client);

    /// <summary>A kind is wanted when <c>only</c> is absent, names it, or names a kind it belongs to ("source" takes "source.fixAll.orbitlsp").</summary>
    private static bool Wants(string[]? only, string kind) =>
        only is null || only.Any(o => kind == o || kind.StartsWith(o + ".", StringComparison.Ordinal));

    // NOTE: a fix is linked to the client's own diagnostics of its rule in the request's context
    // (the ones it shows at the range); the client matches them by value, so they go back as sent.
    private static JsonElement[]? Linked(JsonElement[]? context, string? code) =>
        code is null || context is null ? null
        : context.Where(d => Is(d, "code", code) && Is(d, "source", DiagnosticConverter.Source)).ToArray() is { Length: > 0 } linked ? linked : null;

    private static bool Is(JsonElement diagnostic, string property, string value) =>
        diagnostic.ValueKind == JsonValueKind.Object && diagnostic.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() == value;
}
