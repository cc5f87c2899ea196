using System.Text;
using System.Text.Json;
using Markdig;
using OrbitLsp.Core.Cards;

namespace OrbitLsp.Cli;

/// <summary><c>orbitlsp cards [paths...]</c>: the cards exactly as the published pages contain them.</summary>
internal static class CardsCommand
{
    public const string Help = """
        Usage: orbitlsp cards [options] [paths...]

        Lists the cards the published pages will contain: the same pairing, text and colour
        as Hugo's orbit_review shortcode gives them, shifted or unanswered cards included.
        Paths are notes or folders, as for 'orbitlsp check'. A note whose Hugo build
        fails publishes no page: it is named on stderr and the exit status is 1.

        Options:
          --format json|anki   json (default): one array of {file, block, prompt, question,
                                 answer, color, line, hidden, id} (id: the card's review id)
                               anki: a tab-separated file Anki imports (#separator:tab,
                                 #html:true), question, answer, and the note's tags
          -h, --help           show this help
        """;

    public static int Run(IEnumerable<string> args, TextWriter stdout, Stream stdoutStream, TextWriter stderr)
    {
        var parsed = Arguments.Parse(args, new HashSet<string> { "format" });
        if (parsed.Help)
        {
            stdout.Write(Help + "\n");
            return 0;
        }
        string format = parsed.Options.GetValueOrDefault("format", "json");
        if (parsed.Error is not null || format is not ("json" or "anki"))
        {
            stderr.Write($"orbitlsp cards: {parsed.Error ?? $"unknown format '{format}' (use json or anki)"}\nRun 'orbitlsp cards --help' for usage.\n");
            return 2;
        }
        var paths = parsed.Paths.Count > 0 ? parsed.Paths : ["."];
        var checker = new Checker();
        var notes = new List<(string File, Core.Analysis.NoteAnalysis Analysis)>();
        var findings = new List<Finding>();
        bool failed = false;
        foreach (var file in Workspace.NoteFiles.Expand(paths))
        {
            var analysis = checker.Analyze(file, findings);
            if (analysis?.BuildFailure is { } failure)
            {
                // Hugo publishes no page for this note, so it has no cards.
                var at = analysis.Document.GetPosition(failure.Span.Start);
                stderr.Write($"orbitlsp cards: {file}:{at.Line + 1}:{at.Character + 1}: the Hugo build fails here ({failure.Code}), so the note publishes no cards; run 'orbitlsp check' for details\n");
                failed = true;
            }
            else if (analysis is not null) notes.Add((file, analysis));
        }
        foreach (var f in findings.Where(f => f.Rule.Code == Core.Diagnostics.Rules.UnreadableFile.Code))
            stderr.Write($"orbitlsp cards: {f.File}: {f.Message}\n");

        stdout.Flush();
        if (format == "anki") WriteAnki(stdout, notes);
        else WriteJson(stdoutStream, notes);
        return failed || findings.Any(f => f.Rule.Code == Core.Diagnostics.Rules.UnreadableFile.Code) ? 1 : 0;
    }

    private static void WriteJson(Stream output, List<(string File, Core.Analysis.NoteAnalysis Analysis)> notes)
    {
        using var w = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        w.WriteStartArray();
        foreach (var (file, analysis) in notes)
        {
            foreach (var card in CardExtractor.Extract(analysis))
            {
                w.WriteStartObject();
                w.WriteString("file", file);
                w.WriteNumber("block", card.Block);
                w.WriteNumber("prompt", card.Prompt);
                w.WriteString("question", card.Question);
                w.WriteString("answer", card.Answer);
                w.WriteString("color", card.Color);
                w.WriteNumber("line", analysis.Document.GetPosition(card.QuestionSpan.Start).Line + 1);
                w.WriteBoolean("hidden", card.Hidden);
                // The id the review store and orbit.recordReview know it by (none for a card readers cannot review).
                if (!card.Hidden && card.Question.Length > 0) w.WriteString("id", Core.Review.CardKey.Of(card.Question, card.Answer).ToString());
                w.WriteEndObject();
            }
        }
        w.WriteEndArray();
        w.Flush();
        output.WriteByte((byte)'\n');
        output.Flush();
    }

    private static readonly MarkdownPipeline PromptPipeline = new MarkdownPipelineBuilder().UseEmphasisExtras().UseMathematics().DisableHtml().Build();

    private static void WriteAnki(TextWriter output, List<(string File, Core.Analysis.NoteAnalysis Analysis)> notes)
    {
        var sb = new StringBuilder("#separator:tab\n#html:true\n#tags column:3\n");
        foreach (var (_, analysis) in notes)
        {
            // Anki splits tags at white space: a tag's own spaces (a line break too) become '_'.
            string tags = string.Join(' ', (analysis.Document.FrontMatter?.Tags ?? []).Select(t => string.Join('_', t.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))).Where(t => t.Length > 0));
            foreach (var card in CardExtractor.Extract(analysis))
            {
                if (card.Hidden) continue;
                sb.Append(Quoted(Field(card.Question))).Append('\t').Append(Quoted(Field(card.Answer))).Append('\t').Append(Quoted(tags)).Append('\n');
            }
        }
        output.Write(sb.ToString());
        output.Flush();
    }

    /// <summary>
    /// A field as Anki's reader (CSV rules, tab-separated) gives it back: quoted, with its quotes
    /// doubled, when it holds a '"' or starts with '#' (a row starting with '#' is a comment to it,
    /// so a question "#tag ..." was dropped; found by fuzzing).
    /// </summary>
    private static string Quoted(string field) =>
        field.Contains('"') || field.StartsWith('#') ? "\"" + field.Replace("\"", "\"\"") + "\"" : field;

    /// <summary>Prompt Markdown as one line of HTML; math as \( \) and \[ \], which Anki's MathJax reads.</summary>
    private static string Field(string markdown)
    {
        markdown = markdown.Replace("\r", "");
        string html;
        try
        {
            html = Markdown.ToHtml(markdown, PromptPipeline).Trim();
        }
        catch (ArgumentException)
        {
            // Markdown nested deeper than Markdig reads (it throws): the text as it is.
            html = System.Net.WebUtility.HtmlEncode(markdown);
        }
        if (html.StartsWith("<p>") && html.EndsWith("</p>") && html.IndexOf("<p>", 3, StringComparison.Ordinal) < 0) html = html[3..^4];
        return html.Replace("\t", " ").Replace("\n", "<br>");
    }
}
