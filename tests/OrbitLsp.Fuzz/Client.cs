using OrbitLsp.LanguageServer.Protocol;

namespace OrbitLsp.Fuzz;

/// <summary>
/// The client a case plays: what it said it supports changes what the server answers (positions in
/// UTF-8 bytes, fix-all resolved later, flat symbols, plain-text hovers and completions).
/// </summary>
public sealed record Client(bool Utf8, bool ResolvesEdits, bool DocumentChanges, bool Hierarchical, bool Snippets, bool PlainText)
{
    public static Client Pick(Random random) => new(
        Utf8: random.Next(4) == 0,
        ResolvesEdits: random.Next(2) == 0,
        DocumentChanges: random.Next(4) != 0,
        Hierarchical: random.Next(4) != 0,
        Snippets: random.Next(3) != 0,
        PlainText: random.Next(4) == 0);

    public InitializeParams Initialize => new()
    {
        ProcessId = null,
        ClientInfo = new NameAndVersion("fuzz"),
        Capabilities = new ClientCapabilities
        {
            General = Utf8 ? new GeneralClientCapabilities { PositionEncodings = ["utf-8", "utf-16"] } : null,
            TextDocument = new TextDocumentClientCapabilities
            {
                Hover = PlainText ? new HoverClientCapabilities { ContentFormat = [MarkupContent.PlainText] } : null,
                CodeAction = new CodeActionClientCapabilities
                {
                    CodeActionLiteralSupport = System.Text.Json.JsonSerializer.SerializeToElement(new { codeActionKind = new { valueSet = new[] { "quickfix", "refactor", "source" } } }),
                    DataSupport = ResolvesEdits,
                    ResolveSupport = ResolvesEdits ? new ResolveSupport(["edit"]) : null,
                },
                Completion = new CompletionClientCapabilities
                {
                    CompletionItem = new CompletionItemClientCapabilities
                    {
                        SnippetSupport = Snippets,
                        DocumentationFormat = PlainText ? [MarkupContent.PlainText] : [MarkupContent.Markdown, MarkupContent.PlainText],
                    },
                },
                DocumentSymbol = new DocumentSymbolClientCapabilities { HierarchicalDocumentSymbolSupport = Hierarchical },
                FoldingRange = new FoldingRangeClientCapabilities { FoldingRange = new FoldingRangeDetails { CollapsedText = true } },
            },
            Workspace = new WorkspaceClientCapabilities { WorkspaceEdit = DocumentChanges ? new WorkspaceEditClientCapabilities { DocumentChanges = true } : null },
        },
    };

    public override string ToString() =>
        string.Join(",", new[] { Utf8 ? "utf-8" : "utf-16", ResolvesEdits ? "resolve" : null, DocumentChanges ? "documentChanges" : "changes",
            Hierarchical ? null : "flat-symbols", Snippets ? null : "no-snippets", PlainText ? "plaintext" : null }.OfType<string>());
}
