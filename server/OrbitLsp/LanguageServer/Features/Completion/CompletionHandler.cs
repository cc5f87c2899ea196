using OrbitLsp.Core.Ide;
using OrbitLsp.LanguageServer.Documents;
using OrbitLsp.LanguageServer.Lifecycle;
using OrbitLsp.LanguageServer.Protocol;

namespace OrbitLsp.LanguageServer.Features.Completion;

/// <summary>
/// <c>textDocument/completion</c>: review blocks, their close and colours in a note; rule codes and
/// severities in <c>.orbitlsp.yaml</c>. Snippets only for clients that take them, else plain text.
/// </summary>
public sealed class CompletionHandler(DocumentStore documents, ServerState state)
{
    public async Task<CompletionList> HandleAsync(CompletionParams p, CancellationToken ct)
    {
        var snapshot = documents.Require(p.TextDocument);
        if (snapshot.IsDiverged || p.Position is null || state.Encoder.ToOffset(snapshot.Lines, snapshot.Text, p.Position) is not { } offset)
            return new CompletionList(false, []);
        var suggestions = snapshot.IsConfig
            ? ConfigCompletion.At(snapshot.Text, offset)
            : Core.Ide.Completion.At((await snapshot.AnalyzeAsync(ct).ConfigureAwait(false)).Document, offset, ContextOf(p.Context));
        var item = state.Client.TextDocument?.Completion?.CompletionItem;
        bool snippets = item?.SnippetSupport == true;
        bool markdown = item?.DocumentationFormat is not { Length: > 0 } formats || formats.Contains(MarkupContent.Markdown);
        return new CompletionList(false, [.. suggestions.Select(s => new CompletionItem
        {
            Label = s.Label,
            Kind = (int)s.Kind,
            Detail = s.Detail,
            Documentation = s.Documentation is { } doc ? new MarkupContent(markdown ? MarkupContent.Markdown : MarkupContent.PlainText, doc) : null,
            SortText = s.SortText,
            FilterText = s.FilterText,
            InsertTextFormat = s.IsSnippet && snippets ? 2 : 1,
            TextEdit = state.Encoder.ToLsp(snapshot.Lines, snapshot.Text,
                s.IsSnippet && !snippets ? s.Edit with { NewText = SnippetText.ToPlain(s.Edit.NewText) } : s.Edit),
        })]);
    }

    private static Core.Ide.CompletionContext ContextOf(Protocol.CompletionContext? context) =>
        context is null ? Core.Ide.CompletionContext.Invoked : new((CompletionTriggerKind)context.TriggerKind, context.TriggerCharacter);
}
