using OrbitLsp.LanguageServer.Features.CodeActions;
using OrbitLsp.LanguageServer.Features.SemanticTokens;
using OrbitLsp.LanguageServer.Protocol;

namespace OrbitLsp.LanguageServer.Features;

/// <summary>The authoring features' part of the capabilities: what is implemented, as far as the client can take it.</summary>
public static class FeatureCapabilities
{
    public static ServerCapabilities With(ServerCapabilities capabilities, ClientCapabilities client) => capabilities with
    {
        // NOTE: a client that takes only Commands as code actions gets none: the server has no
        // command that edits, it never writes files.
        CodeActionProvider = client.TextDocument?.CodeAction?.CodeActionLiteralSupport is null ? null
            : new CodeActionOptions(CodeActionHandler.Kinds, CodeActionHandler.ResolvesEdits(client)),
        CodeLensProvider = new CodeLensOptions(ResolveProvider: false),
        InlayHintProvider = true,
        SemanticTokensProvider = SemanticTokensHandler.Options,
        DocumentSymbolProvider = true,
        FoldingRangeProvider = true,
        SelectionRangeProvider = true,
        CompletionProvider = new CompletionOptions(Core.Ide.Completion.TriggerCharacters),
        DocumentFormattingProvider = true,
        DocumentRangeFormattingProvider = true,
    };
}
