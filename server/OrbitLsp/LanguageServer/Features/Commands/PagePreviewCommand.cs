using OrbitLsp.Core.Diagnostics;
using OrbitLsp.Core.Ide;
using OrbitLsp.Core.Model;
using OrbitLsp.LanguageServer.Documents;

namespace OrbitLsp.LanguageServer.Features.Commands;

/// <summary><c>orbit.pagePreview</c>: the core's <see cref="PagePreview"/> in the protocol's positions.</summary>
public static class PagePreviewCommand
{
    public static PagePreviewResult Convert(PreviewSource source, PositionEncoder encoder)
    {
        var doc = source.Analysis.Document;
        var preview = PagePreview.Of(source.Analysis);
        var codes = new SortedSet<string>(StringComparer.Ordinal);
        string[] Codes(IEnumerable<string> found)
        {
            var list = found.ToArray();
            codes.UnionWith(list);
            return list;
        }
        Protocol.Range Range(Core.Text.TextSpan span) => encoder.ToRange(doc.Lines, doc.Text, span);
        int Line(int offset) => doc.Lines.GetLine(offset);

        var areas = preview.Areas.Select(a => new PagePreviewArea(
            a.Index,
            a.Block.Form switch { BlockForm.Legacy => "legacy", BlockForm.Html => "html", _ => "shortcode" },
            a.Block.Placement switch { BlockPlacement.CodeFence => "codeFence", BlockPlacement.HtmlComment => "htmlComment", _ => "body" },
            a.Block.IsHidden,
            a.Block.Color,
            Range(a.Block.Span),
            Range(a.Block.OpenSpan),
            Codes(a.Problems),
            [.. a.Cards.Select(c => new PagePreviewCard(
                c.Prompt,
                c.Question,
                c.Answer,
                c.SourcePrompt.HasAnswer,
                Line(c.QuestionSpan.Start),
                Range(c.Span),
                Codes(c.Problems),
                c.SourcePrompt.ShiftedBy is { } cause ? Line(cause.LineSpan.Start) : null,
                c.SourcePrompt.Cloze is { } cloze ? [.. ClozeText.Read(cloze).Parts.Select(p => new PagePreviewClozePart(p.Text, p.Deleted))] : null,
                c.SourcePrompt.QuestionAttachments is { Length: > 0 } qa ? [.. qa] : null,
                c.SourcePrompt.AnswerAttachments is { Length: > 0 } aa ? [.. aa] : null))]))
            .ToArray();
        var calls = preview.Calls.Select(c => new PagePreviewCall(
            c.Call.Name, Range(c.Call.Span), c.Call.IsClosing, c.Call.IsSelfClosing, c.PrintedText, Codes(c.Problems))).ToArray();
        PagePreviewProblem? failure = null;
        if (preview.BuildFailure is { } f)
        {
            codes.Add(f.Code);
            failure = new PagePreviewProblem(f.Code, f.Message, Range(f.Span));
        }
        var rules = codes.Select(Rules.Find).OfType<Rule>().ToDictionary(r => r.Code, r => new PagePreviewRule(r.Name, r.Title), StringComparer.Ordinal);
        return new PagePreviewResult(source.Version, areas, calls, failure, rules);
    }
}
