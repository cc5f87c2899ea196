using System.Collections.Immutable;
using System.Text;
using OrbitLsp.Core.Analysis;
using OrbitLsp.Core.Model;
using OrbitLsp.Core.Text;

namespace OrbitLsp.Core.Ide;

public enum NoteSymbolKind
{
    /// <summary>A review block (the server may show it as a module or namespace).</summary>
    Block,

    /// <summary>A prompt, named by its question (the server may show it as a string or field).</summary>
    Prompt,
}

/// <summary>
/// An outline entry. <see cref="Span"/> covers the whole block or prompt; <see cref="SelectionSpan"/>
/// is what the editor highlights (the opening tag, the question).
/// </summary>
public sealed record NoteSymbol(string Name, string? Detail, NoteSymbolKind Kind, TextSpan Span, TextSpan SelectionSpan, ImmutableArray<NoteSymbol> Children);

/// <summary>The outline of a note: review blocks, each with its prompts named by their question.</summary>
public static class DocumentSymbols
{
    public const int MaxNameLength = 60;

    /// <summary>
    /// Blocks nested deeper than this are listed among the children of their ancestor at this depth:
    /// an outline of hundreds of levels helps nobody, and a client's JSON reader may refuse it (the
    /// server's own writer stops at 64 levels of JSON, two a level of symbols).
    /// </summary>
    public const int MaxDepth = 16;

    public static ImmutableArray<NoteSymbol> For(NoteAnalysis analysis) => For(analysis.Document);

    /// <summary>The same from the model alone: one symbol per top-level block, in order, each depending on nothing outside its block.</summary>
    public static ImmutableArray<NoteSymbol> For(NoteDocument doc) =>
        [.. doc.Blocks.Where(b => b.Parent is null).Select(b => BlockSymbol(b, 1))];

    /// <param name="depth">1 for a block at the top; 0 for one listed without the blocks nested in it.</param>
    private static NoteSymbol BlockSymbol(ReviewBlock block, int depth)
    {
        var children = ImmutableArray.CreateBuilder<NoteSymbol>();
        foreach (var p in block.Prompts)
            children.Add(new NoteSymbol(Name(p.Question), PromptDetail(p), NoteSymbolKind.Prompt, p.Span, p.QuestionSpan, []));
        if (depth is > 0 and < MaxDepth)
            foreach (var nested in block.NestedBlocks) children.Add(BlockSymbol(nested, depth + 1));
        else if (depth == MaxDepth)
        {
            // Every block nested below, with its own prompts, as a sibling of the others.
            var below = new Stack<ReviewBlock>(block.NestedBlocks);
            while (below.TryPop(out var nested))
            {
                children.Add(BlockSymbol(nested, 0));
                foreach (var deeper in nested.NestedBlocks) below.Push(deeper);
            }
        }
        children.Sort((a, b) => a.Span.Start.CompareTo(b.Span.Start));
        string form = FormName(block.Form);
        string color = block.Color.Length == 0 ? "no colour" : block.Color;
        string where = block.Placement switch
        {
            BlockPlacement.CodeFence => ", in a code block",
            BlockPlacement.HtmlComment => ", hidden in a comment",
            BlockPlacement.FrontMatter => ", in the front matter",
            BlockPlacement.Nested => ", nested",
            _ => "",
        };
        string detail = $"{block.Prompts.Length} prompt{(block.Prompts.Length == 1 ? "" : "s")}{where}";
        return new NoteSymbol($"{form} ({color})", detail, NoteSymbolKind.Block, block.Span, block.OpenSpan, children.ToImmutable());
    }

    internal static string FormName(BlockForm form) => form switch
    {
        BlockForm.Shortcode => "orbit_review",
        BlockForm.Legacy => "orbit_review_start",
        _ => "<orbit-reviewarea>",
    };

    private static string? PromptDetail(Prompt p) =>
        !p.HasAnswer ? "no answer" : p.Cloze is not null ? "cloze" : Name(p.Answer);

    /// <summary>One line, invisible characters shown, cut at <see cref="MaxNameLength"/> with an ellipsis.</summary>
    public static string Name(string text)
    {
        var sb = new StringBuilder(Math.Min(text.Length, MaxNameLength + 1));
        foreach (char c in text)
        {
            if (sb.Length >= MaxNameLength) { sb.Append('…'); break; }
            sb.Append(c switch { '\t' => '→', '\u00A0' => '⍽', '\r' => '␍', '\n' => ' ', _ => c });
        }
        string name = sb.ToString().Trim();
        // A surrogate pair must not be cut in half.
        if (name.Length > 1 && name[^1] == '…' && char.IsHighSurrogate(name[^2])) name = name[..^2] + "…";
        return name.Length == 0 ? "(empty question)" : name;
    }
}
