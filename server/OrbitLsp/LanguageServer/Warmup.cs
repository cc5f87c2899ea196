using OrbitLsp.Core.Analysis;
using OrbitLsp.Core.Cards;
using OrbitLsp.Core.Ide;

namespace OrbitLsp.LanguageServer;

/// <summary>
/// Runs the analysis once on a small note in the background at start, so the first note the
/// user opens is not also the one that pays for compiling the analyser.
/// </summary>
internal static class Warmup
{
    private const string Note = """
        ---
        title: "Warm-up"
        date: 2024-01-01
        ---
        Some prose with **bold** text, a [link](https://example.com) and `code`.

        {{< orbit_review color="blue" >}}
        What is warm?
        Not cold
        A line without an answer
        {{< /orbit_review >}}

        ```
        {{% orbit_review %}}
        Q?
        A
        {{% /orbit_review %}}
        ```
        <!-- {{<orbit_review color='red'>}} x {{</orbit_review>}} -->
        <orbit-reviewarea color="green"><orbit-prompt question="Q" answer="A"></orbit-prompt></orbit-reviewarea>
        """;

    public static void Start() => _ = Task.Run(() =>
    {
        var analysis = NoteAnalyzer.Analyze(Note);
        var cards = CardExtractor.Extract(analysis);
        for (int offset = 0; offset < Note.Length; offset += 7) HoverContent.At(analysis, offset);
        ReviewPage.Render("warm-up", cards);
    });
}
