namespace OrbitLsp.Core.Ide;

/// <summary>How a completion was asked for; the numbers are LSP's CompletionTriggerKind.</summary>
public enum CompletionTriggerKind
{
    Invoked = 1,
    TriggerCharacter = 2,
    TriggerForIncompleteCompletions = 3,
}

/// <summary>What the client said about the request: typed (and which character) or asked for.</summary>
public readonly record struct CompletionContext(CompletionTriggerKind TriggerKind, string? TriggerCharacter = null)
{
    public static CompletionContext Invoked { get; } = new(CompletionTriggerKind.Invoked);

    public static CompletionContext Typed(char c) => new(CompletionTriggerKind.TriggerCharacter, c.ToString());
}

/// <summary>The kind of a suggestion; the numbers are LSP's CompletionItemKind.</summary>
public enum CompletionKind
{
    Property = 10,
    Value = 12,
    Keyword = 14,
    Snippet = 15,
    Color = 16,
    EnumMember = 20,
}

/// <summary>
/// One completion. <see cref="Edit"/> replaces the text already typed; when <see cref="IsSnippet"/>
/// its text uses LSP snippet syntax (<c>$0</c>, <c>${1|a,b|}</c>, <c>\}</c>). <see cref="Documentation"/>
/// is Markdown. <see cref="FilterText"/>, when set, is what the client matches the typed text against.
/// </summary>
public sealed record CompletionSuggestion(
    string Label,
    CompletionKind Kind,
    string? Detail,
    string? Documentation,
    TextEdit Edit,
    bool IsSnippet = false,
    string? FilterText = null,
    string? SortText = null);
