using System.Collections.Immutable;
using OrbitLsp.Core.Model;
using OrbitLsp.Core.Syntax;
using OrbitLsp.Core.Text;

namespace OrbitLsp.Core.Ide;

/// <summary>
/// Completion in a note: after <c>{{&lt;</c> or <c>{{%</c> an <c>orbit_review</c> block (inside an
/// open block, its close instead); in an opening tag <c>color=</c> and the twelve colours;
/// after <c>{{&lt;/</c> the close of the innermost open block. Always in the notation typed.
/// </summary>
public static class Completion
{
    /// <summary>Characters after which the server should ask (LSP's triggerCharacters).</summary>
    public static IReadOnlyList<string> TriggerCharacters { get; } = ["<", "%", "/", " ", "=", "\""];

    public static ImmutableArray<CompletionSuggestion> At(NoteDocument doc, int offset, CompletionContext context)
    {
        offset = Math.Clamp(offset, 0, doc.Text.Length);
        var tag = TagContext.Read(doc.Text, offset);
        string? typed = context.TriggerKind == CompletionTriggerKind.TriggerCharacter ? context.TriggerCharacter : null;
        // NOTE: a trigger character only opens the list where it means something: a space in an
        // opening tag, '=' or '"' before a colour, '/' for a close. Elsewhere it would pop up a list
        // in the middle of prose.
        return tag.Place switch
        {
            TagPlace.Name when typed is null or "<" or "%" => NameSuggestions(doc, tag),
            TagPlace.ClosingName when typed is null or "/" => CloseSuggestion(doc, tag, fromSlash: true),
            TagPlace.ParameterName when typed is null or " " => ParameterSuggestions(doc.Text, offset, tag),
            TagPlace.ColorValue when typed is null or "=" or "\"" => ColorSuggestions(doc.Text, tag),
            _ => [],
        };
    }

    private static ImmutableArray<CompletionSuggestion> NameSuggestions(NoteDocument doc, TagContext tag)
    {
        // NOTE: inside an open block only its close is offered: a new block there would be
        // nested, and a nested block becomes one prompt line of the outer block.
        if (InnermostOpenBlock(doc, tag.TagStart) is not null) return CloseSuggestion(doc, tag, fromSlash: false);
        var (open, close) = tag.Notation == ShortcodeNotation.Angle ? ("{{<", ">}}") : ("{{%", "%}}");
        string choices = string.Join(",", OrbitColors.All.OrderBy(c => c == ShortcodeBlockReader.DefaultColor ? 0 : 1));
        string snippet = $" orbit_review color=\"${{1|{choices}|}}\" {Escape(close)}\n$0\n{Escape(open)} /orbit_review {Escape(close)}";
        var items = ImmutableArray.CreateBuilder<CompletionSuggestion>();
        items.Add(new CompletionSuggestion("orbit_review", CompletionKind.Snippet, "review block",
            $"A review block: each pair of lines is a card, question then answer. Closed by `{open} /orbit_review {close}`.",
            new TextEdit(tag.Replace, snippet), IsSnippet: true, FilterText: tag.Typed + "orbit_review", SortText: "0"));
        return items.ToImmutable();
    }

    private static ImmutableArray<CompletionSuggestion> CloseSuggestion(NoteDocument doc, TagContext tag, bool fromSlash)
    {
        if (InnermostOpenBlock(doc, tag.TagStart) is not { } block) return [];
        string close = tag.Notation == ShortcodeNotation.Angle ? ">}}" : "%}}";
        string newText = $" /orbit_review {close}";
        int line = doc.Lines.GetLine(block.Open!.Span.Start) + 1;
        return [new CompletionSuggestion("/orbit_review", CompletionKind.Keyword, $"closes the block opened on line {line}",
            $"Closes the `orbit_review` block opened on line {line}. A block never closed fails the site build.",
            new TextEdit(tag.Replace, newText), FilterText: (fromSlash ? tag.Typed : tag.Typed + "/") + "orbit_review", SortText: "1")];
    }

    /// <summary>The innermost <c>orbit_review</c> opened before <paramref name="before"/> and not yet closed there.</summary>
    internal static ReviewBlock? InnermostOpenBlock(NoteDocument doc, int before)
    {
        ReviewBlock? innermost = null;
        foreach (var block in doc.Blocks)
        {
            if (block.Form != BlockForm.Shortcode || block.IsSelfClosed || block.Open is not { } open) continue;
            if (open.Span.End > before || block.Placement == BlockPlacement.FrontMatter) continue;
            if (block.Close is { } close && close.Span.Start < before) continue;
            innermost = block;
        }
        return innermost;
    }

    private static ImmutableArray<CompletionSuggestion> ParameterSuggestions(string text, int offset, TagContext tag)
    {
        if (tag.Name is not ("orbit_review" or "orbit_review_start")) return [];
        if (tag.Written.Contains("color=", StringComparison.Ordinal) || RestOfTag(text, offset).Contains("color=", StringComparison.Ordinal)) return [];
        string choices = string.Join(",", OrbitColors.All);
        return [new CompletionSuggestion("color=", CompletionKind.Property, "review area colour",
            $"The review area's colour, one of Orbit's twelve: {string.Join(", ", OrbitColors.All)}. " +
            (tag.Name == "orbit_review" ? "Without it the block is purple." : "Without it `orbit_review_start` writes `color=''`."),
            new TextEdit(tag.Replace, $"color=\"${{1|{choices}|}}\""), IsSnippet: true)];
    }

    private static string RestOfTag(string text, int offset)
    {
        int end = text.IndexOf("}}", offset, StringComparison.Ordinal);
        return end < 0 ? "" : text[offset..end];
    }

    private static ImmutableArray<CompletionSuggestion> ColorSuggestions(string text, TagContext tag)
    {
        bool keepQuote = tag.Quote is '"' or '`';
        bool closedAlready = keepQuote && tag.Replace.End < text.Length && text[tag.Replace.End] == tag.Quote;
        var items = ImmutableArray.CreateBuilder<CompletionSuggestion>(OrbitColors.All.Count);
        for (int i = 0; i < OrbitColors.All.Count; i++)
        {
            string color = OrbitColors.All[i];
            string newText = keepQuote ? color + (closedAlready ? "" : tag.Quote.ToString()) : $"\"{color}\"";
            items.Add(new CompletionSuggestion(color, CompletionKind.Color, "Orbit review area colour", ColorDocs.For(color, tag.Name),
                new TextEdit(tag.Replace, newText), FilterText: (tag.Quote == '\'' ? "'" : "") + color,
                SortText: i.ToString("D2")));
        }
        return items.MoveToImmutable();
    }

    /// <summary>Escapes text for LSP snippet syntax.</summary>
    internal static string Escape(string text) => text.Replace("\\", "\\\\").Replace("$", "\\$").Replace("}", "\\}");
}
