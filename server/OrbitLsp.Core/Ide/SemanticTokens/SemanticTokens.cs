using System.Collections.Immutable;
using OrbitLsp.Core.Analysis;
using OrbitLsp.Core.Model;
using OrbitLsp.Core.Syntax;
using OrbitLsp.Core.Text;

namespace OrbitLsp.Core.Ide;

/// <summary>One semantic token: on one line, never overlapping another.</summary>
public readonly record struct SemanticToken(TextSpan Span, SemanticTokenType Type, SemanticTokenModifiers Modifiers);

/// <summary>
/// Semantic tokens that tell question lines, answer lines, block tags, parameter names and values
/// and math apart, so a shifted pairing shows in colour. Inner things win over outer ones: math
/// over its prompt line, a nested block over the outer block's line that holds it.
/// </summary>
public static partial class SemanticTokens
{
    /// <summary>Tokens in document order, each on one line; with a range, those overlapping it.</summary>
    public static ImmutableArray<SemanticToken> For(NoteAnalysis analysis, TextSpan? range = null) => For(analysis.Document, range);

    /// <summary>
    /// The same from the model alone: a block's tokens depend on nothing outside it (a block read
    /// again alone while its author types has its own).
    /// </summary>
    public static ImmutableArray<SemanticToken> For(NoteDocument doc, TextSpan? range = null)
    {
        var painter = new TokenPainter();
        // With a range, the blocks it meets, and the blocks nested in those: a nested block's hole
        // shapes its outer block's tokens beside it, in the range too.
        var painted = range is null ? null : new HashSet<ReviewBlock>(ReferenceEqualityComparer.Instance);
        foreach (var block in doc.Blocks)
        {
            if (range is { } r)
            {
                if (!block.Span.OverlapsWith(r) && !r.Touches(block.Span.Start) && (block.Parent is not { } parent || !painted!.Contains(parent))) continue;
                painted!.Add(block);
            }
            int layer = Depth(block) * 3;
            var mods = block.IsHidden ? SemanticTokenModifiers.Hidden : SemanticTokenModifiers.None;
            if (block.Form == BlockForm.Legacy) mods |= SemanticTokenModifiers.Deprecated;
            if (block.Parent is not null) painter.AddHole(block.Span, layer);
            switch (block.Form)
            {
                case BlockForm.Shortcode:
                    AddCall(painter, doc.Text, block.Open!, layer + 1, mods);
                    if (block.Close is { } close) AddCall(painter, doc.Text, close, layer + 1, mods);
                    foreach (var line in block.Lines) AddPromptLine(painter, doc.Text, block, line, layer, mods);
                    foreach (var dropped in block.DroppedLines) painter.Add(Trim(doc.Text, dropped), SemanticTokenType.Comment, mods, layer);
                    break;
                case BlockForm.Legacy:
                    AddCall(painter, doc.Text, block.Open!, layer + 1, mods);
                    if (block.Close is { } end) AddCall(painter, doc.Text, end, layer + 1, mods);
                    foreach (var card in block.Flashcards) AddCall(painter, doc.Text, card, layer + 1, mods, flashcard: true);
                    break;
                case BlockForm.Html:
                    AddElement(painter, doc.Text, block.Area!, layer + 1, mods);
                    foreach (var p in block.Prompts) AddElement(painter, doc.Text, p.Element!, layer + 1, mods);
                    break;
            }
        }
        return painter.Finish(doc.Text, doc.Lines, range);
    }

    private static int Depth(ReviewBlock block)
    {
        int depth = 0;
        for (var p = block.Parent; p is not null; p = p.Parent) depth++;
        return depth;
    }

    private static void AddPromptLine(TokenPainter painter, string text, ReviewBlock block, PromptLine line, int layer, SemanticTokenModifiers mods)
    {
        var prompt = block.Prompts[line.Index / 2];
        bool question = line.Index % 2 == 0;
        if (prompt.ShiftedBy is not null) mods |= SemanticTokenModifiers.Shifted;
        if (question && !prompt.HasAnswer) mods |= SemanticTokenModifiers.Unanswered;
        AddText(painter, text, line.ContentSpan, question ? SemanticTokenType.OrbitQuestion : SemanticTokenType.OrbitAnswer, mods, layer);
    }

    /// <summary>Prompt text, with its math on the layer above.</summary>
    private static void AddText(TokenPainter painter, string text, TextSpan span, SemanticTokenType type, SemanticTokenModifiers mods, int layer)
    {
        painter.Add(span, type, mods, layer);
        foreach (var math in MathSpans.Find(text, span)) painter.Add(math, SemanticTokenType.OrbitMath, mods, layer + 1);
    }

    /// <summary>
    /// A shortcode call: the tag (<c>{{&lt; name</c> and the closing delimiter), parameter names and
    /// values. In an <c>orbit_flashcard</c> call the question and answer values are prompt text.
    /// </summary>
    private static void AddCall(TokenPainter painter, string text, ShortcodeCall call, int layer, SemanticTokenModifiers mods, bool flashcard = false)
    {
        painter.Add(TextSpan.FromBounds(call.Span.Start, call.NameSpan.End), SemanticTokenType.OrbitTag, mods, layer);
        int last = call.NameSpan.End;
        foreach (var p in call.Parameters)
        {
            if (p.NameSpan is { } name) painter.Add(name, SemanticTokenType.Parameter, mods, layer);
            if (flashcard && p.Name is "question" or "answer")
                AddText(painter, text, p.ValueSpan, p.Name == "question" ? SemanticTokenType.OrbitQuestion : SemanticTokenType.OrbitAnswer, mods, layer);
            else painter.Add(p.ValueSpan, SemanticTokenType.String, mods, layer);
            last = Math.Max(last, p.Span.End);
        }
        if (call.SyntaxError?.Kind == ShortcodeErrorKind.UnclosedAction) return;
        // The closing delimiter: ">}}" or "%}}", "/>}}" for a self-closing call.
        int delimiter = call.Span.End - 3;
        if (call.IsSelfClosing && delimiter > 0 && text[delimiter - 1] == '/') delimiter--;
        painter.Add(TextSpan.FromBounds(Math.Max(last, delimiter), call.Span.End), SemanticTokenType.OrbitTag, mods, layer);
    }

    private static void AddElement(TokenPainter painter, string text, HtmlElement element, int layer, SemanticTokenModifiers mods)
    {
        var tag = element.StartTag;
        int nameEnd = tag.Start + 1 + element.Name.Length;
        painter.Add(TextSpan.FromBounds(tag.Start, Math.Min(nameEnd, tag.End)), SemanticTokenType.OrbitTag, mods, layer);
        foreach (var a in element.Attributes)
        {
            painter.Add(a.NameSpan, SemanticTokenType.Parameter, mods, layer);
            if (!a.HasValue) continue;
            if (a.Name is "question" or "cloze") AddText(painter, text, a.ValueSpan, SemanticTokenType.OrbitQuestion, mods, layer);
            else if (a.Name == "answer") AddText(painter, text, a.ValueSpan, SemanticTokenType.OrbitAnswer, mods, layer);
            else painter.Add(a.ValueSpan, SemanticTokenType.String, mods, layer);
        }
        if (element.IsComplete && tag.Length > 0 && text[tag.End - 1] == '>')
        {
            int close = element.IsSelfClosing && tag.Length > 1 && text[tag.End - 2] == '/' ? tag.End - 2 : tag.End - 1;
            painter.Add(TextSpan.FromBounds(close, tag.End), SemanticTokenType.OrbitTag, mods, layer);
        }
        if (element.EndTag is { } endTag) painter.Add(endTag, SemanticTokenType.OrbitTag, mods, layer);
    }

    private static TextSpan Trim(string text, TextSpan span)
    {
        int s = span.Start, e = span.End;
        while (s < e && char.IsWhiteSpace(text[s])) s++;
        while (e > s && char.IsWhiteSpace(text[e - 1])) e--;
        return TextSpan.FromBounds(s, e);
    }
}
