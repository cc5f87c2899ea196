using OrbitLsp.Core.Ide;
using OrbitLsp.LanguageServer.Configuration;
using OrbitLsp.LanguageServer.Documents;
using OrbitLsp.LanguageServer.Lifecycle;
using OrbitLsp.LanguageServer.Protocol;
using OrbitLsp.LanguageServer.Transport;

namespace OrbitLsp.LanguageServer.Features.Commands;

/// <summary>
/// <c>workspace/executeCommand</c> for <c>orbit.previewReview</c>, <c>orbit.previewReviewHtml</c>,
/// <c>orbit.pagePreview</c>, <c>orbit.showProblems</c>, <c>orbit.reviewDue</c> and <c>orbit.recordReview</c>.
/// </summary>
public sealed class ExecuteCommandHandler(DocumentStore documents, ServerState state, SettingsService settings, ShowProblems showProblems, Review.ReviewCommands reviews)
{
    public const string PreviewReview = "orbit.previewReview";
    public const string PreviewReviewHtml = "orbit.previewReviewHtml";
    public const string ShowProblems = "orbit.showProblems";
    public const string PagePreview = "orbit.pagePreview";

    public static string[] Commands => [PreviewReview, PreviewReviewHtml, PagePreview, ShowProblems, Review.ReviewCommands.ReviewDue, Review.ReviewCommands.RecordReview];

    public async Task<object> HandleAsync(ExecuteCommandParams p, CancellationToken ct)
    {
        if (p.Command == Review.ReviewCommands.ReviewDue) return await reviews.DueAsync(p.Arguments, ct).ConfigureAwait(false);
        if (p.Command == Review.ReviewCommands.RecordReview) return await reviews.RecordAsync(p.Arguments, ct).ConfigureAwait(false);
        if (p.Command is not (PreviewReview or PreviewReviewHtml or PagePreview or ShowProblems))
            throw Errors.InvalidParams($"Unknown command '{p.Command}'. This server runs {string.Join(", ", Commands)}.");
        var args = PreviewArguments.Parse(p.Command, p.Arguments);
        if (p.Command == ShowProblems) return await showProblems.RunAsync(args, ct).ConfigureAwait(false);
        var source = await PreviewSource.LoadAsync(args, documents, settings, state.Encoder, ct).ConfigureAwait(false);
        if (p.Command == PreviewReviewHtml) return new PreviewHtmlResult(ReviewPage.Render(source.Title, source.Cards));
        // Off the message loop: a large note's answer takes a while, and the next keystroke's change must not wait for it.
        if (p.Command == PagePreview) return await Task.Run(() => PagePreviewCommand.Convert(source, state.Encoder), ct).ConfigureAwait(false);
        var doc = source.Analysis.Document;
        return new PreviewReviewResult(source.Title, [.. source.Cards.Select(c => new PreviewCard(
            c.Question, c.Answer, c.Color, c.Block, c.Prompt,
            state.Encoder.ToRange(doc.Lines, doc.Text, LineOf(doc, c.QuestionSpan)), [.. c.Problems], c.Hidden,
            // Only a card readers can review has an id to record grades under.
            !c.Hidden && c.Question.Length > 0 ? Core.Review.CardKey.Of(c.Question, c.Answer).ToString() : null))]);
    }

    /// <summary>The whole line the question is written on (without its line break).</summary>
    private static Core.Text.TextSpan LineOf(Core.Model.NoteDocument doc, Core.Text.TextSpan question)
    {
        int line = doc.Lines.GetLine(question.Start);
        return Core.Text.TextSpan.FromBounds(doc.Lines.LineStart(line), doc.Lines.LineEnd(line, doc.Text));
    }
}
