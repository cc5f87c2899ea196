using OrbitLsp.Core.Diagnostics;
using OrbitLsp.Core.Model;
using OrbitLsp.Core.Syntax;

namespace OrbitLsp.Core.Analysis.Checks;

/// <summary>Blocks whose surroundings change what readers get (ORBIT-FORMAT §2).</summary>
internal static class PlacementChecks
{
    public static void Run(NoteDocument doc, List<NoteDiagnostic> sink)
    {
        foreach (var block in doc.Blocks)
        {
            if (block.Form == BlockForm.Html) continue;
            switch (block.Placement)
            {
                case BlockPlacement.CodeFence when block.Open!.Notation == ShortcodeNotation.Angle:
                    sink.Add(new(Rules.BlockInCodeFence, block.OpenSpan,
                        "Hugo runs shortcodes before Markdown, so this block makes a live review area inside the code block. To show the shortcode as text, escape it: {{</* orbit_review */>}} … {{</* /orbit_review */>}}."));
                    break;
                case BlockPlacement.CodeFence:
                    sink.Add(new(Rules.BlockInCodeFence, block.OpenSpan,
                        "Hugo runs this {{% %}} block, but inside the code block its HTML is shown as code text: no review area appears. Escape it ({{%/* orbit_review */%}}) or move it out of the code block."));
                    break;
                case BlockPlacement.HtmlComment:
                    sink.Add(new(Rules.BlockInComment, block.OpenSpan,
                        $"Hugo still runs shortcodes inside <!-- -->: the page gets this block's {block.Prompts.Length} card(s), hidden by the browser. Delete the block, or escape it with {{{{</* … */>}}}} to keep it as a note."));
                    break;
                case BlockPlacement.FrontMatter:
                    sink.Add(new(Rules.BlockInFrontMatter, block.OpenSpan,
                        "Shortcodes are not run inside front matter: this block publishes nothing. Move it below the closing front matter delimiter."));
                    break;
            }
        }
    }
}
